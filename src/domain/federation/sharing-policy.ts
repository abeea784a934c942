import { eventForSharing, type EventBody } from '../events/event.ts';
import { tlpRank, type Marking } from '../records/marking.ts';
import type { RecordOwner } from '../records/record.ts';
import { hitReportAddressee, type HitReportBody } from '../screening/hit-report.ts';
import { holdsPersonalDataOf } from './personal-data.ts';

export { holdsPersonalDataOf };

/** The most an agreement can allow: AMBER+STRICT and RED never leave the owner node. */
export const AGREEMENT_TLPS = ['CLEAR', 'GREEN', 'AMBER'] as const;
export type AgreementTlp = (typeof AGREEMENT_TLPS)[number];

/**
 * What this node exchanges with one peer. The same agreement governs both directions: what we
 * send them (enforced on sending) and what we accept from them (checked again on receiving).
 */
export interface Agreement {
  id: string;
  peerId: string;
  /** Record types that may travel (e.g. alert, unit). */
  types: string[];
  /** The most restrictive TLP allowed. */
  maxTlp: AgreementTlp;
  /** Whether records holding personal data (names, documents of persons) may travel. */
  personalData: boolean;
  /** Dot paths removed from bodies before signing for this peer, e.g. subject.documents. */
  redact: string[];
  active: boolean;
  /** Whether the peer may pass our records on to its own peers (within the marking's hops). */
  onward?: boolean;
}

export interface ShareCandidate {
  type: string;
  owner: Pick<RecordOwner, 'node' | 'state'>;
  marking: Marking;
  body: unknown;
}

export type PolicyRefusal =
  | 'NO_AGREEMENT'
  | 'TYPE_NOT_AGREED'
  | 'TLP_NEVER_LEAVES'
  | 'TLP_ABOVE_AGREEMENT'
  | 'NOT_RELEASABLE'
  | 'NO_HOPS'
  | 'PERSONAL_DATA'
  | 'NOT_OWNER'
  /** The kind's own rule keeps it home, e.g. an event still in the workflow (not published). */
  | 'NOT_SHAREABLE'
  /** A record addressed to one node (a hit report, its answer) goes to that node only. */
  | 'NOT_ADDRESSEE';

export type OutboundDecision = { share: true; body: unknown; redacted: string[] } | { share: false; reason: PolicyRefusal };
export type InboundDecision = { accept: true } | { accept: false; reason: PolicyRefusal };

/**
 * The body as it may leave this node, per kind, or null when it must not leave at all: events
 * leave only once published, and an event made from a community report leaves with its
 * location blurred and without the link to the report (events.md).
 */
export function prepareForSharingOf(type: string, body: unknown): unknown {
  if (type === 'event') return eventForSharing(body as EventBody);
  return body;
}

/**
 * The one node a record is for, or null when it goes to every peer its marking and the
 * agreement allow: a hit report goes to the alert's owner node, its answer back to the reporter.
 */
export function addresseeOf(type: string, body: unknown): string | null {
  if (type === 'hit_report') return hitReportAddressee(body as HitReportBody);
  return null;
}

/** Fail closed: an addressed record with no known peer node is not for that peer. */
function addressAllows(type: string, body: unknown, node: string | undefined): PolicyRefusal | null {
  const to = addresseeOf(type, body);
  return to !== null && to !== node ? 'NOT_ADDRESSEE' : null;
}

/**
 * May a record with this marking, owned in `ownerState`, be held in `state`?
 * CLEAR/GREEN: yes. AMBER: the owner's own state or a state listed in releasableTo.states.
 * AMBER+STRICT and RED: never outside the owner node.
 */
function markingAllows(marking: Marking, ownerState: string, state: string): PolicyRefusal | null {
  if (marking.tlp === 'AMBER+STRICT' || marking.tlp === 'RED') return 'TLP_NEVER_LEAVES';
  if (marking.tlp === 'AMBER' && state !== ownerState && !marking.releasableTo.states.includes(state)) return 'NOT_RELEASABLE';
  return null;
}

function agreementAllows(agreement: Agreement | null, c: ShareCandidate): PolicyRefusal | null {
  if (!agreement || !agreement.active) return 'NO_AGREEMENT';
  if (!agreement.types.includes(c.type)) return 'TYPE_NOT_AGREED';
  const never = markingAllows(c.marking, c.owner.state, c.owner.state);
  if (never) return never;
  if (tlpRank(c.marking.tlp) > tlpRank(agreement.maxTlp)) return 'TLP_ABOVE_AGREEMENT';
  return null;
}

/** Removes dot paths from a copy of the body; returns the paths that were present. */
export function redact(body: unknown, paths: readonly string[]): { body: unknown; redacted: string[] } {
  if (paths.length === 0 || body === null || typeof body !== 'object') return { body, redacted: [] };
  const copy = structuredClone(body) as Record<string, unknown>;
  const redacted: string[] = [];
  for (const path of paths) {
    const keys = path.split('.');
    let node: unknown = copy;
    for (const key of keys.slice(0, -1)) {
      node = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
    }
    const last = keys[keys.length - 1]!;
    if (node !== null && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, last)) {
      delete (node as Record<string, unknown>)[last];
      redacted.push(path);
    }
  }
  return { body: copy, redacted };
}

/**
 * Sending side: may this local record go to a peer in `peerState` under `agreement`? Only
 * records this node owns leave it (onward sharing of received records is not done yet).
 * On yes, the body to sign is the redacted one.
 */
export function decideOutbound(c: ShareCandidate, ctx: { agreement: Agreement | null; peerState: string; localNode: string; peerNode?: string }): OutboundDecision {
  if (c.owner.node !== ctx.localNode) return { share: false, reason: 'NOT_OWNER' };
  const refusal =
    agreementAllows(ctx.agreement, c) ??
    addressAllows(c.type, c.body, ctx.peerNode) ??
    markingAllows(c.marking, c.owner.state, ctx.peerState) ??
    (c.marking.hops < 1 ? 'NO_HOPS' : null) ??
    (!ctx.agreement!.personalData && holdsPersonalDataOf(c.type, c.body) ? 'PERSONAL_DATA' : null);
  if (refusal) return { share: false, reason: refusal };
  const prepared = prepareForSharingOf(c.type, c.body);
  if (prepared === null) return { share: false, reason: 'NOT_SHAREABLE' };
  return { share: true, ...redact(prepared, ctx.agreement!.redact) };
}

/**
 * Receiving side, checked again: the type is expected under our agreement with the sender,
 * and the marking allows our state to hold it.
 */
export function decideInbound(c: ShareCandidate, ctx: { agreement: Agreement | null; localState: string; localNode?: string }): InboundDecision {
  const refusal =
    agreementAllows(ctx.agreement, c) ??
    addressAllows(c.type, c.body, ctx.localNode) ??
    markingAllows(c.marking, c.owner.state, ctx.localState) ??
    (c.marking.hops < 1 ? 'NO_HOPS' : null) ??
    (!ctx.agreement!.personalData && holdsPersonalDataOf(c.type, c.body) ? 'PERSONAL_DATA' : null);
  return refusal ? { accept: false, reason: refusal } : { accept: true };
}
