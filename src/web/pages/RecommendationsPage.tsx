import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { useApiData } from '../useApiData.ts';
import { formatNumber, useLocale } from '../util.ts';
import type { Indicator, Recommendation } from './partners/types.ts';

async function loadTracker() {
  const [recommendations, indicators] = await Promise.all([api.get<{ items: Recommendation[] }>('/api/recommendations'), api.get<{ items: Indicator[] }>('/api/indicators')]);
  return { recommendations: recommendations.items, indicators: indicators.items };
}

/** A month-by-month line with the target dashed; numbers stay left-to-right in RTL pages. */
function Sparkline({ points, target }: { points: { month: string; value: number }[]; target: number | null }) {
  const W = 160;
  const H = 36;
  const max = Math.max(1, target ?? 0, ...points.map((p) => p.value));
  const x = (i: number) => (points.length <= 1 ? 0 : (i / (points.length - 1)) * (W - 4) + 2);
  const y = (v: number) => H - 2 - (v / max) * (H - 4);
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <svg className="partners-sparkline" width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true" direction="ltr">
      {target !== null && <line x1={0} x2={W} y1={y(target)} y2={y(target)} stroke="#c0392b" strokeDasharray="4 3" />}
      <path d={d} fill="none" stroke="#1f5f8b" strokeWidth={2} />
    </svg>
  );
}

/** The recommendations tracker: indicators with their trends and targets, and each item's actions. */
export function RecommendationsPage() {
  const { t } = useTranslation();
  const loc = useLocale();
  const { data, error } = useApiData(loadTracker, ['initiative', 'training', 'equipment', 'event', 'seizure', 'crossing']);
  const lang = ['en', 'ru', 'tg', 'fa', 'ps'].includes(loc.code) ? loc.code : 'en';
  return (
    <main className="content-page recommendations-page" data-testid="recommendations-page">
      <div className="page-title-row">
        <h1>{t('partners.tracker')}</h1>
        <div className="partners-actions">
          <a className="btn" href={`/api/reports/progress?lang=${lang}&format=html`} target="_blank" rel="noreferrer" data-testid="progress-report-html">
            {t('partners.report')} — {t('partners.reportHtml')}
          </a>
          <a className="btn" href={`/api/reports/progress?lang=${lang}&format=pdf`} download data-testid="progress-report-pdf">
            {t('partners.reportPdf')}
          </a>
        </div>
      </div>
      <p>{t('partners.trackerIntro')}</p>
      <ErrorMessage error={error} />
      {data && (
        <>
          <section aria-labelledby="tracker-indicators">
            <h2 id="tracker-indicators">{t('partners.indicators')}</h2>
            <ul className="partners-indicators" data-testid="indicators">
              {data.indicators.map((i) => (
                <li key={i.id} data-testid={`indicator-${i.id}`}>
                  <h3>{t(`partners.indicatorNames.${i.id}` as never)}</h3>
                  <p className="partners-figure">
                    <bdi>{formatNumber(i.value, loc.lang, 1)}</bdi>
                  </p>
                  <Sparkline points={i.byMonth} target={i.target?.perMonth ?? null} />
                  {i.target && <p className="partners-target">{t('partners.target', { value: formatNumber(i.target.perMonth, loc.lang) })}</p>}
                  <p className="partners-source" title={i.source}>
                    {t('partners.source')}: {i.source}
                  </p>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="tracker-items">
            <h2 id="tracker-items">{t('partners.recommendation')}</h2>
            <ol className="partners-recommendations" data-testid="recommendations">
              {data.recommendations.map((r) => (
                <li key={r.id} data-testid={`recommendation-${r.ref}`}>
                  <h3>
                    {r.title[loc.code] ?? r.title.en} <span className={`partners-status partners-status-${r.status}`}>{t(`partners.recStatuses.${r.status}` as never)}</span>
                  </h3>
                  <p className="partners-meta">
                    <bdi>{r.ref}</bdi> · {r.meeting} · <bdi>{loc.date(r.meetingDate)}</bdi>
                  </p>
                  <blockquote>{r.text}</blockquote>
                  {r.actions.length > 0 && (
                    <ul className="partners-actions-list">
                      {r.actions.map((a) => (
                        <li key={a.id} className={r.late.includes(a.id) ? 'partners-late' : undefined} data-testid={r.late.includes(a.id) ? `late-${r.ref}-${a.id}` : undefined}>
                          {a.text} — {t('partners.owner')}: {a.owner}
                          {a.deadline && (
                            <>
                              , {t('partners.deadline')}: <bdi>{loc.date(a.deadline)}</bdi>
                            </>
                          )}
                          , {t(`partners.recStatuses.${a.status}` as never)}
                          {r.late.includes(a.id) && <strong> ({t('partners.late')})</strong>}
                          {a.evidence.length > 0 && (
                            <>
                              ; {t('partners.evidence')}: {a.evidence.map((e) => e.text).join('; ')}
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </main>
  );
}
