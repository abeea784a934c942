import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fanOut } from './fanOut.ts';

describe('fanOut', () => {
  it('leaves a lone marker where it is', () => {
    expect(fanOut([{ x: 10, y: 10 }, { x: 100, y: 100 }])).toEqual([{ x: 0, y: 0 }, { x: 0, y: 0 }]);
  });

  it('spreads four markers on one spot so that each can be clicked', () => {
    const pts = [0, 1, 2, 3].map(() => ({ x: 50, y: 50 }));
    const placed = fanOut(pts, 12, 16).map((o, i) => ({ x: pts[i]!.x + o.x, y: pts[i]!.y + o.y }));
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) expect(Math.hypot(placed[i]!.x - placed[j]!.x, placed[i]!.y - placed[j]!.y)).toBeGreaterThanOrEqual(15.99);
  });

  it('places every member of a crowd at least `spacing` from the others (any crowd)', () => {
    fc.assert(
      // all within an 8 px square: closer than `near` pairwise, so one crowd
      fc.property(fc.array(fc.record({ x: fc.double({ min: 0, max: 8, noNaN: true }), y: fc.double({ min: 0, max: 8, noNaN: true }) }), { minLength: 2, maxLength: 12 }), (pts) => {
        const placed = fanOut(pts, 12, 16).map((o, i) => ({ x: pts[i]!.x + o.x, y: pts[i]!.y + o.y }));
        for (let i = 0; i < placed.length; i++)
          for (let j = i + 1; j < placed.length; j++) if (Math.hypot(placed[i]!.x - placed[j]!.x, placed[i]!.y - placed[j]!.y) < 15.99) return false;
        return true;
      }),
    );
  });

  it('keeps markers far apart untouched and fans a crowd the same way wherever it is', () => {
    const a = fanOut([{ x: 0, y: 0 }, { x: 2, y: 0 }, { x: 300, y: 300 }]);
    const b = fanOut([{ x: 100, y: 100 }, { x: 102, y: 100 }, { x: 600, y: 300 }]);
    expect(a[2]).toEqual({ x: 0, y: 0 });
    for (const i of [0, 1]) {
      expect(a[i]!.x).toBeCloseTo(b[i]!.x, 9);
      expect(a[i]!.y).toBeCloseTo(b[i]!.y, 9);
    }
  });
});

describe('fanOut across crowds', () => {
  it('leaves no two markers closer than `spacing` once fanned out (any layout, crowds merging)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.integer({ min: 0, max: 120 }), y: fc.integer({ min: 0, max: 120 }) }), { minLength: 2, maxLength: 14 }), (pts) => {
        const offsets = fanOut(pts, 12, 16);
        const placed = offsets.map((o, i) => ({ x: pts[i]!.x + o.x, y: pts[i]!.y + o.y }));
        const moved = (i: number) => offsets[i]!.x !== 0 || offsets[i]!.y !== 0;
        for (let i = 0; i < placed.length; i++)
          for (let j = i + 1; j < placed.length; j++) {
            // two markers both left alone were never closer than `near` to begin with
            if (!moved(i) && !moved(j)) continue;
            if (Math.hypot(placed[i]!.x - placed[j]!.x, placed[i]!.y - placed[j]!.y) < 15.99) return false;
          }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
