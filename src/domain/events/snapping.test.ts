import { describe, expect, it } from 'vitest';
import { sectionOf, snapToBorder } from './snapping.ts';

const sections = [sectionOf('west', [[68.0, 37.0], [69.0, 37.0]]), sectionOf('east', [[69.0, 37.0], [70.0, 37.5]])];
const units = [
  { id: 'tj-post', stateCode: 'TJ', location: [68.5, 37.1] as [number, number] },
  { id: 'af-post', stateCode: 'AF', location: [68.5, 36.99] as [number, number] },
];

describe('snapToBorder', () => {
  it('picks the nearest section and, among the reporter’s units, the nearest', () => {
    const r = snapToBorder([68.5, 37.02], sections, units, 50, 'TJ');
    expect(r).toMatchObject({ ok: true, sectionId: 'west', unitId: 'tj-post' });
    if (r.ok) expect(r.distanceKm).toBeCloseTo(2.22, 1);
    expect(snapToBorder([68.5, 37.02], sections, units, 50, 'AF')).toMatchObject({ ok: true, unitId: 'af-post' });
    expect(snapToBorder([69.9, 37.5], sections, units, 50)).toMatchObject({ ok: true, sectionId: 'east' });
  });

  it('refuses a point farther than the limit and says how far it is', () => {
    const r = snapToBorder([68.5, 38.0], sections, units, 50);
    expect(r.ok).toBe(false);
    expect(r.distanceKm).toBeGreaterThan(100);
  });

  it('without sections nothing snaps', () => {
    expect(snapToBorder([68.5, 37], [], units, 50)).toEqual({ ok: false, distanceKm: null });
  });
});
