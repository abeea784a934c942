import { describe, expect, it } from 'vitest';
import type { Tlp } from '../records/marking.ts';
import type { RecordChange } from '../records/record.ts';
import type { Subject } from './roles.ts';
import { mayHearOf } from './stream.policy.ts';

const partner: Subject = { userId: 'p', roles: ['partner_observer'], stateCode: 'TJ', agencyId: 'partner', unitId: null };
const analyst: Subject = { userId: 'a', roles: ['analyst'], stateCode: 'TJ', agencyId: 'tj-bg', unitId: 'hq' };
const change = (type: string, tlp: Tlp, withAudience = true): RecordChange => ({
  type,
  id: 'x',
  version: 1,
  op: 'create',
  ...(withAudience
    ? { audience: { owner: { node: 'n', state: 'TJ', agencyId: 'tj-bg', unitId: 'hq' }, marking: { tlp, hops: 1, releasableTo: { states: [], agencies: [], units: [] } }, createdBy: 'a' } }
    : {}),
});

describe('stream policy', () => {
  it('a partner observer hears of GREEN registry changes but never of alerts, GREEN included', () => {
    expect(mayHearOf(partner, change('unit', 'GREEN'), 'n')).toBe(true);
    expect(mayHearOf(partner, change('alert', 'GREEN'), 'n')).toBe(false);
    expect(mayHearOf(analyst, change('alert', 'GREEN'), 'n')).toBe(true);
  });

  it('markings still apply, and an unknown type or a change without audience is told to no one', () => {
    expect(mayHearOf(analyst, { ...change('alert', 'RED'), audience: { ...change('alert', 'RED').audience!, createdBy: 'someone', owner: { node: 'n', state: 'TJ', agencyId: 'tj-bg', unitId: 'post' } } }, 'n')).toBe(false);
    expect(mayHearOf(analyst, change('screening', 'CLEAR'), 'n')).toBe(false);
    expect(mayHearOf(analyst, change('alert', 'CLEAR', false), 'n')).toBe(false);
  });
});
