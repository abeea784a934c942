import { describe, expect, it } from 'vitest';
import { agreementSchema } from '../../federation/peers.ts';
import { DEMO_AGREEMENTS } from './demo-federation.ts';

// `sarhad demo --federation` sets one agreement per pair (a peer holds one in force: a second
// entry for the same pair was never applied). Trade records cross between TJ and AF only.
describe('federation demo agreements', () => {
  it('one valid agreement per pair; declarations, transits, crossings and profiles cross TJ–AF, not to the observer', () => {
    const pairs = DEMO_AGREEMENTS.map(({ a, b }) => [a, b].sort().join('-'));
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const { terms } of DEMO_AGREEMENTS) expect(() => agreementSchema.parse(terms)).not.toThrow();
    const tjAf = DEMO_AGREEMENTS.find((x) => x.a === 'TJ' && x.b === 'AF')!;
    expect(tjAf.terms.types).toEqual(expect.arrayContaining(['declaration', 'transit', 'crossing', 'crossing_point', 'alert', 'hit_report', 'liaison_message', 'initiative']));
    const uz = DEMO_AGREEMENTS.find((x) => x.b === 'UZ')!;
    expect(uz.terms.types.some((t) => ['declaration', 'transit', 'crossing', 'crossing_point'].includes(t))).toBe(false);
  });
});
