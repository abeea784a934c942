import { describe, expect, it } from 'vitest';
import { CLEAR_MARKING } from '../records/marking.ts';
import { allows, authorize, serialize } from './authorize.ts';
import { assessmentTarget } from './risk.policy.ts';
import type { Subject } from './roles.ts';
import { mayHearOf } from './stream.policy.ts';

const subject = (roles: Subject['roles'], stateCode = 'TJ'): Subject => ({ userId: 'u', roles, stateCode, agencyId: 'tj-bg', unitId: null });
const analyst = subject(['analyst']);
const commander = subject(['commander']);
const reporter = subject(['reporter']);
const afAnalyst = subject(['analyst'], 'AF');
const observer = { ...subject(['partner_observer']), agencyId: 'unodc' };
const own = assessmentTarget('here', { owner: { node: 'here', state: 'TJ', agencyId: null, unitId: null }, marking: { ...CLEAR_MARKING, tlp: 'GREEN', hops: 1 }, createdBy: 'system:risk' });
const received = assessmentTarget('here', { owner: { node: 'peer', state: 'AF', agencyId: null, unitId: null }, marking: { ...CLEAR_MARKING, tlp: 'GREEN', hops: 1 }, createdBy: 'node:peer' });
const amber = assessmentTarget('here', { owner: { node: 'peer', state: 'AF', agencyId: null, unitId: null }, marking: { ...CLEAR_MARKING, tlp: 'AMBER', hops: 1 }, createdBy: 'node:peer' });

describe('risk policy (assessments)', () => {
  it('every role reads the levels the marking shows them; a hidden one is NOT_FOUND', () => {
    for (const s of [analyst, reporter, observer, afAnalyst]) expect(allows(s, 'assessments:read', own)).toBe(true);
    expect(allows(reporter, 'assessments:read', amber)).toBe(false);
    expect(() => authorize(reporter, 'assessments:read', amber)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it("analysts and commanders of the owning state override this node's own assessments", () => {
    expect(allows(analyst, 'assessments:override', own)).toBe(true);
    expect(allows(commander, 'assessments:override', own)).toBe(true);
    expect(serialize(analyst, own)).toEqual({ override: true });
    expect(serialize(reporter, own)).toEqual({ override: false });
  });

  it('nobody overrides a copy received from a peer, another state’s analyst nor another role', () => {
    expect(allows(analyst, 'assessments:override', received)).toBe(false);
    expect(allows(afAnalyst, 'assessments:override', own)).toBe(false);
    expect(() => authorize(reporter, 'assessments:override', own)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(allows(subject(['administrator']), 'assessments:override', own)).toBe(false);
  });

  it('the live stream announces assessment changes to whoever may read them', () => {
    const change = { type: 'assessment', id: 'a1', version: 2, op: 'update' as const, audience: own.record };
    expect(mayHearOf(observer, change, 'here')).toBe(true);
    expect(mayHearOf(reporter, { ...change, audience: amber.record }, 'here')).toBe(false);
  });
});
