import type { KeyObject } from 'node:crypto';
import { signBytes, verifyBytes } from './envelope.ts';

/** Headers a node sends when it calls a peer's federation API. */
export const NODE_HEADER = 'x-sarhad-node';
export const DATE_HEADER = 'x-sarhad-date';
export const SIGNATURE_HEADER = 'x-sarhad-signature';

/** A signed request is accepted up to this far from the receiver's clock, either way. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The signed text: method, path with its query exactly as sent, and the date header. */
export function requestSigningText(method: string, pathWithQuery: string, date: string): string {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${date}`;
}

export function signRequest(nodeId: string, method: string, pathWithQuery: string, privateKey: KeyObject, now = new Date()): Record<string, string> {
  const date = now.toISOString();
  return {
    [NODE_HEADER]: nodeId,
    [DATE_HEADER]: date,
    [SIGNATURE_HEADER]: signBytes(requestSigningText(method, pathWithQuery, date), privateKey),
  };
}

export type RequestCheck = { ok: true } | { ok: false; reason: 'STALE' | 'BAD_SIGNATURE' };

/** Checks date freshness, then the signature against the key registered for the calling node. */
export function checkSignedRequest(
  input: { method: string; pathWithQuery: string; date: string; signature: string },
  publicKey: KeyObject,
  now = new Date(),
): RequestCheck {
  const at = Date.parse(input.date);
  // Only the exact ISO form we emit: no lenient date parsing of attacker input.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(input.date) || Number.isNaN(at)) return { ok: false, reason: 'STALE' };
  if (Math.abs(now.getTime() - at) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'STALE' };
  const text = requestSigningText(input.method, input.pathWithQuery, input.date);
  return verifyBytes(text, input.signature, publicKey) ? { ok: true } : { ok: false, reason: 'BAD_SIGNATURE' };
}
