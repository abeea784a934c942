/**
 * Seizure totals for the daily situation report: per item and substance, the number of seizures,
 * the normalised kilograms, and counted quantities (pieces, rounds, head; cash per currency) for
 * the report's day and the 7 days to it — for the whole border and per seizing state.
 */
import type { QuantityUnit } from './seizure.ts';

export interface SeizureFact {
  itemKind: string;
  substance: string;
  quantityKg: number | null;
  quantity: { value: number; unit: QuantityUnit; currency: string | null };
  /** epoch ms */
  seizedAt: number;
  /** the state whose officers made it (the event's owner) */
  state: string;
}

export interface SeizureTally {
  seizures: number;
  kg: number;
  /** quantities that are counted, not weighed: by unit, cash by currency */
  counts: Record<string, number>;
}

export interface SeizureTotal {
  itemKind: string;
  substance: string;
  day: SeizureTally;
  week: SeizureTally;
}

export interface SeizureTotals {
  border: SeizureTotal[];
  states: { code: string; items: SeizureTotal[] }[];
}

const tally = (): SeizureTally => ({ seizures: 0, kg: 0, counts: {} });
/** Six decimals: a gram of a kilogram sum never drifts by floating-point addition. */
const kg6 = (x: number) => Math.round(x * 1e6) / 1e6;

function add(t: SeizureTally, f: SeizureFact): void {
  t.seizures++;
  if (f.quantityKg !== null) t.kg = kg6(t.kg + f.quantityKg);
  else {
    const key = f.quantity.unit === 'amount' ? (f.quantity.currency ?? 'amount') : f.quantity.unit;
    t.counts[key] = kg6((t.counts[key] ?? 0) + f.quantity.value);
  }
}

function totalsOf(facts: SeizureFact[], dayStart: number, weekStart: number, end: number): SeizureTotal[] {
  const by = new Map<string, SeizureTotal>();
  for (const f of facts) {
    if (f.seizedAt < weekStart || f.seizedAt >= end) continue;
    const key = `${f.itemKind}|${f.substance}`;
    let t = by.get(key);
    if (!t) by.set(key, (t = { itemKind: f.itemKind, substance: f.substance, day: tally(), week: tally() }));
    add(t.week, f);
    if (f.seizedAt >= dayStart) add(t.day, f);
  }
  return [...by.values()].sort((a, b) => b.week.kg - a.week.kg || b.week.seizures - a.week.seizures || a.itemKind.localeCompare(b.itemKind) || a.substance.localeCompare(b.substance));
}

/** Totals over [dayStart, end) for the day and [weekStart, end) for the week. */
export function seizureTotals(facts: SeizureFact[], window: { dayStart: number; weekStart: number; end: number }): SeizureTotals {
  const { dayStart, weekStart, end } = window;
  const states = [...new Set(facts.map((f) => f.state))].sort();
  return {
    border: totalsOf(facts, dayStart, weekStart, end),
    states: states
      .map((code) => ({ code, items: totalsOf(facts.filter((f) => f.state === code), dayStart, weekStart, end) }))
      .filter((s) => s.items.length > 0),
  };
}
