import { describe, expect, it } from 'vitest';
import { allows } from './authorize.ts';
import { liaisonTarget } from './liaison.policy.ts';
import type { Role, Subject } from './roles.ts';

// Written from docs/liaison.md: only the channel's units (both sides) read and write in it;
// only the owning side's managers change procedures and contacts; copies are read-only.
const members = [{ state: 'TJ', unitRef: 'tj-blo-panji-poyon' }, { state: 'AF', unitRef: 'af-blo-sher-khan-bandar' }];
const marking = { tlp: 'AMBER' as const, releasableTo: { states: ['AF'], agencies: [], units: [] }, hops: 1 };
const owner = { node: 'node-tj', state: 'TJ', agencyId: 'tj-bg', unitId: 'u1' };
const who = (roles: Role[], stateCode: string, agencyId = stateCode === 'TJ' ? 'tj-bg' : 'af-bp'): Subject => ({ userId: 'x', roles, stateCode, agencyId, unitId: 'local-id' });
const at = (ref: string | null, node = 'node-tj', o = owner) => liaisonTarget(node, { owner: o, marking, createdBy: 'x' }, members, ref);

describe('liaison policy', () => {
  it('members of both sides read and write; another unit of the same state does not', () => {
    expect(allows(who(['liaison_officer'], 'TJ'), 'liaison:read', at('tj-blo-panji-poyon'))).toBe(true);
    expect(allows(who(['liaison_officer'], 'AF'), 'liaison:write', at('af-blo-sher-khan-bandar'))).toBe(true);
    expect(allows(who(['commander'], 'TJ'), 'liaison:read', at('tj-hq-dushanbe'))).toBe(false);
    // A ref of the other state's unit does not make a TJ user a member.
    expect(allows(who(['liaison_officer'], 'TJ'), 'liaison:read', at('af-blo-sher-khan-bandar'))).toBe(false);
  });
  it('a state the channel is not released to cannot see it', () => {
    expect(allows(who(['liaison_officer'], 'UZ'), 'liaison:read', at('tj-blo-panji-poyon'))).toBe(false);
  });
  it('roles without the action are refused even in the channel', () => {
    expect(allows(who(['customs_officer'], 'TJ'), 'liaison:read', at('tj-blo-panji-poyon'))).toBe(false);
    expect(allows(who(['analyst'], 'TJ'), 'liaison:write', at('tj-blo-panji-poyon'))).toBe(false);
  });
  it('procedures and contacts: the owning side on the owning node only', () => {
    expect(allows(who(['liaison_officer'], 'TJ'), 'liaison:manage', at('tj-blo-panji-poyon'))).toBe(true);
    expect(allows(who(['liaison_officer'], 'AF'), 'liaison:manage', at('af-blo-sher-khan-bandar'))).toBe(false);
    expect(allows(who(['liaison_officer'], 'TJ'), 'liaison:manage', at('tj-blo-panji-poyon', 'node-af'))).toBe(false);
    expect(allows(who(['reporter'], 'TJ'), 'liaison:manage', at('tj-blo-panji-poyon'))).toBe(false);
  });
});
