import type { AppContext } from '../context.ts';
import { riskEngine } from '../risk.service.ts';

/** Days of assessment history the demo starts with (sparklines and trends have something to show). */
export const RISK_HISTORY_DAYS = 30;

/**
 * Risk model seeding: computes the current assessments (the first evaluation stores today's
 * snapshot) and backfills one daily snapshot per section for each of the last 30 days from the
 * events as they stood then. Deterministic given the events; seeding again adds nothing.
 */
export async function seedRisk(ctx: AppContext): Promise<number> {
  return riskEngine(ctx).backfill(RISK_HISTORY_DAYS);
}
