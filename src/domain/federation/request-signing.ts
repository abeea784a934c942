import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import { signBytes, verifyBytes } from './envelope.ts';

/** Headers a node sends when it calls a peer's federation API. */
export const NODE_HEADER = 'x-sarhad-node';
export const DATE_HEADER = 'x-sarhad-date';
export const NONCE_HEADER = 'x-sarhad-nonce';
export const SIGNATURE_HEADER = 'x-sarhad-signature';

/** A signed request is accepted up to this far from the receiver's clock, either way. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** sha256 hex of a request body as sent ('' for none). */
export function bodyDigest(body: string | Buffer | undefined): string {
  return createHash('sha256').update(body ?? '').digest('hex');
}

/**
 * The signed text: method, path with its query exactly as sent, the date, a single-use nonce
 * and the sha256 of the body. A receiver remembers nonces for the validity window, so the
 * same signed request is accepted once.
 */
export function requestSigningText(method: string, pathWithQuery: string, date: string, nonce = '', bodySha256 = bodyDigest('')): string {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${date}\n${nonce}\n${bodySha256}`;
}

export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function signRequest(
  nodeId: string,
  method: string,
  pathWithQuery: string,
  privateKey: KeyObject,
  now = new Date(),
  body?: string,
  nonce = newNonce(),
): Record<string, string> {
  const date = now.toISOString();
  return {
    [NODE_HEADER]: nodeId,
    [DATE_HEADER]: date,
    [NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: signBytes(requestSigningText(method, pathWithQuery, date, nonce, bodyDigest(body)), privateKey),
  };
}

export type RequestCheck = { ok: true } | { ok: false; reason: 'STALE' | 'BAD_SIGNATURE' };

const NONCE_RE = /^[A-Za-z0-9_-]{16,64}$/;

/** Checks date freshness and nonce form, then the signature against the key registered for the calling node. */
export function checkSignedRequest(
  input: { method: string; pathWithQuery: string; date: string; nonce: string; signature: string; body?: string | Buffer },
  publicKey: KeyObject,
  now = new Date(),
): RequestCheck {
  const at = Date.parse(input.date);
  // Only the exact ISO form we emit: no lenient date parsing of attacker input.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(input.date) || Number.isNaN(at)) return { ok: false, reason: 'STALE' };
  if (Math.abs(now.getTime() - at) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'STALE' };
  if (!NONCE_RE.test(input.nonce)) return { ok: false, reason: 'BAD_SIGNATURE' };
  const text = requestSigningText(input.method, input.pathWithQuery, input.date, input.nonce, bodyDigest(input.body));
  return verifyBytes(text, input.signature, publicKey) ? { ok: true } : { ok: false, reason: 'BAD_SIGNATURE' };
}
