/**
 * Randomised policy test: 10,000 cases of records × markings × agreements on both sides × hops.
 * The oracle below is written from the rules in docs/federation.md, independently of
 * sharing-policy.ts: zero releases outside policy, zero personal fields where not allowed,
 * and nothing the rules allow is held back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveAgreement } from './protocol.ts';
import { decideInbound, decideOutbound, type Agreement } from './sharing-policy.ts';

const STATES = ['TJ', 'AF', 'UZ'] as const;
const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
const CEILINGS = ['CLEAR', 'GREEN', 'AMBER'] as const;
const TYPES = ['alert', 'unit', 'state', 'hit_report'] as const;
const LOCAL_NODE = 'node-local';

const person = { kind: 'person', names: [{ name: 'Ҷамшед Раҳмонов', quality: 'good' }], birthDates: [{ kind: 'exact', date: '1984-03-12' }], nationalities: ['TJ'], documents: ['P4012345'] };
const vehicle = { kind: 'vehicle', plate: '01 TT 7777', description: 'blue Kamaz' };

const agreementArb = fc.record({
  types: fc.oneof({ arbitrary: fc.constant([...TYPES]), weight: 3 }, { arbitrary: fc.subarray([...TYPES]), weight: 1 }),
  maxTlp: fc.constantFrom(...CEILINGS),
  personalData: fc.boolean(),
  redact: fc.subarray(['subject.documents', 'subject.description', 'reason', 'subject.birthDates']),
  active: fc.constantFrom(true, true, true, true, false),
});

const caseArb = fc.record({
  type: fc.constantFrom(...TYPES),
  ownerState: fc.constantFrom(...STATES),
  ownedHere: fc.constantFrom(true, true, true, false),
  tlp: fc.constantFrom(...TLPS),
  releasable: fc.subarray([...STATES]),
  hops: fc.constantFrom(0, 1, 1, 2, 3),
  subject: fc.constantFrom('person', 'vehicle'),
  peerState: fc.constantFrom(...STATES),
  sender: agreementArb,
  receiver: agreementArb,
});

/** The rules, restated. */
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function oracle(c: Case): { release: boolean; personal: boolean } {
  const rank = (t: string) => ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'].indexOf(t);
  // Alerts on persons hold personal data; registry records do not; a kind with no registered test is treated as personal.
  const personal = c.type === 'hit_report' || (c.type === 'alert' && c.subject === 'person');
  const both = [c.sender, c.receiver];
  let release = c.ownedHere;
  release &&= both.every((a) => a.active && (a.types as readonly string[]).includes(c.type));
  release &&= c.tlp === 'CLEAR' || c.tlp === 'GREEN' || (c.tlp === 'AMBER' && (c.peerState === c.ownerState || c.releasable.includes(c.peerState)));
  release &&= both.every((a) => rank(c.tlp) <= rank(a.maxTlp));
  release &&= c.hops >= 1;
  release &&= !personal || both.every((a) => a.personalData);
  return { release, personal };
}

const has = (body: unknown, path: string) => {
  let node: unknown = body;
  for (const k of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, k)) return false;
    node = (node as Record<string, unknown>)[k];
  }
  return true;
};

describe('sharing policy, randomised against an independent oracle', () => {
  it('10,000 cases: no release outside policy, no personal or redacted field where not allowed, nothing allowed held back', () => {
    let released = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const body = c.type === 'alert' ? { subject: c.subject === 'person' ? person : vehicle, reason: 'Wanted for trafficking', action: 'arrest' } : { name: 'x', subject: person };
        const sender: Agreement = { id: 's', peerId: 'p', ...c.sender, types: [...c.sender.types] };
        const receiver: Agreement = { id: 'r', peerId: 'q', ...c.receiver, types: [...c.receiver.types] };
        const marking = { tlp: c.tlp, releasableTo: { states: c.releasable, agencies: [], units: [] }, hops: c.hops };
        const owner = { node: c.ownedHere ? LOCAL_NODE : 'node-elsewhere', state: c.ownerState };
        // Each side applies the stricter of its own terms and the other's, as exchanged.
        const atSender = effectiveAgreement(sender, receiver);
        const atReceiver = effectiveAgreement(receiver, sender);
        const out = decideOutbound({ type: c.type, owner, marking, body }, { agreement: atSender, peerState: c.peerState, localNode: LOCAL_NODE });
        const got = out.share && decideInbound({ type: c.type, owner, marking, body: out.body }, { agreement: atReceiver, localState: c.peerState }).accept;
        const expected = oracle(c);
        expect(got, JSON.stringify(c)).toBe(expected.release);
        if (out.share) {
          released += 1;
          for (const path of new Set([...c.sender.redact, ...c.receiver.redact])) expect(has(out.body, path), path).toBe(false);
          if (expected.personal) expect(c.sender.personalData && c.receiver.personalData).toBe(true);
          // The original body is never changed by redaction.
          expect(body.subject).toBeDefined();
        }
      }),
      { numRuns: 10_000, seed: 20261202 },
    );
    expect(released).toBeGreaterThan(500);
  });
});
