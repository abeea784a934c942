import { describe, expect, it } from 'vitest';
import { buildIndex } from './index.ts';
import { screen } from './screen.ts';

describe('ranking of equal scores', () => {
  it('puts the entry that explains every query part before one that matches a shorter alias', () => {
    // Seen on the UN list: "Mohamed Hassan" (an alias of someone else) ties with the full name.
    const entries = [
      { id: 'A-short-alias', names: ['Mohamed Hassan'] },
      { id: 'Z-full-name', names: ['MOHAMMAD HASSAN AKHUND', 'محمد حسن آخوند'] },
    ];
    for (const order of [entries, [...entries].reverse()]) {
      const index = buildIndex(order);
      for (const q of ['Mohammad Hassan Akhund', 'محمد حسن آخوند']) {
        expect(screen(index, q)[0]?.id).toBe('Z-full-name');
      }
    }
  });
});
