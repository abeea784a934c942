import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatNumber, useLocale } from '../../util.ts';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof WEEKDAYS)[number];
interface Segment {
  day: Weekday;
  from: string;
  to: string;
  minutes: number;
}
interface Side {
  unitId: string;
  name: Record<string, string>;
  stateCode: string;
}
interface Aligned {
  point: Side;
  paired: Side;
  minutes: { a: number; b: number; both: number; aOnly: number; bOnly: number };
  a: Segment[];
  b: Segment[];
  both: Segment[];
}

/** Short weekday names in the UI language (2024-01-01 was a Monday). */
const dayName = (d: Weekday, lang: string, style: 'short' | 'long' = 'short') => new Intl.DateTimeFormat(lang === 'fa' ? 'fa-AF' : lang, { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(d))));
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

// The chart: a row per UTC day, three bands in it (this side, the other side, both), 0–24 h.
const LEFT = 64;
const WIDTH = 720;
const ROW = 30;
const TOP = 18;
const COLORS = { a: '#2b6cb0', b: '#b7791f', both: '#2f855a' } as const;

/**
 * WTO TFA Art. 8: when are both ends of the crossing open? The server lays out both sides'
 * weekly hours in UTC (GET /api/crossing-points/:id/aligned-hours); this draws them as a week.
 * The time axis runs left to right in every language, like the other charts of the workspace.
 */
export function AlignedHours({ pointId, revision = 0 }: { pointId: string; revision?: number }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [data, setData] = useState<Aligned | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!pointId) return;
    let live = true;
    api
      .get<Aligned>(`/api/crossing-points/${pointId}/aligned-hours`)
      .then((d) => live && (setData(d), setError(null)))
      .catch((e: unknown) => live && (setData(null), setError(e)));
    return () => {
      live = false;
    };
  }, [pointId, revision]);

  const nameOf = (s: Side) => s.name[loc.lang] ?? s.name.en ?? s.stateCode;
  const h = (m: number) => formatNumber(m / 60, loc.lang, m % 60 === 0 ? 0 : 1);
  const x = (m: number) => LEFT + (m / 1440) * (WIDTH - LEFT);
  const bands = (segments: Segment[], key: keyof typeof COLORS, offset: number, label: string) =>
    segments.map((s) => (
      <rect key={`${key}-${s.day}-${s.from}`} data-testid={`band-${key}`} x={x(minutesOf(s.from))} y={TOP + WEEKDAYS.indexOf(s.day) * ROW + offset} width={x(minutesOf(s.to)) - x(minutesOf(s.from))} height={7} fill={COLORS[key]}>
        <title>{`${label}: ${dayName(s.day, loc.lang)} ${s.from}–${s.to} UTC`}</title>
      </rect>
    ));

  return (
    <section aria-labelledby="aligned-h" data-testid="aligned-hours">
      <h2 id="aligned-h">{t('alignedHours.title')}</h2>
      <p className="muted">{t('alignedHours.intro')}</p>
      {error !== null && <ErrorMessage error={error} testId="aligned-error" message={t('alignedHours.noPair')} />}
      {data && (
        <>
          <p data-testid="aligned-summary" data-both-minutes={data.minutes.both}>
            {t('alignedHours.summary', { hours: h(data.minutes.both), a: nameOf(data.point), aOnly: h(data.minutes.aOnly), b: nameOf(data.paired), bOnly: h(data.minutes.bOnly) })}
          </p>
          <figure className="aligned-week" dir="ltr">
            <svg viewBox={`0 0 ${WIDTH + 8} ${TOP + 7 * ROW + 4}`} width="100%" role="img" aria-label={t('alignedHours.title')} style={{ maxWidth: `${WIDTH + 8}px` }}>
              {[0, 3, 6, 9, 12, 15, 18, 21, 24].map((hr) => (
                <g key={hr}>
                  <line x1={x(hr * 60)} x2={x(hr * 60)} y1={TOP - 4} y2={TOP + 7 * ROW} stroke="#ccc" strokeWidth={hr % 12 === 0 ? 1 : 0.5} />
                  <text x={x(hr * 60)} y={TOP - 7} fontSize={10} textAnchor="middle" fill="currentColor">
                    {String(hr).padStart(2, '0')}
                  </text>
                </g>
              ))}
              {WEEKDAYS.map((d, i) => (
                <text key={d} x={LEFT - 6} y={TOP + i * ROW + 16} fontSize={11} fill="currentColor" textAnchor="end">
                  {dayName(d, loc.lang)}
                </text>
              ))}
              {bands(data.a, 'a', 2, nameOf(data.point))}
              {bands(data.b, 'b', 11, nameOf(data.paired))}
              {bands(data.both, 'both', 20, t('alignedHours.both'))}
            </svg>
            <figcaption className="aligned-legend" dir={loc.dir} style={{ display: 'flex', flexWrap: 'wrap', gap: '0.4rem 1.2rem' }}>
              {([['a', nameOf(data.point)], ['b', nameOf(data.paired)], ['both', t('alignedHours.both')]] as const).map(([k, label]) => (
                <span key={k} style={{ display: 'inline-flex', alignItems: 'center', gap: '0.35rem' }}>
                  <svg width="14" height="10" aria-hidden="true">
                    <rect width="14" height="10" fill={COLORS[k]} />
                  </svg>
                  {label}
                </span>
              ))}
              <span>UTC</span>
            </figcaption>
          </figure>
          <table className="data-table" data-testid="aligned-days">
            <thead>
              <tr>
                <th>{t('alignedHours.day')}</th>
                <th>{t('alignedHours.overlap')}</th>
              </tr>
            </thead>
            <tbody>
              {WEEKDAYS.map((d) => {
                const segs = data.both.filter((s) => s.day === d);
                return (
                  <tr key={d} data-day={d}>
                    <td>{dayName(d, loc.lang, 'long')}</td>
                    <td>{segs.length ? <span dir="ltr">{segs.map((s) => `${s.from}–${s.to}`).join(', ')}</span> : t('alignedHours.none')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
