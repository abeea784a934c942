import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../records/content-hash.ts';
import { ENVELOPE_OPS, signBytes, verifyBytes, verifyEnvelope, type EnvelopeOp, type SignedEnvelope } from './envelope.ts';
import { decideInbound, redact, type Agreement, type InboundDecision, type ShareCandidate } from './sharing-policy.ts';

/**
 * Onward sharing (docs/federation.md, "Onward sharing"): a node passes on a record it received
 * by sending the owner's envelope **unchanged** (so the receiver checks who made it with the
 * owner's key) inside a chain of **hops**, one per relay, each signed by the relay. A hop says
 * who passed it to whom, whether it is a put or the relay taking it back (withdraw), and when.
 * Each hop signs the origin's signature and the previous hop's, so a chain cannot be spliced.
 */

export interface Hop {
  by: string;
  to: string;
  op: EnvelopeOp;
  signedAt: string;
  signature: string;
}

export interface RelayedItem {
  relayed: SignedEnvelope;
  hops: Hop[];
}

const nodeId = z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/);
const hopSchema = z.object({ by: nodeId, to: nodeId, op: z.enum(ENVELOPE_OPS), signedAt: z.iso.datetime(), signature: z.string().min(1).max(200) }).strict();
const relayedSchema = z.object({ relayed: z.unknown(), hops: z.array(hopSchema).min(1).max(8) }).strict();

/** The most relays a record may pass (the marking's hops count the owner's own transfer too). */
export const MAX_HOPS = 8;

export function isRelayedItem(x: unknown): x is RelayedItem {
  return x !== null && typeof x === 'object' && 'relayed' in x && 'hops' in x;
}

/** The signature that identifies an item of a feed page (an envelope's, or the last hop's). */
export function itemSignature(x: unknown): string {
  if (isRelayedItem(x)) return Array.isArray(x.hops) && typeof x.hops[x.hops.length - 1]?.signature === 'string' ? x.hops[x.hops.length - 1]!.signature : '';
  return x !== null && typeof x === 'object' && typeof (x as { signature?: unknown }).signature === 'string' ? (x as { signature: string }).signature : '';
}

const hopText = (origin: SignedEnvelope, prev: Hop | undefined, h: Omit<Hop, 'signature'>) =>
  canonicalJson({ envelope: origin.signature, prev: prev?.signature ?? null, by: h.by, to: h.to, op: h.op, signedAt: h.signedAt });

/** Adds this node's hop to what it received (the origin envelope, and the hops before ours). */
export function signHop(origin: SignedEnvelope, before: Hop[], hop: Omit<Hop, 'signature'>, privateKey: KeyObject): RelayedItem {
  const signature = signBytes(hopText(origin, before[before.length - 1], hop), privateKey);
  return { relayed: origin, hops: [...before, { ...hop, signature }] };
}

export type RelayVerify =
  | { ok: true; envelope: SignedEnvelope; hops: Hop[]; op: EnvelopeOp; signedAt: string }
  | { ok: false; reason: 'MALFORMED' | 'UNKNOWN_SIGNER' | 'BAD_SIGNATURE' | 'OWNER_MISMATCH' | 'HOP_MISMATCH' | 'RELAY_LOOP'; detail: string };

/**
 * Checks a relayed item received from `from` by `to`: the owner's envelope verifies with the
 * owner's key, every hop with its relay's key, the chain runs owner → … → from → to without
 * visiting a node twice. The op is the last hop's (a relay taking back what it passed), or
 * withdraw when the owner's envelope is itself a withdrawal.
 */
export function verifyRelayed(input: unknown, keys: ReadonlyMap<string, KeyObject>, from: string, to: string): RelayVerify {
  const parsed = relayedSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'MALFORMED', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const origin = verifyEnvelope(parsed.data.relayed, keys);
  if (!origin.ok) return { ok: false, reason: origin.reason === 'MALFORMED' ? 'MALFORMED' : origin.reason === 'UNKNOWN_SIGNER' ? 'UNKNOWN_SIGNER' : 'BAD_SIGNATURE', detail: `owner envelope: ${origin.detail}` };
  const env = origin.envelope;
  const hops = parsed.data.hops as Hop[];
  const last = hops[hops.length - 1]!;
  if (last.by !== from || last.to !== to) return { ok: false, reason: 'HOP_MISMATCH', detail: `the last hop is ${last.by} → ${last.to}, not ${from} → ${to}` };
  if (env.owner.node === from) return { ok: false, reason: 'OWNER_MISMATCH', detail: 'an owner sends its own envelopes directly, not as a relay' };
  const seen = new Set([env.owner.node]);
  for (let i = 0; i < hops.length; i++) {
    const h = hops[i]!;
    if (seen.has(h.by) || seen.has(h.to) || (i > 0 && hops[i - 1]!.to !== h.by) || (i === 0 && h.by === env.owner.node)) {
      return { ok: false, reason: i > 0 && hops[i - 1]!.to !== h.by ? 'HOP_MISMATCH' : 'RELAY_LOOP', detail: `hop ${i + 1} ${h.by} → ${h.to}` };
    }
    seen.add(h.by);
    const key = keys.get(h.by);
    if (!key) return { ok: false, reason: 'UNKNOWN_SIGNER', detail: `no key for relay ${h.by}` };
    if (!verifyBytes(hopText(env, hops[i - 1], h), h.signature, key)) return { ok: false, reason: 'BAD_SIGNATURE', detail: `hop ${i + 1} does not verify with ${h.by}'s key` };
  }
  return { ok: true, envelope: env, hops, op: env.op === 'withdraw' ? 'withdraw' : last.op, signedAt: last.signedAt > env.signedAt ? last.signedAt : env.signedAt };
}

export type RelayRefusal = 'NO_ONWARD' | 'HOPS_EXCEEDED' | 'RELAY_LOOP' | 'REDACTION_NEEDED';

/**
 * Relay side: may this node pass a record it holds (received through `hopsUsed` transfers, the
 * nodes in `chain` having held it) on to a peer? The link it came by must allow onward sharing,
 * the marking's hops must leave one more, the peer must not have held it on the way (no loops),
 * and the record must pass the peer's agreement and marking as if we owned it — without any
 * further redaction, since the owner's signature covers the body as it is.
 */
export function decideRelay(
  c: ShareCandidate,
  ctx: { agreement: Agreement | null; peerState: string; peerNode: string; onward: boolean; hopsUsed: number; chain: readonly string[] },
): { share: true } | { share: false; reason: RelayRefusal | Exclude<InboundDecision, { accept: true }>['reason'] } {
  if (!ctx.onward) return { share: false, reason: 'NO_ONWARD' };
  if (ctx.chain.includes(ctx.peerNode) || c.owner.node === ctx.peerNode) return { share: false, reason: 'RELAY_LOOP' };
  if (ctx.hopsUsed + 1 > Math.min(c.marking.hops, MAX_HOPS)) return { share: false, reason: 'HOPS_EXCEEDED' };
  const inbound = decideInbound(c, { agreement: ctx.agreement, localState: ctx.peerState });
  if (!inbound.accept) return { share: false, reason: inbound.reason };
  if (redact(c.body, ctx.agreement!.redact).redacted.length > 0) return { share: false, reason: 'REDACTION_NEEDED' };
  return { share: true };
}

/** Receiving side of a relay: the marking's hops must cover every transfer the record made to reach us. */
export function hopsAllow(marking: { hops: number }, hops: readonly Hop[]): boolean {
  return hops.length + 1 <= Math.min(marking.hops, MAX_HOPS);
}
