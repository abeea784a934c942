import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { TableHead } from '../components/TableHead.tsx';
import { useApiData } from '../useApiData.ts';
import { formatNumber, useLocale } from '../util.ts';
import { ExplanationList } from './risk/Explanation.tsx';
import { NoticesPanel } from './risk/NoticesPanel.tsx';
import { Sparkline, TrendArrow } from './risk/Sparkline.tsx';
import { RISK_LEVELS, type CurrentItem, type RiskLevel, type Snapshot } from './risk/types.ts';

const DAYS = 30;

async function loadRisk() {
  const to = new Date();
  const from = new Date(to.getTime() - DAYS * 86_400_000);
  const [current, history] = await Promise.all([
    api.get<{ items: CurrentItem[]; computedAt: string }>('/api/assessments/current'),
    api.get<{ items: Snapshot[] }>(`/api/assessments?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`),
  ]);
  return { current, history: history.items, from: from.getTime(), to: to.getTime() };
}

/** Threat levels per border section: level, trend, history, why, anomaly hints, and overrides for analysts. */
export function RiskPage() {
  const { t } = useTranslation();
  const loc = useLocale();
  const { data, error, reload } = useApiData(loadRisk, ['assessment']);
  const [open, setOpen] = useState<string | null>(null);

  return (
    <main className="content-page risk-page" data-testid="risk-page">
      <div className="page-title-row">
        <h1>{t('risk.title')}</h1>
        <a className="btn" href="#/risk/report" data-testid="risk-report-link">
          {t('risk.report.link')}
        </a>
      </div>
      <ErrorMessage error={error} />
      <NoticesPanel />
      {data && (
        <table className="data-table risk-table" data-testid="risk-table">
          <TableHead labels={[t('risk.section'), t('risk.level'), t('risk.trend'), t('risk.history'), t('risk.why'), t('risk.anomaly')]} />
          <tbody>
            {data.current.items.map((s) => {
              const a = s.assessment;
              return (
                <tr key={s.sectionId} data-testid="risk-row" data-section={s.sectionId} data-level={a.level}>
                  <th scope="row">
                    {loc.name(s.name)}
                    <div className="section-meta">{Object.values(s.provinces).join(' / ')}</div>
                  </th>
                  <td>
                    <span className={`impact-badge impact-${a.level}`} data-testid="risk-level">
                      {t(`map.impact.${a.level}`)}
                    </span>
                    {a.override && (
                      <div className="section-meta" data-testid="risk-computed">
                        {t('risk.computedWas', { level: t(`map.impact.${a.computedLevel}`) })}
                      </div>
                    )}
                    <div className="section-meta">{t('risk.score', { score: formatNumber(a.score, loc.lang, 1) })}</div>
                  </td>
                  <td>
                    <TrendArrow trend={s.trend} />
                  </td>
                  <td>
                    <Sparkline points={data.history.filter((h) => h.sectionId === s.sectionId)} from={data.from} to={data.to} level={a.level} />
                  </td>
                  <td>
                    <ExplanationList items={a.explanation} max={4} />
                    {s.abilities.override && (
                      <button type="button" className="btn btn-quiet" data-testid="risk-override-open" onClick={() => setOpen(open === s.sectionId ? null : s.sectionId)}>
                        {a.override ? t('risk.override.change') : t('risk.override.title')}
                      </button>
                    )}
                    {open === s.sectionId && <OverrideForm item={s} onDone={() => { setOpen(null); void reload(); }} />}
                  </td>
                  <td>
                    {s.anomaly?.anomalous ? (
                      <span className="risk-anomaly" data-testid="risk-anomaly">
                        {t('risk.anomalyHint', { n: formatNumber(s.anomaly.count, loc.lang), baseline: formatNumber(s.anomaly.baseline, loc.lang, 1) })}
                      </span>
                    ) : (
                      <span className="section-meta">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </main>
  );
}

function OverrideForm({ item, onDone }: { item: CurrentItem; onDone: () => void }) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<RiskLevel>(item.assessment.override?.level ?? item.assessment.level);
  const [reason, setReason] = useState('');
  const [days, setDays] = useState(3);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await api.post('/api/assessments/overrides', { section: item.sectionId, level, reason, expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function withdraw() {
    if (!item.assessment.override) return;
    setBusy(true);
    try {
      await api.del(`/api/assessments/overrides/${item.assessment.override.id}`);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="risk-override-form" data-testid="risk-override-form" onSubmit={(e) => void submit(e)}>
      <label>
        {t('risk.override.level')}
        <select value={level} onChange={(e) => setLevel(e.target.value as RiskLevel)} data-testid="risk-override-level">
          {RISK_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`map.impact.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('risk.override.reason')}
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={1000} data-testid="risk-override-reason" />
      </label>
      <label>
        {t('risk.override.days')}
        <input type="number" min={1} max={90} value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="risk-override-days" />
      </label>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="risk-override-submit">
          {t('risk.override.submit')}
        </button>
        {item.assessment.override && (
          <button type="button" className="btn" disabled={busy} onClick={() => void withdraw()} data-testid="risk-override-withdraw">
            {t('risk.override.withdraw')}
          </button>
        )}
      </div>
    </form>
  );
}
