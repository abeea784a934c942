import type { ApiClient } from '../../testing/api-client.ts';

// Shared by the trade API tests (one node and two nodes).

/** The next given weekday (0 = Sunday) at 10:00 UTC, at least two days from now. */
export function nextWeekday(weekday: number, from = new Date()): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + 2, 10));
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

export async function crossingPoints(client: ApiClient): Promise<Map<string, string>> {
  const units = (await client.get('/api/units?kind=crossing_point')).body.items as { id: string; ref: string }[];
  return new Map(units.map((u) => [u.ref, u.id]));
}

export const declaration = (points: Map<string, string>, over: Record<string, unknown> = {}, item: Record<string, unknown> = {}) => ({
  ref: `TJ-EXP-${Math.random().toString(36).slice(2, 10)}`,
  type: 'export',
  consignor: { name: 'Somon Cement LLC', id: 'TJ-TIN-300111', country: 'TJ' },
  consignee: { name: 'Kunduz Builders', id: 'AF-TIN-900222', country: 'AF' },
  items: [{ hsCode: '2523.29', description: 'Portland cement in bags', quantity: 400, unit: 'bag', grossMassKg: 20_000, value: 2_400, currency: 'USD', origin: 'TJ', ...item }],
  vehicle: { plate: '4471 TJ 03', nationality: 'TJ' },
  seals: ['S-1001', 'S-1002'],
  route: ['Dushanbe', 'Panji Poyon', 'Sher Khan Bandar', 'Kunduz'],
  exitPointId: points.get('tj-bcp-panji-poyon'),
  entryPointId: points.get('af-bcp-sher-khan-bandar'),
  destinationState: 'AF',
  expectedArrival: nextWeekday(1), // a Monday: both sides open
  ...over,
});

