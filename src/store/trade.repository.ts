import { sql } from 'kysely';
import type { FiredRule, SelectivityRule } from '../domain/trade/selectivity.ts';
import type { Lane } from '../domain/trade/declaration.ts';
import { recordFromRow, type SavedRecord } from './records.repository.ts';
import type { RecordColumns } from './schema.ts';
import type { Executor } from './transaction.ts';

// Node-local trade tables (docs/trade.md): selectivity rules, the decision log, inspection
// results, border markets; and the range queries on the trade record tables.

export async function listSelectivityRules(db: Executor): Promise<SelectivityRule[]> {
  const rows = await db.selectFrom('selectivity_rules').select(['body_json']).orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.body_json) as SelectivityRule);
}

export async function upsertSelectivityRule(db: Executor, rule: SelectivityRule, by: string, at: string): Promise<void> {
  const row = { body_json: JSON.stringify(rule), active: rule.active ? 1 : 0, updated_by: by, updated_at: at };
  await db
    .insertInto('selectivity_rules')
    .values({ id: rule.id, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

export async function countSelectivityRules(db: Executor): Promise<number> {
  const r = await db.selectFrom('selectivity_rules').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export interface StoredDecision {
  id: string;
  declarationId: string;
  lane: Lane;
  fired: FiredRule[];
  random: boolean;
  decidedAt: string;
}

export async function insertDecision(db: Executor, d: StoredDecision): Promise<void> {
  await db
    .insertInto('selectivity_decisions')
    .values({ id: d.id, declaration_id: d.declarationId, lane: d.lane, fired_json: JSON.stringify(d.fired), random: d.random ? 1 : 0, decided_at: d.decidedAt })
    .execute();
}

const decisionFromRow = (r: { id: string; declaration_id: string; lane: string; fired_json: string; random: number; decided_at: string }): StoredDecision => ({
  id: r.id,
  declarationId: r.declaration_id,
  lane: r.lane as Lane,
  fired: JSON.parse(r.fired_json) as FiredRule[],
  random: Number(r.random) === 1,
  decidedAt: r.decided_at,
});

export async function decisionsFor(db: Executor, declarationId: string): Promise<StoredDecision[]> {
  const rows = await db.selectFrom('selectivity_decisions').selectAll().where('declaration_id', '=', declarationId).orderBy('decided_at').execute();
  return rows.map(decisionFromRow);
}

export async function decisionsBetween(db: Executor, from: string, to: string): Promise<StoredDecision[]> {
  const rows = await db.selectFrom('selectivity_decisions').selectAll().where('decided_at', '>=', from).where('decided_at', '<', to).execute();
  return rows.map(decisionFromRow);
}

export interface StoredInspection {
  id: string;
  declarationId: string;
  hit: boolean;
  findings: string;
  firedRuleIds: string[];
  inspectedBy: string;
  inspectedAt: string;
}

export async function insertInspection(db: Executor, i: StoredInspection): Promise<void> {
  await db
    .insertInto('inspections')
    .values({ id: i.id, declaration_id: i.declarationId, hit: i.hit ? 1 : 0, findings: i.findings, fired_json: JSON.stringify(i.firedRuleIds), inspected_by: i.inspectedBy, inspected_at: i.inspectedAt })
    .execute();
}

export async function listInspections(db: Executor, from: string, to: string): Promise<StoredInspection[]> {
  const rows = await db.selectFrom('inspections').selectAll().where('inspected_at', '>=', from).where('inspected_at', '<', to).execute();
  return rows.map((r) => ({
    id: r.id,
    declarationId: r.declaration_id,
    hit: Number(r.hit) === 1,
    findings: r.findings,
    firedRuleIds: JSON.parse(r.fired_json) as string[],
    inspectedBy: r.inspected_by,
    inspectedAt: r.inspected_at,
  }));
}

/** Declarations expected in [from, to), live ones only (at most 5,000: narrow the period). */
export async function declarationsExpected(db: Executor, opts: { from: string; to: string }): Promise<SavedRecord<'declaration'>[]> {
  const q = db.selectFrom('declarations').selectAll().where('deleted_at', 'is', null).where('expected_arrival', '>=', opts.from).where('expected_arrival', '<', opts.to);
  const rows = await q.orderBy('expected_arrival').limit(5000).execute();
  return rows.map((r) => recordFromRow('declaration', r as unknown as RecordColumns));
}

export async function findDeclarationByRef(db: Executor, ownerNode: string, ref: string): Promise<SavedRecord<'declaration'> | null> {
  const row = await db.selectFrom('declarations').selectAll().where('owner_node', '=', ownerNode).where('ref', '=', ref).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? recordFromRow('declaration', row as unknown as RecordColumns) : null;
}

export async function crossingsFor(db: Executor, declarationId: string): Promise<SavedRecord<'crossing'>[]> {
  const rows = await db.selectFrom('crossings').selectAll().where('declaration_id', '=', declarationId).where('deleted_at', 'is', null).orderBy('queue_arrival_at').execute();
  return rows.map((r) => recordFromRow('crossing', r as unknown as RecordColumns));
}

/** Crossings at a point (by this node's unit id, or by its scenario ref for the other side's records). */
export async function crossingsBetween(db: Executor, opts: { pointId: string; pointRef: string | null; direction: string; from: string; to: string }): Promise<SavedRecord<'crossing'>[]> {
  const ref = opts.pointRef;
  const rows = await db
    .selectFrom('crossings')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where((eb) => (ref === null ? eb('crossing_point_id', '=', opts.pointId) : eb.or([eb('crossing_point_id', '=', opts.pointId), eb('crossing_point_ref', '=', ref)])))
    .where('direction', '=', opts.direction)
    .where('queue_arrival_at', '>=', opts.from)
    .where('queue_arrival_at', '<', opts.to)
    .execute();
  return rows.map((r) => recordFromRow('crossing', r as unknown as RecordColumns));
}

export async function crossingPointProfile(db: Executor, unitId: string): Promise<SavedRecord<'crossing_point'> | null> {
  const row = await db.selectFrom('trade_crossing_points').selectAll().where('unit_id', '=', unitId).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? recordFromRow('crossing_point', row as unknown as RecordColumns) : null;
}

export async function transitsInStatus(db: Executor, status: string): Promise<SavedRecord<'transit'>[]> {
  const rows = await db.selectFrom('transits').selectAll().where('deleted_at', 'is', null).where('status', '=', status).execute();
  return rows.map((r) => recordFromRow('transit', r as unknown as RecordColumns));
}

/**
 * Published events and seizures near a unit in the last days, when the events branch's table
 * exists on this node: categories only (intelligence for selectivity). Missing table → none.
 */
export async function recentEventCategories(db: Executor, unitId: string, sinceIso: string): Promise<string[]> {
  try {
    const rows = await sql<{ category: string }>`select category from events where unit_id = ${unitId} and status in ('published', 'closed') and occurred_at >= ${sinceIso} and deleted_at is null`.execute(db);
    return [...new Set(rows.rows.map((r) => r.category))];
  } catch {
    return [];
  }
}

export interface Market {
  id: string;
  ref: string;
  name: Record<string, string>;
  unitId: string | null;
  weekday: string;
  opens: string;
  closes: string;
  /** Absent in the seed: a seeded market is held; the editor can switch it off. */
  active?: boolean;
}

/** Seed path: insert, or refresh the description of the market with this ref (its `active` flag stays). */
export async function upsertMarket(db: Executor, m: Market): Promise<void> {
  const row = { name_json: JSON.stringify(m.name), unit_id: m.unitId, weekday: m.weekday, opens: m.opens, closes: m.closes };
  await db.insertInto('border_markets').values({ id: m.id, ref: m.ref, ...row }).onConflict((oc) => oc.column('ref').doUpdateSet(row)).execute();
}

/** Editor path: a new market; false when the ref is taken. */
export async function insertMarket(db: Executor, m: Market): Promise<boolean> {
  const res = await db
    .insertInto('border_markets')
    .values({ id: m.id, ref: m.ref, name_json: JSON.stringify(m.name), unit_id: m.unitId, weekday: m.weekday, opens: m.opens, closes: m.closes, active: m.active === false ? 0 : 1 })
    .onConflict((oc) => oc.column('ref').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Editor path: replace a market's description (by id); false when there is none. */
export async function updateMarket(db: Executor, m: Market): Promise<boolean> {
  const res = await db
    .updateTable('border_markets')
    .set({ ref: m.ref, name_json: JSON.stringify(m.name), unit_id: m.unitId, weekday: m.weekday, opens: m.opens, closes: m.closes, active: m.active === false ? 0 : 1 })
    .where('id', '=', m.id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function listMarkets(db: Executor): Promise<Market[]> {
  const rows = await db.selectFrom('border_markets').selectAll().orderBy('ref').execute();
  return rows.map((r) => ({ id: r.id, ref: r.ref, name: JSON.parse(r.name_json) as Record<string, string>, unitId: r.unit_id, weekday: r.weekday, opens: r.opens, closes: r.closes, active: Number(r.active) !== 0 }));
}

export interface MarketDay {
  id: string;
  marketId: string;
  day: string;
  tradersTj: number;
  tradersAf: number;
  visitors: number;
  turnoverUsd: number;
  recordedBy: string;
}

export async function upsertMarketDay(db: Executor, d: MarketDay): Promise<void> {
  const row = { traders_tj: d.tradersTj, traders_af: d.tradersAf, visitors: d.visitors, turnover_usd: d.turnoverUsd, recorded_by: d.recordedBy };
  await db
    .insertInto('market_days')
    .values({ id: d.id, market_id: d.marketId, day: d.day, ...row })
    .onConflict((oc) => oc.columns(['market_id', 'day']).doUpdateSet(row))
    .execute();
}

export async function marketDays(db: Executor, marketId: string, from: string, to: string): Promise<MarketDay[]> {
  const rows = await db.selectFrom('market_days').selectAll().where('market_id', '=', marketId).where('day', '>=', from).where('day', '<', to).orderBy('day').execute();
  return rows.map((r) => ({ id: r.id, marketId: r.market_id, day: r.day, tradersTj: Number(r.traders_tj), tradersAf: Number(r.traders_af), visitors: Number(r.visitors), turnoverUsd: Number(r.turnover_usd), recordedBy: r.recorded_by }));
}
