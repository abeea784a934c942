import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { TableHead } from '../components/TableHead.tsx';
import en from '../i18n/locales/en.ts';
import { formatNumber, useLocale } from '../util.ts';
import { ExplanationList, useExplain } from './risk/Explanation.tsx';
import { SeizureTotalsTable } from './risk/SeizureTotals.tsx';
import { TrendArrow } from './risk/Sparkline.tsx';
import { RISK_LEVELS, type Report, type ReportSection } from './risk/types.ts';

const isKey = <T extends object>(o: T, k: unknown): k is keyof T => typeof k === 'string' && Object.hasOwn(o, k);

/** The daily situation report: printable (the browser's print gives the PDF), in the reader's language. */
export function RiskReportPage() {
  const { t } = useTranslation();
  const loc = useLocale();
  const explain = useExplain();
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const n = (v: number) => formatNumber(v, loc.lang);

  const load = useCallback(async (d: string) => {
    try {
      setReport(await api.get<Report>(`/api/assessments/report?date=${d}`));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load(date);
  }, [load, date]);

  const stateName = (code: string) => (isKey(en.country, code) ? t(`country.${code as keyof typeof en.country}`) : code);
  const byId = new Map(report?.border.sections.map((s) => [s.sectionId, s]) ?? []);
  const sectionTable = (rows: ReportSection[], testId: string) => (
    <table className="data-table report-table" data-testid={testId}>
      <TableHead labels={[t('risk.section'), t('risk.level'), t('risk.report.yesterday'), t('risk.why')]} />
      <tbody>
        {rows.map((s) => (
          <tr key={s.sectionId} data-level={s.level}>
            <th scope="row">{loc.name(s.name)}</th>
            <td>
              <span className={`impact-badge impact-${s.level}`}>{t(`map.impact.${s.level}`)}</span> <TrendArrow trend={s.change} />
            </td>
            <td>{s.yesterday ? t(`map.impact.${s.yesterday}`) : '—'}</td>
            <td>
              <ExplanationList items={s.explanation} max={3} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const counts = (levels: Record<string, number>) => RISK_LEVELS.map((l) => `${t(`map.impact.${l}`)}: ${n(levels[l] ?? 0)}`).join(' · ');

  return (
    <main className="content-page report-page" data-testid="risk-report">
      <div className="page-title-row no-print">
        <a href="#/risk">{t('risk.title')}</a>
        <label>
          {t('risk.report.date')}{' '}
          <input type="date" value={date} max={new Date().toISOString().slice(0, 10)} onChange={(e) => e.target.value && setDate(e.target.value)} data-testid="report-date" />
        </label>
        <button type="button" className="btn btn-primary" onClick={() => window.print()} data-testid="report-print">
          {t('risk.report.print')}
        </button>
      </div>
      <h1>
        {t('risk.report.title')} — {loc.date(`${date}T12:00:00Z`)}
      </h1>
      <ErrorMessage error={error} />
      {report && (
        <>
          <p className="section-meta">{t('risk.report.generated', { at: `${loc.date(report.generatedAt)} ${report.generatedAt.slice(11, 16)} UTC` })}</p>
          <section data-testid="report-border">
            <h2>{t('risk.report.border')}</h2>
            <p>{counts(report.border.levels)}</p>
            <p>
              {t('risk.report.raised', { n: n(report.border.raised) })} · {t('risk.report.lowered', { n: n(report.border.lowered) })}
            </p>
          </section>
          {report.states.map((st) => (
            <section key={st.code} data-testid={`report-state-${st.code}`}>
              <h2>{t('risk.report.state', { state: stateName(st.code) })}</h2>
              <p>{counts(st.levels)}</p>
              <p>
                {t('risk.report.raised', { n: n(st.raised) })} · {t('risk.report.lowered', { n: n(st.lowered) })}
              </p>
              {sectionTable(st.sectionIds.map((id) => byId.get(id)!).filter(Boolean), `report-sections-${st.code}`)}
            </section>
          ))}
          <section data-testid="report-top-events">
            <h2>{t('risk.report.topEvents')}</h2>
            {report.topEvents.length === 0 ? (
              <p>{t('risk.report.none')}</p>
            ) : (
              <ol>
                {report.topEvents.map((e, i) => (
                  <li key={i}>
                    {loc.name(byId.get(e.sectionId)?.name)}:{' '}
                    {explain({ key: 'events', share: e.share, params: { category: e.category, count: e.count, days: e.days, detail: e.detail, near: e.near } })}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section data-testid="report-seizures">
            <h2>{t('situation.seizuresTitle')}</h2>
            <SeizureTotalsTable items={report.seizures.border} testId="report-seizures-border" />
            {report.seizures.states.map((st) => (
              <div key={st.code}>
                <h3>{t('situation.bySide', { state: stateName(st.code) })}</h3>
                <SeizureTotalsTable items={st.items} testId={`report-seizures-${st.code}`} />
              </div>
            ))}
          </section>
        </>
      )}
    </main>
  );
}
