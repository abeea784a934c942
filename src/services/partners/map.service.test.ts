import { describe, expect, it } from 'vitest';
import { midpointOf } from './map.service.ts';

describe('a border section on the initiatives map sits halfway along its line', () => {
  it('halfway by length, not the middle vertex', () => {
    expect(midpointOf([[0, 0], [2, 0]])).toEqual([1, 0]);
    // a long first segment and two short ones: the middle falls inside the first
    expect(midpointOf([[0, 0], [4, 0], [4, 1], [4, 2]])).toEqual([3, 0]);
    expect(midpointOf([[70, 37]])).toEqual([70, 37]);
    // repeated vertices (zero-length segments) are skipped
    expect(midpointOf([[0, 0], [0, 0], [0, 2]])).toEqual([0, 1]);
  });
});
