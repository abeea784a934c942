import { describe, expect, it } from 'vitest';
import type { Marking, Tlp } from '../records/marking.ts';
import type { RecordOwner } from '../records/record.ts';
import { canSee, type MarkedRecord } from './access.ts';
import type { Subject } from './roles.ts';

// The record: owned by TJ border guard, unit post-1, created by user "creator".
const OWNER: RecordOwner = { node: 'node-tj', state: 'TJ', agencyId: 'tj-bg', unitId: 'tj-bg-post-1' };

const subjects = {
  sameStateOtherAgency: { userId: 'u1', roles: ['analyst'], stateCode: 'TJ', agencyId: 'tj-customs', unitId: 'tj-customs-cp' },
  otherState: { userId: 'u2', roles: ['liaison_officer'], stateCode: 'AF', agencyId: 'af-bp', unitId: 'af-bp-blo' },
  sameAgencyOtherUnit: { userId: 'u3', roles: ['commander'], stateCode: 'TJ', agencyId: 'tj-bg', unitId: 'tj-bg-hq' },
  sameAgencyNoUnit: { userId: 'u3b', roles: ['administrator'], stateCode: 'TJ', agencyId: 'tj-bg', unitId: null },
  sameUnit: { userId: 'u4', roles: ['reporter'], stateCode: 'TJ', agencyId: 'tj-bg', unitId: 'tj-bg-post-1' },
  creator: { userId: 'creator', roles: ['reporter'], stateCode: 'TJ', agencyId: 'tj-bg', unitId: 'tj-bg-post-2' },
  partner: { userId: 'u5', roles: ['partner_observer'], stateCode: 'TJ', agencyId: 'partner-bomca', unitId: null },
  partnerWithOtherRole: { userId: 'u5b', roles: ['partner_observer', 'analyst'], stateCode: 'TJ', agencyId: 'partner-bomca', unitId: null },
  partnerUnit: { userId: 'u6', roles: ['partner_observer'], stateCode: 'TJ', agencyId: 'partner-unodc', unitId: 'unodc-office' },
  otherStateAdmin: { userId: 'u7', roles: ['administrator'], stateCode: 'AF', agencyId: 'af-bp', unitId: 'af-bp-hq' },
  thirdState: { userId: 'u8', roles: ['analyst'], stateCode: 'UZ', agencyId: 'uz-bg', unitId: 'uz-bg-hq' },
} satisfies Record<string, Subject>;
type Who = keyof typeof subjects;

function record(tlp: Tlp, releasableTo: Partial<Marking['releasableTo']> = {}, owner: RecordOwner = OWNER): MarkedRecord {
  return {
    owner,
    createdBy: 'creator',
    marking: { tlp, hops: 1, releasableTo: { states: [], agencies: [], units: [], ...releasableTo } },
  };
}

const everyone = Object.keys(subjects) as Who[];
/** Expected results, written from the rules in access.ts's doc comment. */
const NO_LIST: Record<Tlp, Who[]> = {
  CLEAR: everyone,
  GREEN: everyone,
  // owner's state, never partner observers through their state
  AMBER: ['sameStateOtherAgency', 'sameAgencyOtherUnit', 'sameAgencyNoUnit', 'sameUnit', 'creator'],
  // owner's agency only
  'AMBER+STRICT': ['sameAgencyOtherUnit', 'sameAgencyNoUnit', 'sameUnit', 'creator'],
  // creator and owner's unit only: no senior role bypasses it
  RED: ['sameUnit', 'creator'],
};

describe('canSee without a releasability list', () => {
  const rows = (Object.keys(NO_LIST) as Tlp[]).flatMap((tlp) => everyone.map((who) => [tlp, who, NO_LIST[tlp].includes(who)] as const));
  it.each(rows)('%s record, %s → %s', (tlp, who, expected) => {
    expect(canSee(subjects[who], record(tlp))).toBe(expected);
  });
});

interface ListedCase {
  name: string;
  tlp: Tlp;
  list: Partial<Marking['releasableTo']>;
  sees: Who[];
}

const LISTED: ListedCase[] = [
  // AMBER: listed states, agencies and units widen it; partners only by agency or unit name.
  { name: 'AMBER + state AF', tlp: 'AMBER', list: { states: ['AF'] }, sees: [...NO_LIST.AMBER, 'otherState', 'otherStateAdmin'] },
  { name: 'AMBER + state TJ listed explicitly, still no partner', tlp: 'AMBER', list: { states: ['TJ'] }, sees: NO_LIST.AMBER },
  { name: 'AMBER + partner agency', tlp: 'AMBER', list: { agencies: ['partner-bomca'] }, sees: [...NO_LIST.AMBER, 'partner', 'partnerWithOtherRole'] },
  { name: 'AMBER + partner unit', tlp: 'AMBER', list: { units: ['unodc-office'] }, sees: [...NO_LIST.AMBER, 'partnerUnit'] },
  { name: 'AMBER + UZ agency', tlp: 'AMBER', list: { agencies: ['uz-bg'] }, sees: [...NO_LIST.AMBER, 'thirdState'] },
  // AMBER+STRICT: listed agencies and units, never listed states.
  { name: 'AMBER+STRICT + state AF (states do not count)', tlp: 'AMBER+STRICT', list: { states: ['AF', 'TJ'] }, sees: NO_LIST['AMBER+STRICT'] },
  { name: 'AMBER+STRICT + agency af-bp', tlp: 'AMBER+STRICT', list: { agencies: ['af-bp'] }, sees: [...NO_LIST['AMBER+STRICT'], 'otherState', 'otherStateAdmin'] },
  { name: 'AMBER+STRICT + unit tj-customs-cp', tlp: 'AMBER+STRICT', list: { units: ['tj-customs-cp'] }, sees: [...NO_LIST['AMBER+STRICT'], 'sameStateOtherAgency'] },
  { name: 'AMBER+STRICT + partner agency', tlp: 'AMBER+STRICT', list: { agencies: ['partner-bomca'] }, sees: [...NO_LIST['AMBER+STRICT'], 'partner', 'partnerWithOtherRole'] },
  // RED: listed units only; listed states and agencies do not open it.
  { name: 'RED + states and agencies (do not count)', tlp: 'RED', list: { states: ['TJ', 'AF'], agencies: ['tj-bg', 'af-bp'] }, sees: NO_LIST.RED },
  { name: 'RED + unit af-bp-blo', tlp: 'RED', list: { units: ['af-bp-blo'] }, sees: [...NO_LIST.RED, 'otherState'] },
  { name: 'RED + unit tj-bg-hq', tlp: 'RED', list: { units: ['tj-bg-hq'] }, sees: [...NO_LIST.RED, 'sameAgencyOtherUnit'] },
];

describe('canSee with a releasability list', () => {
  const rows = LISTED.flatMap((c) => everyone.map((who) => [c.name, who, c.sees.includes(who), c] as const));
  it.each(rows)('%s, %s → %s', (_name, who, expected, c) => {
    expect(canSee(subjects[who], record(c.tlp, c.list))).toBe(expected);
  });
});

describe('canSee edge cases', () => {
  it('AMBER+STRICT of a record with no owning agency is seen only by listed agencies and units', () => {
    const owner = { ...OWNER, agencyId: null, unitId: null };
    const seen = everyone.filter((who) => canSee(subjects[who], record('AMBER+STRICT', {}, owner)));
    expect(seen).toEqual([]);
    const listed = everyone.filter((who) => canSee(subjects[who], record('AMBER+STRICT', { agencies: ['tj-bg'] }, owner)));
    expect(listed.sort()).toEqual(['creator', 'sameAgencyNoUnit', 'sameAgencyOtherUnit', 'sameUnit']);
  });

  it('RED of a record with no owning unit is seen by its creator only, not by users without a unit', () => {
    const owner = { ...OWNER, unitId: null };
    const seen = everyone.filter((who) => canSee(subjects[who], record('RED', {}, owner)));
    expect(seen).toEqual(['creator']);
  });

  it('a user without a unit does not match a listed unit', () => {
    expect(canSee(subjects.sameAgencyNoUnit, record('RED', { units: ['tj-bg-post-9'] }))).toBe(false);
  });
});
