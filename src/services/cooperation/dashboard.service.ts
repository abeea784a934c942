import { z } from 'zod';
import { median, pairKeyOf, percentile, rfiStatus, type MessageLike, type RfiStatus } from '../../domain/liaison/liaison.ts';
import { authorize } from '../../domain/policy/authorize.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { validation } from '../../errors.ts';
import { listRecords } from '../../store/records.repository.ts';
import type { Dashboard, PairFigures, RfiFigures } from '../../domain/liaison/dashboard-types.ts';
import type { AppContext } from '../context.ts';
import { meetingFigures } from './meeting-figures.ts';

/**
 * The co-operation dashboard (docs/liaison.md): figures per border pair ("AF-TJ": the two
 * state codes sorted), never message content. Directions are the reader's: "sent" is what
 * the reader's state wrote, "received" what the counterpart wrote.
 */
export const dashboardQuery = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }).strict();
export interface Period {
  from: string;
  to: string;
}

/** Another source of per-pair figures (meetings, joint operations…), merged under its name. */
export type FigureSource = (ctx: AppContext, period: Period) => Promise<Record<string, Record<string, number>>>;

/**
 * Figure sources besides liaison messages, merged under their name: BLO meetings, action items
 * and joint operations ({meetingsHeld, actionItemsDue, actionItemsClosedOnTime, jointOperations})
 * appear as `pairs[i].meetings` in the answer and in the web dashboard.
 */
const FIGURE_SOURCES: Record<string, FigureSource> = {
  meetings: async (ctx, period) => Object.fromEntries(Object.entries(await meetingFigures(ctx, period)).map(([pair, f]) => [pair, { ...f }])),
};

const DAY = 86_400_000;

export function periodOf(q: { from?: string; to?: string }, now = new Date()): Period {
  const to = q.to ?? now.toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(to) - 182 * DAY).toISOString().slice(0, 10);
  if (from > to) throw validation('"from" is after "to"', [{ path: 'from', message: 'not after to' }]);
  return { from, to };
}

function monthsBetween(p: Period): string[] {
  const out: string[] = [];
  const d = new Date(`${p.from.slice(0, 7)}-01T00:00:00Z`);
  const last = p.to.slice(0, 7);
  while (d.toISOString().slice(0, 7) <= last && out.length < 120) {
    out.push(d.toISOString().slice(0, 7));
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

function rfiFigures(list: { sentAt: string; status: RfiStatus }[]): RfiFigures {
  const hours = list.map((r) => r.status.responseHours).filter((h): h is number => h !== null);
  const judged = list.filter((r) => r.status.answeredOnTime !== null || r.status.overdue);
  const onTime = judged.filter((r) => r.status.answeredOnTime === true).length;
  return {
    sent: list.length,
    answered: hours.length,
    medianHours: median(hours),
    p90Hours: percentile(hours, 90),
    answeredOnTimeShare: judged.length ? Math.round((onTime / judged.length) * 1000) / 1000 : null,
    open: list.filter((r) => r.status.state === 'open').length,
    overdue: list.filter((r) => r.status.state === 'overdue').length,
  };
}

export async function cooperationDashboard(ctx: AppContext, subject: Subject, q: z.infer<typeof dashboardQuery>, now = new Date()): Promise<Dashboard> {
  authorize(subject, 'cooperation:read');
  const period = periodOf(q, now);
  const inPeriod = (iso: string) => iso.slice(0, 10) >= period.from && iso.slice(0, 10) <= period.to;
  const channels = await listRecords(ctx.db.kysely, 'liaison_channel');
  const messages = await listRecords(ctx.db.kysely, 'liaison_message');
  const byChannel = new Map<string, MessageLike[]>();
  for (const m of messages) {
    const list = byChannel.get(m.body.channelId) ?? [];
    list.push({ id: m.id, ownerState: m.owner.state, body: m.body });
    byChannel.set(m.body.channelId, list);
  }
  const months = monthsBetween(period);
  const pairs = new Map<string, { channels: number; months: Map<string, { sent: number; received: number }>; ours: { sentAt: string; status: RfiStatus }[]; theirs: { sentAt: string; status: RfiStatus }[]; perChannel: PairFigures['perChannel'] }>();
  for (const c of channels) {
    // Only the pairs the reader's state is party to: another pair's figures are not theirs to read.
    if (!c.body.members.some((m) => m.state === subject.stateCode)) continue;
    const key = pairKeyOf(c.body.members);
    const pair = pairs.get(key) ?? { channels: 0, months: new Map(months.map((m) => [m, { sent: 0, received: 0 }])), ours: [], theirs: [], perChannel: [] };
    pair.channels += 1;
    const list = byChannel.get(c.id) ?? [];
    const ours: { sentAt: string; status: RfiStatus }[] = [];
    const theirs: { sentAt: string; status: RfiStatus }[] = [];
    for (const m of list) {
      if (!inPeriod(m.body.sentAt)) continue;
      const bucket = pair.months.get(m.body.sentAt.slice(0, 7));
      if (bucket) bucket[m.ownerState === subject.stateCode ? 'sent' : 'received'] += 1;
      if (m.body.kind === 'rfi') (m.ownerState === subject.stateCode ? ours : theirs).push({ sentAt: m.body.sentAt, status: rfiStatus(m, list, now) });
    }
    pair.ours.push(...ours);
    pair.theirs.push(...theirs);
    pair.perChannel.push({ channelId: c.id, title: c.body.title, counterpartUnits: c.body.members.filter((m) => m.state !== subject.stateCode).map((m) => m.unitRef), ourRequests: rfiFigures(ours), theirRequests: rfiFigures(theirs) });
    pairs.set(key, pair);
  }
  const extra: Record<string, Record<string, Record<string, number>>> = {};
  for (const [name, source] of Object.entries(FIGURE_SOURCES)) extra[name] = await source(ctx, period);
  const out: PairFigures[] = [...pairs.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pairKey, p]) => ({
      pairKey,
      channels: p.channels,
      months: [...p.months.entries()].map(([month, v]) => ({ month, ...v })),
      ourRequests: rfiFigures(p.ours),
      theirRequests: rfiFigures(p.theirs),
      perChannel: p.perChannel,
      ...Object.fromEntries(Object.entries(extra).map(([name, figures]) => [name, figures[pairKey] ?? null])),
    }));
  return { from: period.from, to: period.to, state: subject.stateCode, sources: ['liaison', ...Object.keys(FIGURE_SOURCES)], pairs: out };
}
