import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clustersInView, inBox, type BBox } from './cluster.ts';

const point = fc.record({
  id: fc.uuid(),
  lon: fc.double({ min: 66, max: 76, noNaN: true }),
  lat: fc.double({ min: 35, max: 40, noNaN: true }),
});
const view = fc
  .tuple(fc.double({ min: 65, max: 77, noNaN: true }), fc.double({ min: 34, max: 41, noNaN: true }), fc.double({ min: 0.01, max: 8, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true }))
  .map(([lon, lat, w, h]): BBox => [lon, lat, lon + w, lat + h]);

describe('clusters in view', () => {
  it('always add up to the number of located events in view, each event counted once', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 400 }), view, fc.integer({ min: 3, max: 16 }), (pts, box, zoom) => {
        const { clusters, inView } = clustersInView(pts, box, zoom);
        const expected = pts.filter((p) => inBox(p, box)).length;
        const total = clusters.reduce((s, c) => s + c.count, 0);
        const ids = clusters.flatMap((c) => c.ids);
        return inView === expected && total === expected && ids.length === expected && new Set(ids).size === new Set(pts.filter((p) => inBox(p, box)).map((p) => p.id)).size;
      }),
      { numRuns: 200 },
    );
  });

  it('groups many events on one spot into one cluster with its count', () => {
    const pts = Array.from({ length: 25 }, (_, i) => ({ id: `e${i}`, lon: 69.1, lat: 37.2 }));
    const { clusters } = clustersInView(pts, [68, 36, 70, 38], 7);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.count).toBe(25);
    expect(clusters[0]!.expansionZoom).not.toBeNull();
  });

  it('ignores events without a usable position and those outside the view', () => {
    const { clusters, inView } = clustersInView(
      [
        { id: 'a', lon: Number.NaN, lat: 37 },
        { id: 'b', lon: 10, lat: 10 },
        { id: 'c', lon: 69, lat: 37 },
      ],
      [68, 36, 70, 38],
      6,
    );
    expect(inView).toBe(1);
    expect(clusters.map((c) => c.key)).toEqual(['c']);
  });
});
