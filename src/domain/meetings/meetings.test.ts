import { describe, expect, it } from 'vitest';
import { closedOnTime, isOverdue, mergedStatus, pairKey, type ActionItemBody } from './meeting.ts';
import { polygonProblem } from './operation.ts';

const ring = (...p: [number, number][]) => ({ type: 'Polygon', coordinates: [p] });

describe('area polygons', () => {
  it('accepts a closed ring with an area, holes included', () => {
    expect(polygonProblem(ring([68.5, 37.1], [68.75, 37.1], [68.75, 37.3], [68.5, 37.3], [68.5, 37.1]))).toBeNull();
    expect(polygonProblem({ type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[2, 2], [3, 2], [3, 3], [2, 2]]] })).toBeNull();
  });
  it.each([
    ['not closed', ring([0, 0], [1, 0], [1, 1], [0, 1])],
    ['three positions', ring([0, 0], [1, 0], [0, 0])],
    ['no area (a line back and forth)', ring([0, 0], [1, 0], [2, 0], [0, 0])],
    ['crossing itself (bow tie)', ring([0, 0], [1, 1], [1, 0], [0, 1], [0, 0])],
    ['latitude out of range', ring([0, 0], [1, 95], [1, 0], [0, 0])],
    ['a point', { type: 'Point', coordinates: [0, 0] }],
    ['text', 'the river bend'],
    ['null', null],
  ])('refuses %s', (_name, value) => {
    expect(polygonProblem(value)).toEqual(expect.any(String));
  });
});

describe('action item status, merged from both sides', () => {
  const item: ActionItemBody = { meetingId: '00000000-0000-4000-8000-000000000001', title: 'x', owner: { kind: 'unit', id: 'u', unitRef: null, stateCode: 'AF', label: 'BLO' }, dueDate: '2026-11-10', status: 'open' };
  const u = (id: string, status: 'open' | 'done' | 'dropped', at: string) => ({ id, body: { actionItemId: id, meetingId: item.meetingId, status, at, note: null, byState: 'AF' } });

  it('the latest update wins whichever node wrote it; none: the item as recorded', () => {
    expect(mergedStatus(item, [])).toEqual({ status: 'open', at: null, byState: null });
    expect(mergedStatus(item, [u('b', 'open', '2026-11-09T10:00:00Z'), u('a', 'done', '2026-11-09T09:00:00Z')]).status).toBe('open');
    expect(mergedStatus(item, [u('a', 'done', '2026-11-09T11:00:00Z'), u('b', 'open', '2026-11-09T10:00:00Z')]).status).toBe('done');
    // Same instant: the larger id, so both nodes agree.
    expect(mergedStatus(item, [u('b', 'dropped', '2026-11-09T10:00:00Z'), u('a', 'done', '2026-11-09T10:00:00Z')]).status).toBe('dropped');
  });
  it('overdue once the due day is over and still open; on time when done by the end of the due day', () => {
    expect(isOverdue('open', '2026-11-10', new Date('2026-11-10T23:00:00Z'))).toBe(false);
    expect(isOverdue('open', '2026-11-10', new Date('2026-11-11T00:00:01Z'))).toBe(true);
    expect(isOverdue('done', '2026-11-10', new Date('2026-12-01T00:00:00Z'))).toBe(false);
    expect(closedOnTime('done', '2026-11-10T23:59:00Z', '2026-11-10')).toBe(true);
    expect(closedOnTime('done', '2026-11-11T00:01:00Z', '2026-11-10')).toBe(false);
    expect(closedOnTime('dropped', '2026-11-09T00:00:00Z', '2026-11-10')).toBe(false);
  });
  it('pair keys sort the states', () => {
    expect(pairKey(['TJ', 'AF', 'TJ'])).toBe('AF-TJ');
  });
});
