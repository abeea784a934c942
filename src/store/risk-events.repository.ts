/**
 * Published events as the risk model reads them (docs/risk-model.md): status published or
 * closed (not closed as "did not happen"), snapped to a section, and not a follow-up report
 * (a follow-up describes an event already counted by its first report).
 */
import type { EventBody } from '../domain/events/event.ts';
import type { Credibility } from '../domain/risk/config.ts';
import type { RiskEvent } from '../domain/risk/model.ts';
import type { Executor } from './transaction.ts';

/** Substances named in a seizure's goods, in the order they are looked for (explanation "detail"). */
export const SUBSTANCES = ['heroin', 'opium', 'morphine', 'hashish', 'cannabis', 'methamphetamine', 'cocaine', 'precursors'] as const;
const SUBSTANCE_WORDS: [RegExp, (typeof SUBSTANCES)[number]][] = [
  [/heroin|героин|ҳероин|هیروئین|هروئین|هیرویین/i, 'heroin'],
  [/opium|опий|афюн|تریاک|ترياک|اپیم/i, 'opium'],
  [/morphine|морфин|مورفین/i, 'morphine'],
  [/hashish|hash|гашиш|چرس|حشیش/i, 'hashish'],
  [/cannabis|marijuana|марихуан|канабис|بنگ/i, 'cannabis'],
  [/methamphetamine|meth|метамфетамин|شیشه|میتامفیتامین/i, 'methamphetamine'],
  [/cocaine|кокаин|کوکائین/i, 'cocaine'],
  [/precursor|anhydride|прекурсор|ангидрид/i, 'precursors'],
];

function substanceOf(body: EventBody): { detail: string | null; amount: number | null; amountUnit: string | null } {
  for (const g of body.involved.goods) {
    const hit = SUBSTANCE_WORDS.find(([re]) => re.test(g.description));
    if (hit) return { detail: hit[1], amount: g.quantity, amountUnit: g.unit };
  }
  const g = body.involved.goods[0];
  return { detail: null, amount: g?.quantity ?? null, amountUnit: g?.unit ?? null };
}

/** The model's view of an event body, or null when it does not count. */
export function riskEventOf(id: string, body: EventBody): RiskEvent | null {
  if (body.status !== 'published' && body.status !== 'closed') return null;
  if (body.closure?.outcome === 'did_not_happen') return null;
  if (body.followUpOf !== null || body.sectionId === null) return null;
  const { detail, amount, amountUnit } = substanceOf(body);
  return {
    id,
    sectionId: body.sectionId,
    unitId: body.unitId,
    category: body.category,
    severity: body.severity,
    reliability: body.grading.reliability,
    credibility: body.grading.credibility as Credibility,
    occurredAt: Date.parse(body.occurredAt),
    detail,
    amount,
    amountUnit,
  };
}

/**
 * Counting events that occurred at or after `since` (ISO) — and, when given, at or before `until`
 * and only in `sectionIds` (the backfill reads just the span and sections it must compute).
 */
export async function listRiskEvents(db: Executor, since: string, only: { until?: string; sectionIds?: string[] } = {}): Promise<RiskEvent[]> {
  let q = db
    .selectFrom('events')
    .select(['id', 'body_json'])
    .where('deleted_at', 'is', null)
    .where('in_picture', '=', 1)
    .where('occurred_at', '>=', since)
    .where('section_id', 'is not', null);
  if (only.until !== undefined) q = q.where('occurred_at', '<=', only.until);
  if (only.sectionIds !== undefined) q = q.where('section_id', 'in', only.sectionIds.length > 0 ? only.sectionIds : ['']);
  const rows = await q.execute();
  const out: RiskEvent[] = [];
  for (const r of rows) {
    const e = riskEventOf(r.id, JSON.parse(r.body_json) as EventBody);
    if (e) out.push(e);
  }
  return out;
}

/** One event as the model sees it now (null: unknown, withdrawn, or not counting). */
export async function findRiskEvent(db: Executor, id: string): Promise<RiskEvent | null> {
  const row = await db.selectFrom('events').select(['id', 'body_json']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? riskEventOf(row.id, JSON.parse(row.body_json) as EventBody) : null;
}

/**
 * Occurrence times (ms) of counting events since `since`, per section, and the first time any
 * event was recorded (where history starts): the anomaly hint's input.
 */
export async function riskEventTimes(db: Executor, since: string): Promise<{ times: Map<string, number[]>; first: number | null }> {
  const rows = await db
    .selectFrom('events')
    .select(['section_id', 'occurred_at', 'status', 'follow_up_of', 'body_json'])
    .where('deleted_at', 'is', null)
    .where('in_picture', '=', 1)
    .where('occurred_at', '>=', since)
    .where('section_id', 'is not', null)
    .where('follow_up_of', 'is', null)
    .execute();
  const times = new Map<string, number[]>();
  for (const r of rows) {
    if (r.status === 'closed' && (JSON.parse(r.body_json) as EventBody).closure?.outcome === 'did_not_happen') continue;
    const list = times.get(r.section_id!) ?? [];
    list.push(Date.parse(r.occurred_at));
    times.set(r.section_id!, list);
  }
  const first = await db.selectFrom('events').select((eb) => eb.fn.min('occurred_at').as('m')).where('deleted_at', 'is', null).executeTakeFirst();
  return { times, first: first?.m ? Date.parse(String(first.m)) : null };
}
