/**
 * The history of the last `days` days for sections that have none: a daily snapshot at noon UTC
 * of each day before today, computed from the events as they stood then (the demo's sparklines
 * and trends). Idempotent: a day that has its snapshot is left alone.
 *
 * It runs at every start of a node with a scenario (seeding is applied on each start), so its
 * cost must follow what is missing, not what is stored: one query finds the stored days; when
 * none is missing no event is read at all; otherwise only the events of the sections that miss
 * a day, in the span those days' windows cover, are read once and each missing (section, day)
 * is computed from its own window (binary search in the section's sorted events).
 */
import { randomUUID } from 'node:crypto';
import { assessSection, DAY_MS, type RiskEvent } from '../../domain/risk/model.ts';
import { listRiskEvents } from '../../store/risk-events.repository.ts';
import { dailySnapshotKeys, insertSnapshots, type Snapshot } from '../../store/risk.repository.ts';
import { inWriteTransaction } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';
import type { RiskRegistry } from './registry-cache.ts';
import { dayOf, round } from './views.ts';

export interface BackfillReport {
  /** snapshots written: one per missing (section, day) */
  written: number;
  /** events read from the database to compute them (0 when nothing was missing) */
  eventsRead: number;
}

/** First index in `xs` (sorted by occurredAt) whose occurredAt is ≥ t (`strict`: > t). */
function lowerBound(xs: RiskEvent[], t: number, strict = false): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? xs[mid]!.occurredAt <= t : xs[mid]!.occurredAt < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export async function backfillSnapshots(ctx: AppContext, registry: RiskRegistry, days: number, now: number): Promise<BackfillReport> {
  const db = ctx.db.kysely;
  const cfg = ctx.config.risk;
  const today = Date.parse(`${dayOf(now)}T00:00:00.000Z`);
  const have = await dailySnapshotKeys(db, new Date(today - days * DAY_MS).toISOString(), new Date(today).toISOString());
  /** section id → noon instants of its missing days */
  const missing = new Map<string, number[]>();
  let earliest = Infinity;
  let latest = -Infinity;
  for (let d = days; d >= 1; d--) {
    const start = today - d * DAY_MS;
    const day = dayOf(start);
    const at = start + DAY_MS / 2;
    for (const id of registry.sectionIds()) {
      if (have.has(`${id}|${day}`)) continue;
      const noons = missing.get(id);
      if (noons) noons.push(at);
      else missing.set(id, [at]);
      earliest = Math.min(earliest, at);
      latest = Math.max(latest, at);
    }
  }
  if (missing.size === 0) return { written: 0, eventsRead: 0 };

  const windowMs = cfg.windowDays * DAY_MS;
  const all = registry.sectionIds().length === missing.size;
  const events = await listRiskEvents(db, new Date(earliest - windowMs).toISOString(), {
    until: new Date(latest).toISOString(),
    sectionIds: all ? undefined : [...missing.keys()],
  });
  const bySection = new Map<string, RiskEvent[]>();
  for (const e of events) {
    const list = bySection.get(e.sectionId);
    if (list) list.push(e);
    else bySection.set(e.sectionId, [e]);
  }
  const rows: Snapshot[] = [];
  for (const [id, noons] of missing) {
    const list = (bySection.get(id) ?? []).sort((a, b) => a.occurredAt - b.occurredAt);
    const profile = registry.profileOf(id);
    for (const at of noons) {
      // the events as they stood at noon that day, within the model's window (older ones weigh nothing)
      const inWindow = list.slice(lowerBound(list, at - windowMs), lowerBound(list, at, true));
      const a = assessSection(cfg, profile, inWindow, at);
      rows.push({ id: randomUUID(), sectionId: id, at: new Date(at).toISOString(), level: a.level, computedLevel: a.level, score: round(a.score), overrideId: null, explanation: registry.enrich(a.explanation, null, at), cause: 'daily' });
    }
  }
  if (rows.length > 0) await inWriteTransaction(ctx.db, (trx) => insertSnapshots(trx, rows));
  return { written: rows.length, eventsRead: events.length };
}
