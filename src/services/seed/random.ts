import { createHash } from 'node:crypto';

/**
 * mulberry32: a small seeded PRNG, so every seeded scenario (events, trade, liaison, meetings,
 * warnings) is the same on every run and seeding again finds the same records.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A UUID (v4 layout) derived from a key: seeding again finds the same records. Callers keep
 * their own key prefixes unchanged, or existing databases would be seeded twice.
 */
export function stableUuid(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
