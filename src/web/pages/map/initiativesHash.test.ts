import { describe, expect, it } from 'vitest';
import { focusFromHash, initiativesHash } from './initiativesHash.ts';

describe('#/map/initiatives/<placeId>', () => {
  it('round-trips a place id and ignores other addresses', () => {
    const id = '0b6c2a4e-5f1d-4c8e-9a7b-3d2e1f0a9b8c';
    expect(initiativesHash(id)).toBe(`#/map/initiatives/${id}`);
    expect(focusFromHash(initiativesHash(id))).toBe(id);
    expect(focusFromHash('#/map')).toBeNull();
    expect(focusFromHash('#/partners')).toBeNull();
    expect(focusFromHash('#/map/initiatives/')).toBeNull();
    expect(focusFromHash('#/map/initiatives/%E0%A4%A')).toBeNull();
  });
});
