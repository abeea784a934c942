import { monthsBetween } from '../../domain/partners/recommendation.ts';
import { percentile } from '../../domain/trade/crossing-times.ts';
import type { CrossingBody } from '../../domain/trade/crossing-times.ts';
import { acknowledgedSentRows, crossingRows, publishedEventRows, receivedEnvelopeRows, seizureRows, trainingRows } from '../../store/partners.repository.ts';
import { listRecords } from '../../store/records.repository.ts';
import type { Executor } from '../../store/transaction.ts';

/**
 * The indicators of the recommendations tracker and the progress report, computed from live data
 * (docs/partners.md). Each one says where its figure comes from (`source`), so the report can
 * name the source of every number. Figures are aggregates for senior officials and partners: they
 * count only records marked TLP:CLEAR or TLP:GREEN — a restricted record is never hinted at.
 *
 * `compute(ctx, from, to)` takes an ISO instant range [from, to) and returns the value over the
 * whole period and per calendar month (UTC).
 */
export interface IndicatorContext {
  db: Executor;
}
export interface MonthValue {
  month: string;
  value: number;
}
export interface IndicatorResult {
  value: number;
  byMonth: MonthValue[];
  source: string;
}
export interface Indicator {
  id: string;
  /** Unit of the figure (message key in the report tables and the web app). */
  unit: 'count' | 'kg' | 'hours' | 'people';
  /** The target per month, and whether more (up) or less (down) is better. */
  target: { perMonth: number; direction: 'up' | 'down' } | null;
  /** Recommendations (refs) whose progress the indicator shows. */
  recommendations: readonly string[];
  compute(ctx: IndicatorContext, from: string, to: string): Promise<IndicatorResult>;
}

const REPORTABLE = new Set(['CLEAR', 'GREEN']);
const reportable = (markingJson: string) => REPORTABLE.has((JSON.parse(markingJson) as { tlp: string }).tlp);

/** Sums `value(row)` per month of `row.at`, over the months of [from, to). */
function byMonth<R extends { at: string }>(rows: readonly R[], from: string, to: string, value: (r: R) => number): { total: number; byMonth: MonthValue[] } {
  const months = new Map(monthsBetween(from, to).map((m) => [m, 0]));
  let total = 0;
  for (const r of rows) {
    const key = new Date(r.at).toISOString().slice(0, 7);
    if (!months.has(key)) continue;
    const v = value(r);
    months.set(key, months.get(key)! + v);
    total += v;
  }
  return { total: round(total), byMonth: [...months].map(([month, v]) => ({ month, value: round(v) })) };
}
const round = (n: number) => Math.round(n * 100) / 100;

export const INDICATORS: readonly Indicator[] = [
  {
    id: 'information-exchanges',
    unit: 'count',
    target: { perMonth: 100, direction: 'up' },
    recommendations: ['dushanbe-2012.lesson-1'],
    async compute({ db }, from, to) {
      const [received, sent] = await Promise.all([receivedEnvelopeRows(db, from, to), acknowledgedSentRows(db, from, to)]);
      const rows = [...received.map((r) => ({ at: r.at, n: 1 })), ...sent.map((s) => ({ at: s.at, n: s.items }))];
      const m = byMonth(rows, from, to, (r) => r.n);
      return { value: m.total, byMonth: m.byMonth, source: 'federation: envelopes received from peers (received_envelopes) + envelopes peers acknowledged by signed receipt (fed_receipts, direction in)' };
    },
  },
  {
    id: 'seizures-kg',
    unit: 'kg',
    target: { perMonth: 200, direction: 'up' },
    recommendations: ['dushanbe-2012.lesson-2'],
    async compute({ db }, from, to) {
      const rows = (await seizureRows(db, from, to)).filter((r) => reportable(r.marking_json));
      const m = byMonth(rows, from, to, (r) => r.quantity_kg ?? 0);
      return { value: m.total, byMonth: m.byMonth, source: 'seizure records (kg, by seizure date), TLP:CLEAR/GREEN' };
    },
  },
  {
    id: 'events-published',
    unit: 'count',
    target: { perMonth: 20, direction: 'up' },
    recommendations: ['dushanbe-2012.lesson-1'],
    async compute({ db }, from, to) {
      const rows = (await publishedEventRows(db, from, to)).filter((r) => reportable(r.marking_json));
      const m = byMonth(rows, from, to, () => 1);
      return { value: m.total, byMonth: m.byMonth, source: 'border events first published in the period, TLP:CLEAR/GREEN' };
    },
  },
  {
    id: 'crossing-time-median-hours',
    unit: 'hours',
    target: { perMonth: 6, direction: 'down' },
    recommendations: ['dushanbe-2012.lesson-3'],
    async compute({ db }, from, to) {
      const rows = (await crossingRows(db, from, to))
        .filter((r) => reportable(r.marking_json))
        .flatMap((r) => {
          const c = JSON.parse(r.body_json) as CrossingBody;
          return c.steps.queue_arrival && c.steps.exit ? [{ at: r.at, hours: (Date.parse(c.steps.exit) - Date.parse(c.steps.queue_arrival)) / 3_600_000 }] : [];
        });
      // A median, not a sum: per month over that month's crossings, overall over all.
      const months = monthsBetween(from, to);
      const per = months.map((month) => ({ month, value: round(percentile(rows.filter((r) => new Date(r.at).toISOString().startsWith(month)).map((r) => r.hours), 50) ?? 0) }));
      return { value: round(percentile(rows.map((r) => r.hours), 50) ?? 0), byMonth: per, source: 'trade crossings (WCO TRS): median hours from queue arrival to exit, by arrival month (services/trade/crossing-times.service.ts)' };
    },
  },
  {
    id: 'trainings-delivered',
    unit: 'count',
    target: { perMonth: 2, direction: 'up' },
    recommendations: ['dushanbe-2012.lesson-3'],
    async compute({ db }, from, to) {
      const rows = (await trainingRows(db, from.slice(0, 10), to.slice(0, 10))).filter((r) => reportable(r.marking_json));
      const m = byMonth(rows, from, to, () => 1);
      return { value: m.total, byMonth: m.byMonth, source: 'partner trainings ended in the period (trainings records)' };
    },
  },
  {
    id: 'people-trained',
    unit: 'people',
    target: { perMonth: 40, direction: 'up' },
    recommendations: ['dushanbe-2012.lesson-3'],
    async compute({ db }, from, to) {
      const rows = (await trainingRows(db, from.slice(0, 10), to.slice(0, 10))).filter((r) => reportable(r.marking_json));
      const m = byMonth(rows, from, to, (r) => r.trainees);
      return { value: m.total, byMonth: m.byMonth, source: 'trainees of partner trainings ended in the period, all agencies, women and men' };
    },
  },
  // Co-operation (issue #12): counts and times only, never content, so every marking counts —
  // the same figures the co-operation dashboard shows (docs/liaison.md, docs/meetings.md).
  {
    id: 'rfi-response-time',
    unit: 'hours',
    target: { perMonth: 24, direction: 'down' },
    recommendations: ['dushanbe-2012.lesson-1'],
    async compute({ db }, from, to) {
      const messages = await listRecords(db, 'liaison_message');
      const firstAnswer = new Map<string, number>();
      for (const m of messages) {
        if (m.body.kind !== 'answer' || !m.body.replyTo) continue;
        const at = Date.parse(m.body.sentAt);
        firstAnswer.set(m.body.replyTo, Math.min(at, firstAnswer.get(m.body.replyTo) ?? Infinity));
      }
      const rows = messages.flatMap((m) => {
        const answered = firstAnswer.get(m.id);
        return m.body.kind === 'rfi' && answered !== undefined ? [{ at: m.body.sentAt, hours: (answered - Date.parse(m.body.sentAt)) / 3_600_000 }] : [];
      });
      const inPeriod = rows.filter((r) => r.at >= from && r.at < to);
      const per = monthsBetween(from, to).map((month) => ({ month, value: round(percentile(inPeriod.filter((r) => new Date(r.at).toISOString().startsWith(month)).map((r) => r.hours), 50) ?? 0) }));
      return { value: round(percentile(inPeriod.map((r) => r.hours), 50) ?? 0), byMonth: per, source: 'liaison requests for information sent in the period and answered: median hours from sending to the first answer, by month of sending (liaison_message records, both sides)' };
    },
  },
  {
    id: 'blo-meetings-held',
    unit: 'count',
    target: { perMonth: 4, direction: 'up' },
    recommendations: ['dushanbe-2012.lesson-2'],
    async compute({ db }, from, to) {
      const now = Date.now();
      const rows = (await listRecords(db, 'meeting'))
        .filter((m) => m.body.status !== 'cancelled' && (m.body.status === 'held' || Date.parse(m.body.endsAt) <= now))
        .map((m) => ({ at: m.body.startsAt }));
      const m = byMonth(rows, from, to, () => 1);
      return { value: m.total, byMonth: m.byMonth, source: 'BLO meetings not cancelled, held or already over, by month of their start (meeting records, both sides)' };
    },
  },
  {
    id: 'joint-operations',
    unit: 'count',
    target: { perMonth: 0.25, direction: 'up' },
    recommendations: ['dushanbe-2012.lesson-2'],
    async compute({ db }, from, to) {
      const rows = (await listRecords(db, 'joint_operation')).filter((o) => o.body.status !== 'cancelled').map((o) => ({ at: `${o.body.startDate}T00:00:00.000Z` }));
      const m = byMonth(rows, from, to, () => 1);
      return { value: m.total, byMonth: m.byMonth, source: 'joint operations not cancelled, by month of their start (joint_operation records)' };
    },
  },
];

export function indicatorById(id: string): Indicator | undefined {
  return INDICATORS.find((i) => i.id === id);
}

/** Every indicator over [from, to). */
export async function computeIndicators(ctx: IndicatorContext, from: string, to: string) {
  return Promise.all(INDICATORS.map(async (i) => ({ id: i.id, unit: i.unit, target: i.target, recommendations: i.recommendations, ...(await i.compute(ctx, from, to)) })));
}
