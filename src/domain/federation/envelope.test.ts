import { describe, expect, it } from 'vitest';
import {
  envelopeDigest,
  generateNodeKeyPair,
  isValidPublicKey,
  privateKeyFromPem,
  publicKeyFromBase64,
  signEnvelope,
  verifyEnvelope,
  type Envelope,
  type SignedEnvelope,
} from './envelope.ts';
import { checkSignedRequest, signRequest, SIGNATURE_HEADER, DATE_HEADER, NONCE_HEADER } from './request-signing.ts';

const tj = generateNodeKeyPair();
const af = generateNodeKeyPair();
const keys = new Map([
  ['node-tj', publicKeyFromBase64(tj.publicKey)],
  ['node-af', publicKeyFromBase64(af.publicKey)],
]);

const envelope: Envelope = {
  id: '6f1c2d3e-0000-4000-8000-000000000001',
  type: 'alert',
  version: 2,
  op: 'put',
  owner: { node: 'node-tj', state: 'TJ', agency: 'agency-1', unit: null },
  prev: 'a'.repeat(64),
  marking: { tlp: 'AMBER', releasableTo: { states: ['AF'], agencies: [], units: [] }, hops: 1 },
  body: { subject: { kind: 'person', names: [{ name: 'Ҷамшед Раҳмонов', quality: 'good' }] }, reason: 'wanted', active: true },
  redacted: [],
  signedAt: '2026-01-02T03:04:05.000Z',
};
const signed = signEnvelope(envelope, privateKeyFromPem(tj.privateKeyPem));
const reparse = (e: SignedEnvelope): SignedEnvelope => JSON.parse(JSON.stringify(e));

describe('envelope signing', () => {
  it('a signed envelope verifies with the owner key, also after a JSON round trip and key reordering', () => {
    expect(verifyEnvelope(reparse(signed), keys, 'node-tj')).toMatchObject({ ok: true });
    const shuffled = Object.fromEntries(Object.entries(reparse(signed)).reverse());
    expect(verifyEnvelope(shuffled, keys).ok).toBe(true);
    expect(Buffer.from(tj.publicKey, 'base64')).toHaveLength(32);
    expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
  });

  it.each([
    ['body', (e: SignedEnvelope) => ({ ...e, body: { ...(e.body as object), reason: 'not wanted' } })],
    ['a name deep in the body', (e: SignedEnvelope) => ({ ...e, body: { ...(e.body as object), subject: { kind: 'person', names: [{ name: 'Someone Else', quality: 'good' }] } } })],
    ['marking TLP', (e: SignedEnvelope) => ({ ...e, marking: { ...e.marking, tlp: 'GREEN' as const } })],
    ['releasability', (e: SignedEnvelope) => ({ ...e, marking: { ...e.marking, releasableTo: { states: ['AF', 'UZ'], agencies: [], units: [] } } })],
    ['hops', (e: SignedEnvelope) => ({ ...e, marking: { ...e.marking, hops: 3 } })],
    ['version', (e: SignedEnvelope) => ({ ...e, version: 3 })],
    ['op (turning a version into a withdrawal)', (e: SignedEnvelope) => ({ ...e, op: 'withdraw' as const, body: null })],
    ['prev', (e: SignedEnvelope) => ({ ...e, prev: null })],
    ['signedAt', (e: SignedEnvelope) => ({ ...e, signedAt: '2026-01-02T03:04:06.000Z' })],
    ['owner state', (e: SignedEnvelope) => ({ ...e, owner: { ...e.owner, state: 'AF' } })],
    ['redaction list', (e: SignedEnvelope) => ({ ...e, redacted: ['subject.documents'] })],
  ])('tampering with the %s breaks the signature', (_what, tamper) => {
    const result = verifyEnvelope(tamper(reparse(signed)), keys, 'node-tj');
    expect(result).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('an envelope signed with another key fails', () => {
    const forged = signEnvelope(envelope, privateKeyFromPem(af.privateKeyPem));
    expect(verifyEnvelope(forged, keys, 'node-tj')).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('names the reason: unknown signer, owner mismatch, malformed', () => {
    const stranger = signEnvelope({ ...envelope, owner: { ...envelope.owner, node: 'node-uz' } }, privateKeyFromPem(tj.privateKeyPem));
    expect(verifyEnvelope(stranger, keys)).toMatchObject({ ok: false, reason: 'UNKNOWN_SIGNER' });
    // A valid AF-signed envelope relayed by TJ: the owner is not the peer we pulled from.
    const afOwned = signEnvelope({ ...envelope, owner: { ...envelope.owner, node: 'node-af', state: 'AF' } }, privateKeyFromPem(af.privateKeyPem));
    expect(verifyEnvelope(afOwned, keys)).toMatchObject({ ok: true });
    expect(verifyEnvelope(afOwned, keys, 'node-tj')).toMatchObject({ ok: false, reason: 'OWNER_MISMATCH' });
    expect(verifyEnvelope({ ...signed, version: 1.5 }, keys)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(verifyEnvelope({ ...signed, extra: 1 }, keys)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    expect(verifyEnvelope({ ...signed, signature: 'AAAA' }, keys)).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifyEnvelope(null, keys)).toMatchObject({ ok: false, reason: 'MALFORMED' });
  });

  it('the digest ignores signedAt and prev but not content', () => {
    expect(envelopeDigest(envelope)).toBe(envelopeDigest({ ...envelope }));
    expect(envelopeDigest({ ...envelope, version: 3 })).not.toBe(envelopeDigest(envelope));
    expect(envelopeDigest(envelope)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts only 32-byte base64 public keys', () => {
    expect(isValidPublicKey(tj.publicKey)).toBe(true);
    expect(isValidPublicKey('not a key')).toBe(false);
    expect(isValidPublicKey(Buffer.alloc(31).toString('base64'))).toBe(false);
  });
});

describe('request signing', () => {
  const now = new Date('2026-05-01T10:00:00.000Z');
  const priv = privateKeyFromPem(af.privateKeyPem);
  const pub = publicKeyFromBase64(af.publicKey);
  const path = '/api/federation/feed?after=0&limit=100';
  const body = '{"limit":10}';
  const headers = signRequest('node-af', 'GET', path, priv, now, body);
  const check = (over: Partial<{ method: string; pathWithQuery: string; date: string; nonce: string; signature: string; body: string }>, at = now, key = pub) =>
    checkSignedRequest({ method: 'GET', pathWithQuery: path, date: headers[DATE_HEADER]!, nonce: headers[NONCE_HEADER]!, signature: headers[SIGNATURE_HEADER]!, body, ...over }, key, at);

  it('verifies within five minutes either way', () => {
    expect(check({})).toEqual({ ok: true });
    expect(check({}, new Date(now.getTime() + 4.9 * 60_000))).toEqual({ ok: true });
    expect(check({}, new Date(now.getTime() - 4.9 * 60_000))).toEqual({ ok: true });
  });
  it('refuses stale or unparsable dates, other paths, other keys', () => {
    expect(check({}, new Date(now.getTime() + 5.1 * 60_000))).toEqual({ ok: false, reason: 'STALE' });
    expect(check({ date: 'yesterday' })).toEqual({ ok: false, reason: 'STALE' });
    expect(check({ pathWithQuery: '/api/federation/feed?after=0&limit=500' })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(check({ method: 'POST' })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    // The nonce and the body are signed too: another nonce or body does not verify.
    expect(check({ nonce: 'AAAAAAAAAAAAAAAAAAAAAA' })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(check({ nonce: 'short' })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(check({ body: '{"limit":1000}' })).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(check({}, now, publicKeyFromBase64(tj.publicKey))).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });
});
