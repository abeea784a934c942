import { z } from 'zod';
import baselines from '../../domain/trade/cpmm-baselines.json' with { type: 'json' };
import { allows, authorize } from '../../domain/policy/authorize.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { tradeTarget } from '../../domain/policy/trade.policy.ts';
import { crossingTimeReport, DIRECTIONS, type Baseline, type Direction } from '../../domain/trade/crossing-times.ts';
import { notFound, validation } from '../../errors.ts';
import { findRecord } from '../../store/records.repository.ts';
import { crossingsBetween } from '../../store/trade.repository.ts';
import type { AppContext } from '../context.ts';

interface BaselineRow {
  crossingPointRef: string;
  direction: Direction;
  year: number;
  hours: number;
  costUsd: number | null;
  source: string;
}
const BASELINES = (baselines as { baselines: BaselineRow[] }).baselines;

/** The published CAREC CPMM figure for a crossing point (by its scenario ref) and direction. */
export function baselineFor(unitRef: string | null, direction: Direction): Baseline | null {
  const b = BASELINES.find((x) => x.crossingPointRef === unitRef && x.direction === direction);
  return b ? { source: b.source, year: b.year, hours: b.hours, costUsd: b.costUsd } : null;
}

export const crossingTimesQuery = z
  .object({
    crossingPoint: z.uuid(),
    direction: z.enum(DIRECTIONS),
    from: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
    to: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
  })
  .strict();

/** TRS / CPMM figures for one crossing point and direction over [from, to) (default: last 90 days). */
export async function crossingTimes(ctx: AppContext, subject: Subject, q: z.output<typeof crossingTimesQuery>, now = new Date()) {
  authorize(subject, 'trade:read');
  const unit = await findRecord(ctx.db.kysely, 'unit', q.crossingPoint);
  if (!unit || unit.body.kind !== 'crossing_point') throw notFound('crossing point');
  const to = q.to ? new Date(q.to).toISOString() : now.toISOString();
  const from = q.from ? new Date(q.from).toISOString() : new Date(Date.parse(to) - 90 * 86_400_000).toISOString();
  if (from >= to) throw validation('"from" must be before "to"');
  const rows = (await crossingsBetween(ctx.db.kysely, { pointId: q.crossingPoint, pointRef: unit.body.ref, direction: q.direction, from, to })).filter((c) => allows(subject, 'trade:read', tradeTarget(ctx.node.id, c)));
  return { crossingPoint: q.crossingPoint, direction: q.direction, from, to, ...crossingTimeReport(rows.map((r) => r.body), baselineFor(unit.body.ref, q.direction)) };
}
