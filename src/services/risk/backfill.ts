/**
 * The history of the last `days` days for sections that have none: a daily snapshot at noon UTC
 * of each day before today, computed from the events as they stood then (the demo's sparklines
 * and trends). Idempotent: a day that has its snapshot is left alone.
 */
import { randomUUID } from 'node:crypto';
import { assessSection, DAY_MS, type RiskEvent } from '../../domain/risk/model.ts';
import { listRiskEvents } from '../../store/risk-events.repository.ts';
import { insertSnapshots, sectionsWithDailySnapshot, type Snapshot } from '../../store/risk.repository.ts';
import { inWriteTransaction } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';
import type { RiskRegistry } from './registry-cache.ts';
import { dayOf, round } from './views.ts';

export async function backfillSnapshots(ctx: AppContext, registry: RiskRegistry, days: number, now: number): Promise<number> {
  const db = ctx.db.kysely;
  const cfg = ctx.config.risk;
  const today = Date.parse(`${dayOf(now)}T00:00:00.000Z`);
  const events = await listRiskEvents(db, new Date(today - (days + cfg.windowDays) * DAY_MS).toISOString());
  const bySection = new Map<string, RiskEvent[]>();
  for (const e of events) bySection.set(e.sectionId, [...(bySection.get(e.sectionId) ?? []), e]);
  const rows: Snapshot[] = [];
  for (let d = days; d >= 1; d--) {
    const start = today - d * DAY_MS;
    const have = await sectionsWithDailySnapshot(db, new Date(start).toISOString(), new Date(start + DAY_MS).toISOString());
    const at = start + DAY_MS / 2;
    for (const id of registry.sectionIds()) {
      if (have.has(id)) continue;
      const a = assessSection(cfg, registry.profileOf(id), (bySection.get(id) ?? []).filter((e) => e.occurredAt <= at), at);
      rows.push({ id: randomUUID(), sectionId: id, at: new Date(at).toISOString(), level: a.level, computedLevel: a.level, score: round(a.score), overrideId: null, explanation: registry.enrich(a.explanation, null, at), cause: 'daily' });
    }
  }
  if (rows.length > 0) await inWriteTransaction(ctx.db, (trx) => insertSnapshots(trx, rows));
  return rows.length;
}
