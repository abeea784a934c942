import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../records/content-hash.ts';
import { markingSchema, type Marking } from '../records/marking.ts';

/**
 * How a shareable record travels between nodes. The signature covers the RFC 8785 canonical
 * JSON of every other field, made with the owner node's Ed25519 key. Only the owner issues
 * versions; versions are integers.
 */
export interface Envelope {
  id: string;
  type: string;
  version: number;
  /** put: this version's content. withdraw: a signed tombstone — the receiver must drop its copy (body null). */
  op: EnvelopeOp;
  owner: { node: string; state: string; agency: string | null; unit: string | null };
  /** Digest (envelopeDigest) of the previous version as this receiver would have got it, or null for version 1. */
  prev: string | null;
  marking: Marking;
  body: unknown;
  /** Dot paths removed from the body for this receiver under the agreement (signed, so visible). */
  redacted: string[];
  signedAt: string;
}

export const ENVELOPE_OPS = ['put', 'withdraw'] as const;
export type EnvelopeOp = (typeof ENVELOPE_OPS)[number];

export interface SignedEnvelope extends Envelope {
  /** base64 Ed25519 signature over canonicalJson(envelope without `signature`). */
  signature: string;
}

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/);
/** Shape check before any crypto: a peer's JSON is untrusted input. */
export const signedEnvelopeSchema = z
  .object({
    id,
    type: z.string().min(1).max(40),
    version: z.number().int().min(1),
    op: z.enum(ENVELOPE_OPS),
    owner: z.object({ node: id, state: z.string().regex(/^[A-Z]{2}$/), agency: id.nullable(), unit: id.nullable() }).strict(),
    prev: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
    marking: markingSchema,
    body: z.unknown(),
    redacted: z.array(z.string().max(200)).max(50),
    signedAt: z.iso.datetime(),
    signature: z.string().min(1).max(200),
  })
  .strict();

// ---- keys -------------------------------------------------------------------------------

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface NodeKeyPair {
  /** base64 of the raw 32-byte Ed25519 public key: what peers register. */
  publicKey: string;
  /** PKCS#8 PEM; stays in the node's database, never logged or sent. */
  privateKeyPem: string;
}

export function generateNodeKeyPair(): NodeKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: rawPublicKey(publicKey), privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}

export function rawPublicKey(key: KeyObject): string {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32).toString('base64');
}

/** A peer's public key from its base64 raw form; throws on anything that is not 32 bytes. */
export function publicKeyFromBase64(b64: string): KeyObject {
  const raw = Buffer.from(b64, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== b64.trim()) throw new Error('an Ed25519 public key is 32 bytes in base64');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function isValidPublicKey(b64: string): boolean {
  try {
    publicKeyFromBase64(b64);
    return true;
  } catch {
    return false;
  }
}

export function privateKeyFromPem(pem: string): KeyObject {
  return createPrivateKey(pem);
}

export function signBytes(text: string, privateKey: KeyObject): string {
  return sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');
}

export function verifyBytes(text: string, signatureB64: string, publicKey: KeyObject): boolean {
  const sig = Buffer.from(signatureB64, 'base64');
  if (sig.length !== 64) return false;
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, sig);
  } catch {
    return false;
  }
}

// ---- envelopes --------------------------------------------------------------------------

/**
 * The canonical JSON of each field of an envelope, made once: the signed text and the digest
 * text are both assembled from it (RFC 8785 sorts object keys; these keys are fixed, so the
 * order below is that order), instead of canonicalising the body twice.
 */
export interface CanonicalParts {
  body: string;
  id: string;
  marking: string;
  op: string;
  owner: string;
  redacted: string;
  type: string;
  version: string;
}

export function canonicalParts(e: Pick<Envelope, 'id' | 'type' | 'version' | 'op' | 'owner' | 'marking' | 'body' | 'redacted'>, bodyText?: string): CanonicalParts {
  return {
    body: bodyText ?? canonicalJson(e.body),
    id: canonicalJson(e.id),
    marking: canonicalJson(e.marking),
    op: canonicalJson(e.op),
    owner: canonicalJson(e.owner),
    redacted: canonicalJson(e.redacted),
    type: canonicalJson(e.type),
    version: canonicalJson(e.version),
  };
}

/** canonicalJson({id, type, version, op, owner, marking, body, redacted}), from the parts. */
export const digestTextOf = (p: CanonicalParts): string =>
  `{"body":${p.body},"id":${p.id},"marking":${p.marking},"op":${p.op},"owner":${p.owner},"redacted":${p.redacted},"type":${p.type},"version":${p.version}}`;

/** canonicalJson(envelope without signature), from the parts. */
export const signingTextOf = (p: CanonicalParts, prev: string | null, signedAt: string): string =>
  `{"body":${p.body},"id":${p.id},"marking":${p.marking},"op":${p.op},"owner":${p.owner},"prev":${canonicalJson(prev)},"redacted":${p.redacted},"signedAt":${canonicalJson(signedAt)},"type":${p.type},"version":${p.version}}`;

/** The exact text that is signed: canonical JSON of the envelope without its signature. */
export function signingText(envelope: Envelope): string {
  const { signature: _ignored, ...rest } = envelope as SignedEnvelope;
  return canonicalJson(rest);
}

export function signEnvelope(envelope: Envelope, privateKey: KeyObject): SignedEnvelope {
  const unsigned: Envelope = { ...envelope };
  return { ...unsigned, signature: signBytes(signingText(unsigned), privateKey) };
}

/**
 * What a version says, independent of when it was signed: the value `prev` of the next
 * version refers to. (signedAt and prev are left out so the digest is stable.)
 */
export function envelopeDigest(e: Pick<Envelope, 'id' | 'type' | 'version' | 'op' | 'owner' | 'marking' | 'body' | 'redacted'>): string {
  return sha256Hex(canonicalJson({ id: e.id, type: e.type, version: e.version, op: e.op, owner: e.owner, marking: e.marking, body: e.body, redacted: e.redacted }));
}

/**
 * Shape and owner checks of a received envelope, and its signed text and digest made from one
 * canonicalisation of what was received (not of the parsed copy: parsing could fill defaults).
 * The signature itself is checked by the caller (inline, or in the crypto pool for a page).
 */
export function prepareEnvelope(
  input: unknown,
  expectedOwner?: string,
): { ok: true; envelope: SignedEnvelope; signing: string; digest: string } | { ok: false; reason: 'MALFORMED' | 'OWNER_MISMATCH'; detail: string } {
  const parsed = signedEnvelopeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'MALFORMED', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const envelope = parsed.data as SignedEnvelope;
  if (expectedOwner !== undefined && envelope.owner.node !== expectedOwner) {
    return { ok: false, reason: 'OWNER_MISMATCH', detail: `owned by node ${envelope.owner.node}, expected ${expectedOwner}` };
  }
  const raw = input as SignedEnvelope;
  // A missing body is canonicalised by leaving the key out: the whole-object path handles it.
  if (raw.body === undefined) return { ok: true, envelope, signing: signingText(raw), digest: envelopeDigest(raw) };
  const parts = canonicalParts(raw);
  return { ok: true, envelope, signing: signingTextOf(parts, raw.prev, raw.signedAt), digest: sha256Hex(digestTextOf(parts)) };
}

export type VerifyFailure = 'MALFORMED' | 'UNKNOWN_SIGNER' | 'OWNER_MISMATCH' | 'BAD_SIGNATURE';
export type VerifyResult = { ok: true; envelope: SignedEnvelope; digest?: string } | { ok: false; reason: VerifyFailure; detail: string };

/**
 * Checks an envelope received from a peer. `keys` maps node id → public key of the nodes
 * we know; `expectedOwner`, when given, is the only node allowed to own it (the peer we
 * pulled from). On success also gives its envelopeDigest, from the same canonicalisation.
 */
export function verifyEnvelope(input: unknown, keys: ReadonlyMap<string, KeyObject>, expectedOwner?: string): VerifyResult {
  const p = prepareEnvelope(input, expectedOwner);
  if (!p.ok) return p;
  const key = keys.get(p.envelope.owner.node);
  if (!key) return { ok: false, reason: 'UNKNOWN_SIGNER', detail: `no key for node ${p.envelope.owner.node}` };
  if (!verifyBytes(p.signing, p.envelope.signature, key)) {
    return { ok: false, reason: 'BAD_SIGNATURE', detail: 'the signature does not verify with the owner node key' };
  }
  return { ok: true, envelope: p.envelope, digest: p.digest };
}
