import { describe, expect, it } from 'vitest';
import type { Marking, Tlp } from '../records/marking.ts';
import { decideInbound, decideOutbound, redact, type Agreement, type PolicyRefusal } from './sharing-policy.ts';

const LOCAL = 'node-tj';
const person = { subject: { kind: 'person', names: [{ name: 'X', quality: 'good' }], documents: ['401234567'] }, reason: 'r', active: true };
const vehicle = { subject: { kind: 'vehicle', plate: '01 TT 1234', description: null }, reason: 'r', active: true };

const agreement = (over: Partial<Agreement> = {}): Agreement => ({
  id: 'a1',
  peerId: 'p-af',
  types: ['alert'],
  maxTlp: 'AMBER',
  personalData: true,
  redact: [],
  active: true,
  ...over,
});
const marking = (tlp: Tlp, states: string[] = [], hops = 1): Marking => ({ tlp, releasableTo: { states, agencies: [], units: [] }, hops });

type Row = [label: string, type: string, m: Marking, body: unknown, a: Agreement | null, expected: true | PolicyRefusal, owner?: string];
const TABLE: Row[] = [
  ['CLEAR vehicle alert', 'alert', marking('CLEAR'), vehicle, agreement(), true],
  ['GREEN vehicle alert', 'alert', marking('GREEN'), vehicle, agreement(), true],
  ['AMBER releasable to AF', 'alert', marking('AMBER', ['AF']), person, agreement(), true],
  ['AMBER releasable to UZ only', 'alert', marking('AMBER', ['UZ']), person, agreement(), 'NOT_RELEASABLE'],
  ['AMBER with no list', 'alert', marking('AMBER'), vehicle, agreement(), 'NOT_RELEASABLE'],
  ['AMBER+STRICT even if AF listed', 'alert', marking('AMBER+STRICT', ['AF']), vehicle, agreement(), 'TLP_NEVER_LEAVES'],
  ['RED even if AF listed', 'alert', marking('RED', ['AF']), vehicle, agreement(), 'TLP_NEVER_LEAVES'],
  ['AMBER above a GREEN agreement', 'alert', marking('AMBER', ['AF']), vehicle, agreement({ maxTlp: 'GREEN' }), 'TLP_ABOVE_AGREEMENT'],
  ['GREEN above a CLEAR agreement', 'alert', marking('GREEN'), vehicle, agreement({ maxTlp: 'CLEAR' }), 'TLP_ABOVE_AGREEMENT'],
  ['no hops left', 'alert', marking('GREEN', [], 0), vehicle, agreement(), 'NO_HOPS'],
  ['person without personal-data agreement', 'alert', marking('AMBER', ['AF']), person, agreement({ personalData: false }), 'PERSONAL_DATA'],
  ['vehicle without personal-data agreement', 'alert', marking('AMBER', ['AF']), vehicle, agreement({ personalData: false }), true],
  ['type not in the agreement', 'unit', marking('CLEAR'), {}, agreement(), 'TYPE_NOT_AGREED'],
  ['unit in the agreement', 'unit', marking('CLEAR'), {}, agreement({ types: ['alert', 'unit'] }), true],
  ['no agreement', 'alert', marking('CLEAR'), vehicle, null, 'NO_AGREEMENT'],
  ['inactive agreement', 'alert', marking('CLEAR'), vehicle, agreement({ active: false }), 'NO_AGREEMENT'],
  ['received from another node (not re-shared)', 'alert', marking('CLEAR', [], 5), vehicle, agreement(), 'NOT_OWNER', 'node-uz'],
];

describe('sending-side policy (peer in AF, owner in TJ)', () => {
  it.each(TABLE)('%s', (_label, type, m, body, a, expected, ownerNode = LOCAL) => {
    const d = decideOutbound({ type, owner: { node: ownerNode, state: 'TJ' }, marking: m, body }, { agreement: a, peerState: 'AF', localNode: LOCAL });
    expect(d.share ? true : d.reason).toBe(expected);
  });

  it('AMBER may go to another node of the owner state without a list', () => {
    const d = decideOutbound({ type: 'alert', owner: { node: LOCAL, state: 'TJ' }, marking: marking('AMBER'), body: vehicle }, { agreement: agreement(), peerState: 'TJ', localNode: LOCAL });
    expect(d.share).toBe(true);
  });

  it('redacts before signing and leaves the stored body alone', () => {
    const d = decideOutbound(
      { type: 'alert', owner: { node: LOCAL, state: 'TJ' }, marking: marking('AMBER', ['AF']), body: person },
      { agreement: agreement({ redact: ['subject.documents', 'subject.missing', 'nothere.deep'] }), peerState: 'AF', localNode: LOCAL },
    );
    expect(d).toMatchObject({ share: true, redacted: ['subject.documents'] });
    if (d.share) expect((d.body as typeof person).subject).not.toHaveProperty('documents');
    expect(person.subject.documents).toEqual(['401234567']);
  });

  it('redact ignores non-object bodies and array paths', () => {
    expect(redact('text', ['a'])).toEqual({ body: 'text', redacted: [] });
    expect(redact({ a: [{ b: 1 }] }, ['a.b'])).toEqual({ body: { a: [{ b: 1 }] }, redacted: [] });
  });
});

describe('receiving-side policy (we are AF, owner in TJ)', () => {
  const inbound = (m: Marking, body: unknown, a: Agreement | null, type = 'alert') => {
    const d = decideInbound({ type, owner: { node: 'node-tj', state: 'TJ' }, marking: m, body }, { agreement: a, localState: 'AF' });
    return d.accept ? true : d.reason;
  };
  it.each([
    ['AMBER listing AF', marking('AMBER', ['AF']), person, agreement(), true],
    ['AMBER not listing AF', marking('AMBER', ['UZ']), person, agreement(), 'NOT_RELEASABLE'],
    ['RED', marking('RED', ['AF']), person, agreement(), 'TLP_NEVER_LEAVES'],
    ['AMBER+STRICT', marking('AMBER+STRICT', ['AF']), person, agreement(), 'TLP_NEVER_LEAVES'],
    ['type we did not agree to', marking('CLEAR'), {}, agreement({ types: ['unit'] }), 'TYPE_NOT_AGREED'],
    ['no agreement with the sender', marking('CLEAR'), vehicle, null, 'NO_AGREEMENT'],
    ['personal data we did not agree to', marking('GREEN'), person, agreement({ personalData: false }), 'PERSONAL_DATA'],
    ['hops 0', marking('GREEN', [], 0), vehicle, agreement(), 'NO_HOPS'],
  ] as const)('%s', (_label, m, body, a, expected) => {
    expect(inbound(m, body, a)).toBe(expected);
  });
});

describe('addressed records: a hit report goes to the alert owner\'s node only, its answer back', () => {
  const report = { type: 'report', alertOwnerNode: 'node-af', reporterNode: LOCAL, alertOwnerState: 'AF', reporterState: 'TJ' };
  const answer = { type: 'answer', alertOwnerNode: LOCAL, reporterNode: 'node-af', alertOwnerState: 'TJ', reporterState: 'AF' };
  const a = agreement({ types: ['hit_report'] });
  const out = (body: unknown, peerNode: string | undefined, peerState = 'AF') => {
    const d = decideOutbound({ type: 'hit_report', owner: { node: LOCAL, state: 'TJ' }, marking: marking('AMBER', ['AF']), body }, { agreement: a, peerState, localNode: LOCAL, peerNode });
    return d.share ? true : d.reason;
  };
  it('is sent to its addressee and to no other peer, even of the same state', () => {
    expect(out(report, 'node-af')).toBe(true);
    expect(out(report, 'node-af-2')).toBe('NOT_ADDRESSEE');
    expect(out(report, undefined)).toBe('NOT_ADDRESSEE');
    expect(out(answer, 'node-af')).toBe(true);
    expect(out(answer, 'node-uz', 'UZ')).toBe('NOT_ADDRESSEE');
  });
  it('is refused on a node it is not addressed to', () => {
    const inb = (localNode: string) => decideInbound({ type: 'hit_report', owner: { node: 'node-tj', state: 'TJ' }, marking: marking('AMBER', ['AF']), body: { ...report, reporterNode: 'node-tj' } }, { agreement: a, localState: 'AF', localNode });
    expect(inb('node-af')).toEqual({ accept: true });
    expect(inb('node-af-2')).toEqual({ accept: false, reason: 'NOT_ADDRESSEE' });
  });
  it('holds personal data: it needs an agreement that allows it', () => {
    const d = decideOutbound({ type: 'hit_report', owner: { node: LOCAL, state: 'TJ' }, marking: marking('AMBER', ['AF']), body: report }, { agreement: agreement({ types: ['hit_report'], personalData: false }), peerState: 'AF', localNode: LOCAL, peerNode: 'node-af' });
    expect(d).toEqual({ share: false, reason: 'PERSONAL_DATA' });
  });
});
