import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../records/content-hash.ts';
import { tlpRank } from '../records/marking.ts';
import { signBytes, verifyBytes, ENVELOPE_OPS, type EnvelopeOp } from './envelope.ts';
import { AGREEMENT_TLPS, type Agreement } from './sharing-policy.ts';

/**
 * The signed objects nodes exchange besides envelopes: agreement terms (each side tells the
 * other what it allows, so both apply the stricter of the two), feed page headers (bound to
 * the request's nonce, so a replayed or forged page is refused) and receipts (what the
 * receiver applied or refused: the only thing that makes the sender consider a record delivered).
 * Each is signed over the RFC 8785 canonical JSON of its other fields, like an envelope.
 */

const nodeId = z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/);
const isoDate = z.iso.datetime();
const signature = z.string().min(1).max(200);
const sha = z.string().regex(/^[0-9a-f]{64}$/);

export function signObject<T extends object>(value: T, privateKey: KeyObject): T & { signature: string } {
  return { ...value, signature: signBytes(canonicalJson(value), privateKey) };
}

/** Verifies `signature` over the canonical JSON of everything else, as received. */
export function verifyObject(value: { signature: string }, publicKey: KeyObject): boolean {
  const { signature: sig, ...rest } = value;
  return verifyBytes(canonicalJson(rest), sig, publicKey);
}

// ---- agreement terms --------------------------------------------------------------------

export const agreementTermsSchema = z
  .object({
    /** The node that set these terms for `to`. */
    from: nodeId,
    /** The signer's state as it publishes it: checked against the state registered for it. */
    state: z.string().regex(/^[A-Z]{2}$/),
    to: nodeId,
    id: z.string().min(1).max(64),
    types: z.array(z.string().max(40)).max(50),
    maxTlp: z.enum(AGREEMENT_TLPS),
    personalData: z.boolean(),
    redact: z.array(z.string().max(200)).max(50),
    active: z.boolean(),
    onward: z.boolean().optional(),
    signedAt: isoDate,
    signature,
  })
  .strict();
export type SignedAgreementTerms = z.output<typeof agreementTermsSchema>;

export function agreementTerms(a: Agreement | null, from: string, state: string, to: string, signedAt: string) {
  return {
    from,
    state,
    to,
    id: a?.id ?? 'none',
    types: a ? [...a.types].sort() : [],
    maxTlp: a?.maxTlp ?? 'CLEAR',
    personalData: a?.personalData ?? false,
    redact: a ? [...a.redact].sort() : [],
    active: a?.active ?? false,
    onward: a?.onward ?? false,
    signedAt,
  };
}

/**
 * The agreement in force between two nodes is the stricter of what each side set: types both
 * list, the lower TLP ceiling, personal data only if both allow it, the union of redactions,
 * active only if both are. Unknown terms of the other side → nothing crosses (null).
 */
export function effectiveAgreement(mine: Agreement | null, theirs: Pick<SignedAgreementTerms, 'types' | 'maxTlp' | 'personalData' | 'redact' | 'active' | 'onward'> | null): Agreement | null {
  if (!mine || !theirs) return null;
  const maxTlp = tlpRank(mine.maxTlp) <= tlpRank(theirs.maxTlp) ? mine.maxTlp : theirs.maxTlp;
  return {
    id: mine.id,
    peerId: mine.peerId,
    types: mine.types.filter((t) => theirs.types.includes(t)),
    maxTlp,
    personalData: mine.personalData && theirs.personalData,
    redact: [...new Set([...mine.redact, ...theirs.redact])].sort(),
    active: mine.active && theirs.active,
    onward: (mine.onward ?? false) && (theirs.onward ?? false),
  };
}

/** A stable fingerprint of what an (effective) agreement allows: when it changes, every held copy is re-evaluated. */
export function termsFingerprint(a: Agreement | null): string {
  if (!a) return 'none';
  return sha256Hex(canonicalJson({ types: [...a.types].sort(), maxTlp: a.maxTlp, personalData: a.personalData, redact: [...a.redact].sort(), active: a.active, ...(a.onward ? { onward: true } : {}) }));
}

// ---- feed pages -------------------------------------------------------------------------

export const pageHeaderSchema = z
  .object({
    from: nodeId,
    to: nodeId,
    /** The sender's state as it publishes it: checked against the state registered for the peer. */
    state: z.string().regex(/^[A-Z]{2}$/),
    /** The nonce of the request this page answers: a page is good for one request only. */
    nonce: z.string().min(16).max(64),
    count: z.number().int().min(0),
    /** sha256 of the envelopes' signatures joined with "\n", in order. */
    envelopes: sha,
    more: z.boolean(),
    /** Records still waiting for a receipt (including this page) and outbox rows not yet examined for the caller. */
    backlog: z.number().int().min(0),
    agreement: agreementTermsSchema,
    signedAt: isoDate,
    signature,
  })
  .strict();
export type SignedPageHeader = z.output<typeof pageHeaderSchema>;

export function envelopesDigest(signatures: readonly string[]): string {
  return sha256Hex(signatures.join('\n'));
}

// ---- receipts ---------------------------------------------------------------------------

export const RECEIPT_STATUSES = ['applied', 'duplicate', 'stale', 'rejected'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

export const receiptItemSchema = z
  .object({
    id: z.string().min(1).max(64),
    version: z.number().int().min(1),
    op: z.enum(ENVELOPE_OPS),
    /** envelopeDigest of what was received: ties the receipt to the exact content. */
    digest: sha,
    status: z.enum(RECEIPT_STATUSES),
    reason: z.string().max(60).optional(),
  })
  .strict();
export type ReceiptItem = z.output<typeof receiptItemSchema>;

export const receiptSchema = z
  .object({
    /** The receiver that applied the envelopes and signs this receipt. */
    from: nodeId,
    /** The sender the receipt is for. */
    to: nodeId,
    /** The page nonce the items came with. */
    nonce: z.string().min(16).max(64),
    items: z.array(receiptItemSchema).max(2000),
    signedAt: isoDate,
    signature,
  })
  .strict();
export type SignedReceipt = z.output<typeof receiptSchema>;

// ---- newest wins ------------------------------------------------------------------------

export interface AppliedState {
  version: number;
  op: EnvelopeOp;
  digest: string;
  signedAt: string;
}

/**
 * How an incoming envelope relates to the state we applied for that record. A higher version
 * is newer. At the same version, the same (op, digest) is a duplicate (idempotent); anything
 * else is newer only if the owner signed it later (a re-send after an agreement change:
 * redacted again, withdrawn, or released again) — so a replayed older envelope can never undo
 * a newer state, e.g. put v1 replayed after withdraw v1.
 */
export function compareToApplied(held: AppliedState | null, incoming: AppliedState): 'newer' | 'duplicate' | 'stale' {
  if (!held) return 'newer';
  if (incoming.version !== held.version) return incoming.version > held.version ? 'newer' : 'stale';
  if (incoming.op === held.op && incoming.digest === held.digest) return 'duplicate';
  return Date.parse(incoming.signedAt) > Date.parse(held.signedAt) ? 'newer' : 'stale';
}

export type { EnvelopeOp };
