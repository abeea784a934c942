import { describe, expect, it } from 'vitest';
import { seizureTotals, type SeizureFact } from './seizure-totals.ts';

const D = 86_400_000;
const dayStart = Date.parse('2026-12-01T00:00:00Z');
const end = dayStart + D;
const weekStart = dayStart - 6 * D;
const f = (over: Partial<SeizureFact>): SeizureFact => ({
  itemKind: 'narcotics',
  substance: 'heroin',
  quantityKg: 1,
  quantity: { value: 1, unit: 'kg', currency: null },
  seizedAt: dayStart + 3_600_000,
  state: 'TJ',
  ...over,
});

describe('seizure totals of the daily report', () => {
  it('sum kilograms per substance for the day and the week, per state and for the border', () => {
    const facts = [
      f({ quantityKg: 4.2 }), // TJ heroin today
      f({ quantityKg: 0.35, quantity: { value: 350, unit: 'g', currency: null }, seizedAt: dayStart - 2 * D }), // TJ heroin 2 days before
      f({ quantityKg: 12, state: 'AF', seizedAt: dayStart + 10 * 3_600_000 }), // AF heroin today
      f({ substance: 'opium', quantityKg: 30, seizedAt: weekStart }), // first instant of the week counts
      f({ substance: 'opium', quantityKg: 99, seizedAt: weekStart - 1 }), // just before: not counted
      f({ substance: 'opium', quantityKg: 99, seizedAt: end }), // the next day: not counted
      f({ itemKind: 'ammunition', substance: 'ammunition', quantityKg: null, quantity: { value: 120, unit: 'rounds', currency: null } }),
      f({ itemKind: 'ammunition', substance: 'ammunition', quantityKg: null, quantity: { value: 80, unit: 'rounds', currency: null }, seizedAt: dayStart - D }),
      f({ itemKind: 'cash', substance: 'cash', quantityKg: null, quantity: { value: 5000, unit: 'amount', currency: 'USD' }, state: 'AF' }),
    ];
    const t = seizureTotals(facts, { dayStart, weekStart, end });
    const heroin = t.border.find((x) => x.substance === 'heroin')!;
    expect(heroin.day).toEqual({ seizures: 2, kg: 16.2, counts: {} });
    expect(heroin.week).toEqual({ seizures: 3, kg: 16.55, counts: {} });
    expect(t.border.find((x) => x.substance === 'opium')).toMatchObject({ day: { seizures: 0, kg: 0 }, week: { seizures: 1, kg: 30 } });
    expect(t.border.find((x) => x.substance === 'ammunition')).toMatchObject({ day: { seizures: 1, counts: { rounds: 120 } }, week: { seizures: 2, kg: 0, counts: { rounds: 200 } } });
    expect(t.border.find((x) => x.substance === 'cash')!.week.counts).toEqual({ USD: 5000 });
    // ordered by kilograms of the week
    expect(t.border.map((x) => x.substance)).toEqual(['opium', 'heroin', 'ammunition', 'cash']);
    expect(t.states.map((s) => s.code)).toEqual(['AF', 'TJ']);
    expect(t.states[0]!.items.find((x) => x.substance === 'heroin')!.week).toEqual({ seizures: 1, kg: 12, counts: {} });
    expect(t.states[1]!.items.find((x) => x.substance === 'heroin')!.week).toEqual({ seizures: 2, kg: 4.55, counts: {} });
  });

  it('a state with nothing in the week is left out; no seizures give empty totals', () => {
    expect(seizureTotals([], { dayStart, weekStart, end })).toEqual({ border: [], states: [] });
    expect(seizureTotals([f({ seizedAt: weekStart - D, state: 'UZ' })], { dayStart, weekStart, end })).toEqual({ border: [], states: [] });
  });
});
