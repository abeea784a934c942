import { describe, expect, it } from 'vitest';
import type { Marking, Tlp } from '../records/marking.ts';
import { markingChange } from './marking-change.ts';

const m = (tlp: Tlp, states: string[] = [], hops = 1, units: string[] = []): Marking => ({ tlp, hops, releasableTo: { states, agencies: [], units } });

describe('markingChange', () => {
  it.each([
    [m('AMBER'), m('RED'), 'raise'],
    [m('RED'), m('CLEAR'), 'lower'],
    [m('AMBER'), m('AMBER', ['AF']), 'lower'],
    [m('AMBER', ['AF']), m('AMBER'), 'raise'],
    [m('AMBER'), m('AMBER', [], 2), 'lower'],
    [m('RED'), m('RED', [], 1, ['u1']), 'lower'],
    // Tightening the TLP while widening releasability still lets someone new read it.
    [m('AMBER'), m('RED', ['AF']), 'lower'],
    [m('AMBER', ['AF']), m('AMBER', ['AF']), 'same'],
  ] as const)('%j → %j is %s', (from, to, expected) => {
    expect(markingChange(from, to)).toBe(expected);
  });
});
