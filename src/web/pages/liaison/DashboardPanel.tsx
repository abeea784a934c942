import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatNumber, useLocale } from '../../util.ts';
import type { Dashboard, PairFigures, RfiFigures } from './types.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The co-operation dashboard: per border pair, exchanges per month by direction and RFI response times. */
export function DashboardPanel() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => day(new Date(Date.now() - 182 * 86_400_000)));
  const [to, setTo] = useState(() => day(new Date()));
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.get<Dashboard>(`/api/cooperation/dashboard?from=${from}&to=${to}`).then((d) => {
      setData(d);
      setError(null);
    }, setError);
  }, [from, to]);

  return (
    <section className="liaison-dashboard" data-testid="cooperation-dashboard" aria-labelledby="coop-title">
      <h2 id="coop-title">{t('liaison.dashboard.title')}</h2>
      <div className="liaison-period">
        <label>
          {t('liaison.dashboard.from')}
          <input type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} data-testid="coop-from" />
        </label>
        <label>
          {t('liaison.dashboard.to')}
          <input type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} data-testid="coop-to" />
        </label>
      </div>
      <ErrorMessage error={error} testId="coop-error" />
      {data && data.pairs.length === 0 && <p>{t('liaison.dashboard.noPairs')}</p>}
      {data?.pairs.map((p) => <Pair key={p.pairKey} p={p} />)}
    </section>
  );
}

function Pair({ p }: { p: PairFigures }) {
  const { t } = useTranslation();
  return (
    <article className="liaison-pair" data-testid="coop-pair" data-pair={p.pairKey}>
      <h3>{t('liaison.dashboard.pair', { pair: p.pairKey, n: p.channels })}</h3>
      <h4>{t('liaison.dashboard.exchanges')}</h4>
      <MonthBars months={p.months} />
      <table className="liaison-figures" data-testid="coop-rfi-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t('liaison.dashboard.count')}</th>
            <th scope="col">{t('liaison.dashboard.answered')}</th>
            <th scope="col">{t('liaison.dashboard.median')}</th>
            <th scope="col">{t('liaison.dashboard.p90')}</th>
            <th scope="col">{t('liaison.dashboard.onTime')}</th>
            <th scope="col">{t('liaison.dashboard.openCount')}</th>
            <th scope="col">{t('liaison.dashboard.overdueCount')}</th>
          </tr>
        </thead>
        <tbody>
          <FigureRow label={t('liaison.dashboard.ourRequests')} f={p.ourRequests} testId="coop-ours" />
          <FigureRow label={t('liaison.dashboard.theirRequests')} f={p.theirRequests} testId="coop-theirs" />
        </tbody>
      </table>
      {p.meetings && (
        <p data-testid="coop-meetings">
          {t('liaison.dashboard.meetings', { held: p.meetings.meetingsHeld, closed: p.meetings.actionItemsClosedOnTime, due: p.meetings.actionItemsDue, ops: p.meetings.jointOperations })}
        </p>
      )}
      <details>
        <summary>{t('liaison.dashboard.perChannel')}</summary>
        <table className="liaison-figures">
          <thead>
            <tr>
              <th scope="col">{t('liaison.dashboard.channel')}</th>
              <th scope="col">{t('liaison.dashboard.median')}</th>
              <th scope="col">{t('liaison.dashboard.onTime')}</th>
              <th scope="col">{t('liaison.dashboard.overdueCount')}</th>
            </tr>
          </thead>
          <tbody>
            {p.perChannel.map((c) => (
              <ChannelRow key={c.channelId} title={c.title} f={c.ourRequests} />
            ))}
          </tbody>
        </table>
      </details>
    </article>
  );
}

function useFigures() {
  const loc = useLocale();
  const n = (v: number | null, d = 1) => (v === null ? '—' : formatNumber(v, loc.lang, d));
  const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v * 100, loc.lang, 0)} %`);
  return { n, pct };
}

function FigureRow({ label, f, testId }: { label: string; f: RfiFigures; testId: string }) {
  const { n, pct } = useFigures();
  return (
    <tr data-testid={testId}>
      <th scope="row">{label}</th>
      <td>{n(f.sent, 0)}</td>
      <td>{n(f.answered, 0)}</td>
      <td data-testid={`${testId}-median`}>{n(f.medianHours)}</td>
      <td>{n(f.p90Hours)}</td>
      <td data-testid={`${testId}-ontime`}>{pct(f.answeredOnTimeShare)}</td>
      <td>{n(f.open, 0)}</td>
      <td data-testid={`${testId}-overdue`}>{n(f.overdue, 0)}</td>
    </tr>
  );
}

function ChannelRow({ title, f }: { title: string; f: RfiFigures }) {
  const { n, pct } = useFigures();
  return (
    <tr>
      <th scope="row">{title}</th>
      <td>{n(f.medianHours)}</td>
      <td>{pct(f.answeredOnTimeShare)}</td>
      <td>{n(f.overdue, 0)}</td>
    </tr>
  );
}

/** Sent and received side by side per month, inline SVG (no chart library). */
function MonthBars({ months }: { months: PairFigures['months'] }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const max = Math.max(1, ...months.map((m) => Math.max(m.sent, m.received)));
  const w = 28;
  const h = 90;
  const width = months.length * w;
  const label = months.map((m) => `${m.month}: ${t('liaison.dashboard.sent')} ${m.sent}, ${t('liaison.dashboard.received')} ${m.received}`).join('; ');
  return (
    <figure className="liaison-bars">
      <svg viewBox={`0 0 ${width} ${h + 16}`} width={width} height={h + 16} role="img" aria-label={label} data-testid="coop-bars" style={{ direction: 'ltr' }}>
        {months.map((m, i) => {
          const hs = (m.sent / max) * h;
          const hr = (m.received / max) * h;
          return (
            <g key={m.month} data-testid="coop-month" data-month={m.month} data-sent={m.sent} data-received={m.received}>
              <rect className="bar-sent" x={i * w + 3} y={h - hs} width={10} height={hs} />
              <rect className="bar-received" x={i * w + 14} y={h - hr} width={10} height={hr} />
              <text x={i * w + 14} y={h + 12} textAnchor="middle" fontSize="9">{formatNumber(Number(m.month.slice(5)), loc.lang)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="legend-sent">■</span> {t('liaison.dashboard.sent')} <span className="legend-received">■</span> {t('liaison.dashboard.received')}
      </figcaption>
    </figure>
  );
}
