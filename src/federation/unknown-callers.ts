import type { AppContext } from '../services/context.ts';

/**
 * Calls from unknown node ids are not authenticated, so anyone can make them: each is recorded
 * for the peer page, but only up to a budget per minute, or a flood of them would fill the disk.
 * What goes over the budget is counted in memory (`unrecordedUnknownCalls`).
 */
export const UNKNOWN_CALLER_ROWS_PER_MINUTE = 60;
const unknownCallerBudget = new WeakMap<AppContext, { minute: number; written: number; unrecorded: number }>();

export function takeUnknownCallerRow(ctx: AppContext, now: Date): boolean {
  const minute = Math.floor(now.getTime() / 60_000);
  const budget = unknownCallerBudget.get(ctx) ?? { minute, written: 0, unrecorded: 0 };
  if (budget.minute !== minute) Object.assign(budget, { minute, written: 0 });
  unknownCallerBudget.set(ctx, budget);
  if (budget.written >= UNKNOWN_CALLER_ROWS_PER_MINUTE) {
    budget.unrecorded += 1;
    return false;
  }
  budget.written += 1;
  return true;
}

/** Unknown callers refused since this node started but not written down (over the budget). */
export function unrecordedUnknownCalls(ctx: AppContext): number {
  return unknownCallerBudget.get(ctx)?.unrecorded ?? 0;
}
