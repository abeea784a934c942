import { describe, expect, it } from 'vitest';
import type { Marking, Tlp } from '../records/marking.ts';
import type { RecordOwner } from '../records/record.ts';
import type { AlertTarget } from './alert.policy.ts';
import { allows, authorize, serialize } from './authorize.ts';
import type { Subject } from './roles.ts';

const HERE = 'node-tj';
const TJ_BG: RecordOwner = { node: HERE, state: 'TJ', agencyId: 'tj-bg', unitId: 'tj-bg-hq' };

const who = {
  tjAnalyst: { userId: 'creator', roles: ['analyst'], stateCode: 'TJ', agencyId: 'tj-bg', unitId: 'tj-bg-hq' },
  tjValidator: { userId: 'v', roles: ['validator', 'reporter'], stateCode: 'TJ', agencyId: 'tj-bg', unitId: 'tj-bg-hq' },
  tjCommander: { userId: 'c', roles: ['commander'], stateCode: 'TJ', agencyId: 'tj-bg', unitId: 'tj-bg-hq' },
  tjCustomsValidator: { userId: 'cv', roles: ['validator'], stateCode: 'TJ', agencyId: 'tj-customs', unitId: 'tj-cp' },
  tjCustoms: { userId: 'cu', roles: ['customs_officer'], stateCode: 'TJ', agencyId: 'tj-customs', unitId: 'tj-cp' },
  afLiaison: { userId: 'l', roles: ['liaison_officer'], stateCode: 'AF', agencyId: 'af-bg', unitId: 'af-blo' },
  partner: { userId: 'p', roles: ['partner_observer'], stateCode: 'TJ', agencyId: 'partner', unitId: null },
} satisfies Record<string, Subject>;

function alert(tlp: Tlp, owner: RecordOwner = TJ_BG, states: string[] = [], active = true): AlertTarget {
  const marking: Marking = { tlp, hops: 1, releasableTo: { states, agencies: [], units: [] } };
  return { resource: 'alert', localNode: HERE, record: { owner, marking, createdBy: 'creator', active } };
}

describe('alert policy', () => {
  it('a foreign liaison officer who can see an alert released to AF may not change it', () => {
    const t = alert('AMBER', TJ_BG, ['AF']);
    expect(allows(who.afLiaison, 'alerts:read', t)).toBe(true);
    expect(allows(who.afLiaison, 'alerts:write', t)).toBe(false);
    expect(() => authorize(who.afLiaison, 'alerts:write', t)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(serialize(who.afLiaison, t)).toEqual({ update: false, revoke: false, lowerMarking: false });
  });

  it('an alert the subject cannot see answers NOT_FOUND, not FORBIDDEN', () => {
    const t = alert('AMBER');
    expect(() => authorize(who.afLiaison, 'alerts:write', t)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => authorize(who.afLiaison, 'alerts:read', t)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('a role that never allows the action is FORBIDDEN before the record is looked at', () => {
    expect(() => authorize(who.partner, 'alerts:read', alert('AMBER'))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it("the owning agency's writers update, revoke and raise; only its validators and commanders lower", () => {
    const t = alert('AMBER');
    expect(serialize(who.tjAnalyst, t)).toEqual({ update: true, revoke: true, lowerMarking: false });
    expect(serialize(who.tjValidator, t)).toEqual({ update: true, revoke: true, lowerMarking: true });
    expect(serialize(who.tjCommander, t)).toEqual({ update: true, revoke: true, lowerMarking: true });
  });

  it('a validator of another agency of the same state may neither change nor lower it', () => {
    const t = alert('AMBER');
    expect(allows(who.tjCustomsValidator, 'alerts:read', t)).toBe(true);
    expect(allows(who.tjCustomsValidator, 'alerts:write', t)).toBe(false);
    expect(allows(who.tjCustomsValidator, 'alerts:lower_marking', t)).toBe(false);
  });

  it('a reader without alerts:write gets no buttons', () => {
    expect(serialize(who.tjCustoms, alert('GREEN'))).toEqual({ update: false, revoke: false, lowerMarking: false });
  });

  it('a copy received from a peer is read-only to everyone here, its own agency included', () => {
    const received = alert('GREEN', { node: 'node-af', state: 'TJ', agencyId: 'tj-bg', unitId: null });
    for (const s of Object.values(who)) {
      expect(allows(s, 'alerts:write', received)).toBe(false);
      expect(allows(s, 'alerts:lower_marking', received)).toBe(false);
    }
    expect(allows({ system: 'cli' }, 'alerts:write', received)).toBe(false);
    expect(allows({ system: 'cli' }, 'alerts:write', alert('GREEN'))).toBe(true);
  });

  it('an AF-owned alert created on this node belongs to its AF author, not to Tajik validators', () => {
    const t = alert('AMBER', { node: HERE, state: 'AF', agencyId: 'af-bg', unitId: 'af-blo' });
    expect(allows(who.afLiaison, 'alerts:write', t)).toBe(true);
    expect(allows(who.tjValidator, 'alerts:write', t)).toBe(false);
    expect(() => authorize(who.tjValidator, 'alerts:write', t)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it("a re-import changes only the owning agency's UN alerts", () => {
    const importer: Subject = { userId: 'i', roles: ['analyst'], stateCode: 'AF', agencyId: 'af-bg', unitId: null };
    expect(allows(who.tjAnalyst, 'alerts:import', alert('CLEAR'))).toBe(true);
    expect(allows(importer, 'alerts:import', alert('CLEAR'))).toBe(false);
    expect(allows({ system: 'cli-import' }, 'alerts:import', alert('CLEAR'))).toBe(true);
  });

  it('revoke is not offered on a revoked alert', () => {
    expect(serialize(who.tjAnalyst, alert('AMBER', TJ_BG, [], false)).revoke).toBe(false);
  });
});
