import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Pager } from '../../components/Pager.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatNumber, formatPercent, useLocale } from '../../util.ts';
import type { HistoryPage } from './hit-report-types.ts';

const PAGE = 20;
const OUTCOMES = ['all', 'hit', 'no_hit', 'pending', 'confirmed', 'false_positive', 'suppressed'] as const;
type Outcome = (typeof OUTCOMES)[number];

/**
 * Past screenings of the reader's unit (desk officers) or agency (validators, commanders): who
 * screened when, what was raised and how it was decided. Never the traveller: the server keeps
 * only keyed hashes of the query, so this says whether an identifier was given, not which.
 */
export function ScreeningHistory({ refresh = 0 }: { refresh?: number }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const headingId = useId();
  const [outcome, setOutcome] = useState<Outcome>('all');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<HistoryPage | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const filter = outcome === 'all' ? '' : `&outcome=${outcome}`;
      setPage(await api.get<HistoryPage>(`/api/screenings?limit=${PAGE}&offset=${offset}${filter}`));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [outcome, offset]);
  useEffect(() => {
    void load();
  }, [load, refresh]);

  const total = page?.total ?? 0;
  return (
    <section className="card screening-history" aria-labelledby={headingId} data-testid="screening-history">
      <h2 id={headingId}>{t('screeningHistory.title')}</h2>
      <p className="muted">{t('screeningHistory.intro')}</p>
      <div className="field">
        <label htmlFor={`${headingId}-outcome`}>{t('screeningHistory.outcome')}</label>
        <select
          id={`${headingId}-outcome`}
          value={outcome}
          data-testid="history-outcome"
          onChange={(e) => {
            setOutcome(e.target.value as Outcome);
            setOffset(0);
          }}
        >
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`screeningHistory.outcomes.${o}`)}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={error} testId="history-error" />
      {page && page.items.length === 0 && (
        <p className="muted" data-testid="history-empty">
          {t('screeningHistory.empty')}
        </p>
      )}
      {page && page.items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('screeningHistory.when')}</th>
                <th scope="col">{t('screeningHistory.officer')}</th>
                <th scope="col">{t('screeningHistory.hits')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((s) => (
                <tr key={s.id} data-testid="history-row" data-id={s.id}>
                  <td>
                    {loc.date(s.at)}
                    {s.hasIdentifiers && <small className="muted"> · {t('screeningHistory.withIdentifiers')}</small>}
                  </td>
                  <td>
                    <bdi dir="auto">{s.officer.displayName ?? s.officer.username ?? s.officer.id.slice(0, 8)}</bdi>
                  </td>
                  <td>
                    {s.hits.length === 0 && s.hiddenHits === 0 && <span className="muted">{t('screeningHistory.noHits')}</span>}
                    {s.hits.length > 0 && (
                      <ul className="history-hits">
                        {s.hits.map((h) => (
                          <li key={h.alertId} data-testid="history-hit" data-decision={h.decision} data-reported={h.hitReportId ? 'true' : 'false'}>
                            <bdi dir="auto">{h.listed}</bdi> <span className="muted">{formatPercent(h.score, loc.lang)}</span>{' '}
                            <span className={`status-pill decision-${h.decision}`}>{t(`screeningHistory.decisions.${h.decision}`)}</span>
                            {h.falsePositive && h.falsePositive.status !== 'active' && (
                              <small className="muted"> · {t(`screeningHistory.fp.${h.falsePositive.status}`)}</small>
                            )}
                            {h.hitReportId && <small className="muted"> · {t('screeningHistory.reported')}</small>}
                          </li>
                        ))}
                      </ul>
                    )}
                    {s.hiddenHits > 0 && <small className="muted">{t('screeningHistory.hidden', { n: formatNumber(s.hiddenHits, loc.lang) })}</small>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        offset={offset}
        pageSize={PAGE}
        total={total}
        onOffset={setOffset}
        labels={{ newer: t('screeningHistory.newer'), older: t('screeningHistory.older'), range: (f) => t('screeningHistory.range', f) }}
        testId="history"
      />
    </section>
  );
}
