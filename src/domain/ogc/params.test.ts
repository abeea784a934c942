import { describe, expect, it } from 'vitest';
import { bboxesIntersect, geometryBbox, parseBbox, parseDatetime, parseLimit } from './params.ts';

describe('OGC API – Features query parameters', () => {
  it('bbox: 4 or 6 numbers in range, south ≤ north', () => {
    expect(parseBbox('68,36.5,71.5,38')).toEqual({ ok: true, value: [68, 36.5, 71.5, 38] });
    expect(parseBbox('68,36.5,0,71.5,38,100')).toEqual({ ok: true, value: [68, 36.5, 71.5, 38] });
    for (const bad of ['', '1,2,3', '1,2,3,x', '68,36,71', '68,95,71,96', '-181,0,0,1', '68,38,71,36', '71,36,68,38', '1,,2,3', 'NaN,1,2,3']) {
      const r = parseBbox(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_BBOX');
    }
  });

  it('datetime: an instant, closed and half-open intervals; anything else refused', () => {
    const t = Date.parse('2026-03-01T00:00:00Z');
    expect(parseDatetime('2026-03-01T00:00:00Z')).toEqual({ ok: true, value: [t, t] });
    expect(parseDatetime('2026-03-01T05:00:00+05:00')).toEqual({ ok: true, value: [t, t] });
    expect(parseDatetime('2026-03-01T00:00:00Z/..')).toEqual({ ok: true, value: [t, null] });
    expect(parseDatetime('../2026-03-01T00:00:00Z')).toEqual({ ok: true, value: [null, t] });
    expect(parseDatetime('/2026-03-01T00:00:00Z')).toEqual({ ok: true, value: [null, t] });
    for (const bad of ['yesterday', '2026-03-01', '2026-03-01T00:00:00', '../..', '2026-03-02T00:00:00Z/2026-03-01T00:00:00Z', 'a/b/c', '2026-13-01T00:00:00Z', '..']) {
      const r = parseDatetime(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_DATETIME');
    }
  });

  it('limit: 1…10,000, default 100', () => {
    expect(parseLimit(undefined)).toEqual({ ok: true, value: 100 });
    expect(parseLimit('10000')).toEqual({ ok: true, value: 10000 });
    for (const bad of ['0', '-1', '10001', '1.5', 'ten', '', '1e3']) expect(parseLimit(bad).ok, bad).toBe(false);
  });

  it('geometry boxes and intersection', () => {
    expect(geometryBbox({ 0: 1 })).toBeNull();
    expect(geometryBbox([[68, 37], [69, 36.5], [70, 38]])).toEqual([68, 36.5, 70, 38]);
    expect(geometryBbox([[[1, 2], [3, 4]], [[0, 5]]])).toEqual([0, 2, 3, 5]);
    expect(bboxesIntersect([0, 0, 1, 1], [1, 1, 2, 2])).toBe(true);
    expect(bboxesIntersect([0, 0, 1, 1], [1.1, 0, 2, 1])).toBe(false);
  });
});
