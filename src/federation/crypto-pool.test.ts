import { describe, expect, it } from 'vitest';
import { canonicalParts, digestTextOf, envelopeDigest, generateNodeKeyPair, prepareEnvelope, privateKeyFromPem, publicKeyFromBase64, signEnvelope, signingText, signingTextOf, verifyBytes, type Envelope } from '../domain/federation/envelope.ts';
import { canonicalJson } from '../domain/records/content-hash.ts';
import { POOL_MIN_ITEMS, signMany, verifyMany } from './crypto-pool.ts';

const envelope = (i: number): Envelope => ({
  id: `0b7c1f3e-1111-4a5b-9c0d-${String(i).padStart(12, '0')}`,
  type: 'alert',
  version: 1 + (i % 3),
  op: 'put',
  owner: { node: 'node-tj', state: 'TJ', agency: null, unit: i % 2 ? 'unit-1' : null },
  prev: i % 2 ? 'a'.repeat(64) : null,
  marking: { tlp: 'AMBER', releasableTo: { states: ['AF'], agencies: [], units: [] }, hops: 1 },
  body: { subject: { kind: 'person', names: [{ name: `Ҷамшед ${i}`, quality: 'good' }, { name: `جمشید ${i} \u2028 "q"`, quality: 'low' }] }, z: 1e21, a: [1.5, -0, true, null], emoji: '😀' },
  redacted: i % 2 ? ['subject.documents'] : [],
  signedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
});

describe('one canonicalisation per envelope, and Ed25519 on the thread pool', () => {
  it('the signed text and the digest made from the parts are exactly the canonical JSON of the whole', () => {
    for (let i = 0; i < 20; i++) {
      const e = envelope(i);
      const parts = canonicalParts(e);
      expect(signingTextOf(parts, e.prev, e.signedAt)).toBe(signingText(e));
      expect(digestTextOf(parts)).toBe(canonicalJson({ id: e.id, type: e.type, version: e.version, op: e.op, owner: e.owner, marking: e.marking, body: e.body, redacted: e.redacted }));
    }
    const keys = generateNodeKeyPair();
    const signed = signEnvelope(envelope(3), privateKeyFromPem(keys.privateKeyPem));
    const p = prepareEnvelope(signed, 'node-tj');
    expect(p.ok && p.digest).toBe(envelopeDigest(signed));
    expect(p.ok && verifyBytes(p.signing, signed.signature, publicKeyFromBase64(keys.publicKey))).toBe(true);
  });

  it('signs and verifies a large page with the same results as one thread; a wrong signature or text is caught wherever it lands', async () => {
    const keys = generateNodeKeyPair();
    const priv = privateKeyFromPem(keys.privateKeyPem);
    const pub = publicKeyFromBase64(keys.publicKey);
    const texts = Array.from({ length: POOL_MIN_ITEMS * 3 + 7 }, (_, i) => signingText(envelope(i)));
    const signatures = await signMany(texts, priv);
    expect(signatures.map((s, i) => verifyBytes(texts[i]!, s, pub))).toEqual(texts.map(() => true));
    const items = texts.map((text, i) => ({ text: i === 150 ? `${text} ` : text, signature: i === 5 || i === texts.length - 1 ? signatures[0]! : i === 100 ? 'short' : signatures[i]! }));
    const ok = await verifyMany(items, pub);
    expect(ok.flatMap((v, i) => (v ? [] : [i]))).toEqual([5, 100, 150, texts.length - 1]);
    const small = await verifyMany(items.slice(0, 10), pub);
    expect(small.filter((v) => !v)).toHaveLength(1);
  });
});
