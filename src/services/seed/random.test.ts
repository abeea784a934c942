import { describe, expect, it } from 'vitest';
import { prng, stableUuid } from './random.ts';

describe('seed randomness', () => {
  it('the same seed gives the same sequence, in [0, 1), and another seed another one', () => {
    const a = prng(42);
    const b = prng(42);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(990);
    const mean = first.reduce((s, x) => s + x, 0) / first.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(prng(43)()).not.toBe(first[0]);
  });

  it('stable ids are UUIDs that never change for a key, since databases already seeded hold them', () => {
    const id = stableUuid('sarhad-seed:x');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('sarhad-seed:x')).toBe(id);
    expect(stableUuid('sarhad-seed:y')).not.toBe(id);
    // The derivation the seeds have always used: a change would seed existing databases twice.
    expect(id).toBe('4cc51369-f763-4495-a07a-fea8c6374ce0');
  });
});
