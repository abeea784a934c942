/** River gauges: latest level against thresholds, readings drawn over time. */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useApiData } from '../../useApiData.ts';
import { formatNumber, useLocale } from '../../util.ts';
import { loadGauges, type Gauge, type Reading } from './types.ts';

export function GaugeChart({ readings, thresholds }: { readings: Reading[]; thresholds: Gauge['thresholds'] }) {
  const { t } = useTranslation();
  const W = 640;
  const H = 220;
  const pad = 36;
  if (readings.length === 0) return <p>{t('hazard.noReadings')}</p>;
  const times = readings.map((r) => Date.parse(r.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 1);
  const levels = [...readings.map((r) => r.levelCm), thresholds.dangerCm];
  const lo = Math.min(...levels) - 20;
  const hi = Math.max(...levels) + 20;
  const x = (ms: number) => pad + ((ms - t0) / (t1 - t0)) * (W - 2 * pad);
  const y = (cm: number) => H - pad + (-(cm - lo) / (hi - lo)) * (H - 2 * pad);
  const line = readings.map((r, k) => `${k === 0 ? 'M' : 'L'}${x(Date.parse(r.at)).toFixed(1)},${y(r.levelCm).toFixed(1)}`).join(' ');
  const rule = (cm: number, cls: string, label: string) => (
    <g className={`threshold threshold-${cls}`} key={cls} data-testid={`threshold-${cls}`}>
      <line x1={pad} x2={W - pad} y1={y(cm)} y2={y(cm)} />
      <text x={W - pad} y={y(cm) - 3} textAnchor="end">
        {label} {cm}
      </text>
    </g>
  );
  return (
    <svg className="gauge-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('hazard.chart')} data-testid="gauge-chart" direction="ltr">
      <text x={pad} y={14}>
        {t('hazard.chart')}
      </text>
      {rule(thresholds.watchCm, 'watch', t('hazard.levels.watch'))}
      {rule(thresholds.warningCm, 'warning', t('hazard.levels.warning'))}
      {rule(thresholds.dangerCm, 'danger', t('hazard.levels.danger'))}
      <path d={line} className="gauge-line" fill="none" />
    </svg>
  );
}

export function GaugesTab() {
  const { t } = useTranslation();
  const loc = useLocale();
  const { data, error } = useApiData(loadGauges, ['gauge']);
  const [selected, setSelected] = useState<string | null>(null);
  const fetcher = useCallback(() => (selected ? api.get<Gauge & { readings: Reading[] }>(`/api/gauges/${selected}`) : Promise.resolve(null)), [selected]);
  const { data: detail } = useApiData(fetcher, ['gauge']);
  return (
    <section className="card">
      <ErrorMessage error={error} />
      {data && (
        <table className="data-table" data-testid="gauges-table">
          <thead>
            <tr>
              <th>{t('hazard.tabGauges')}</th>
              <th>{t('hazard.river')}</th>
              <th>{t('hazard.latest')}</th>
              <th>{t('hazard.level')}</th>
              <th>{t('hazard.thresholds')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((g) => (
              <tr key={g.id} data-testid="gauge-row" onClick={() => setSelected(g.id)}>
                <td>
                  <button type="button" className="link-button" onClick={() => setSelected(g.id)}>
                    {loc.name(g.name)}
                  </button>{' '}
                  ({g.stateCode})
                </td>
                <td>{g.river}</td>
                <td>{g.latest ? `${formatNumber(g.latest.levelCm, loc.lang)} · ${loc.date(g.latest.at)}` : '—'}</td>
                <td>{g.level ? <span className={`level level-${g.level}`}>{t(`hazard.levels.${g.level}`)}</span> : '—'}</td>
                <td dir="ltr">
                  {g.thresholds.watchCm} / {g.thresholds.warningCm} / {g.thresholds.dangerCm}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {detail && (
        <div className="gauge-detail">
          <h2>{loc.name(detail.name)}</h2>
          <GaugeChart readings={detail.readings} thresholds={detail.thresholds} />
        </div>
      )}
    </section>
  );
}

