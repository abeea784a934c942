import { describe, expect, it } from 'vitest';
import { generateNodeKeyPair, privateKeyFromPem, publicKeyFromBase64 } from '../federation/envelope.ts';
import { GENESIS_HASH } from './chain.ts';
import { signCheckpoint, verifyCheckpoint, type ChainFacts } from './checkpoint.ts';

const pair = generateNodeKeyPair();
const privateKey = privateKeyFromPem(pair.privateKeyPem);
const publicKey = publicKeyFromBase64(pair.publicKey);
const HEAD = 'a'.repeat(64);
const signed = signCheckpoint({ nodeId: 'node-tj', seq: 10, headHash: HEAD, at: '2026-01-01T00:00:00.000Z' }, privateKey);
/** The chain as it was when the checkpoint was taken, grown by 5 entries since. */
const intact: ChainFacts = { nodeId: 'node-tj', publicKey, verified: 15, problem: null, lastSeq: 15, hashAtSeq: HEAD };
const reason = (input: unknown, facts: Partial<ChainFacts> = {}) => {
  const v = verifyCheckpoint(input, { ...intact, ...facts });
  return v.ok ? 'OK' : v.reason;
};

describe('verifyCheckpoint (pure)', () => {
  it('a chain that grew past the checkpoint, or ends exactly at it, extends it', () => {
    expect(reason(signed)).toBe('OK');
    expect(reason(signed, { verified: 10, lastSeq: 10 })).toBe('OK');
  });

  it('survives a JSON round trip (what a file or a peer carries)', () => {
    expect(reason(JSON.parse(JSON.stringify(signed)))).toBe('OK');
  });

  it('an empty chain or one truncated below the seq is CHAIN_SHORTER', () => {
    expect(reason(signed, { verified: 0, lastSeq: 0, hashAtSeq: null })).toBe('CHAIN_SHORTER');
    expect(reason(signed, { verified: 7, lastSeq: 7, hashAtSeq: null })).toBe('CHAIN_SHORTER');
  });

  it('a missing row at the seq with later rows present is ENTRY_MISSING', () => {
    expect(reason(signed, { verified: 9, lastSeq: 15, hashAtSeq: null, problem: { kind: 'gap', seq: 11, expectedSeq: 10 } })).toBe('ENTRY_MISSING');
  });

  it('another hash at the seq (rewritten, re-hashed) is HASH_DIFFERS', () => {
    expect(reason(signed, { hashAtSeq: 'b'.repeat(64) })).toBe('HASH_DIFFERS');
  });

  it('the right hash at the seq above a broken prefix is CHAIN_BROKEN, naming the first bad seq', () => {
    const v = verifyCheckpoint(signed, { ...intact, verified: 3, problem: { kind: 'altered', seq: 4 } });
    expect(v.ok).toBe(false);
    expect(!v.ok && v.reason).toBe('CHAIN_BROKEN');
    expect(!v.ok && v.detail).toContain('seq=4');
  });

  it('a problem only after the seq does not undo the checkpoint', () => {
    expect(reason(signed, { verified: 12, problem: { kind: 'altered', seq: 13 } })).toBe('OK');
  });

  it('a changed field or signature is BAD_SIGNATURE', () => {
    expect(reason({ ...signed, seq: 9 }, { hashAtSeq: HEAD })).toBe('BAD_SIGNATURE');
    expect(reason({ ...signed, at: '2026-01-02T00:00:00.000Z' })).toBe('BAD_SIGNATURE');
    const other = privateKeyFromPem(generateNodeKeyPair().privateKeyPem);
    expect(reason(signCheckpoint(signed, other))).toBe('BAD_SIGNATURE');
  });

  it("another node's checkpoint is OTHER_NODE", () => {
    expect(reason(signCheckpoint({ ...signed, nodeId: 'node-af' }, privateKey))).toBe('OTHER_NODE');
  });

  it.each([
    ['not an object', 'checkpoint'],
    ['missing signature', { nodeId: 'node-tj', seq: 10, headHash: HEAD, at: signed.at }],
    ['negative seq', { ...signed, seq: -1 }],
    ['short hash', { ...signed, headHash: 'abc' }],
    ['extra field', { ...signed, note: 'x' }],
    ['bad date', { ...signed, at: 'yesterday' }],
  ])('malformed input (%s) is MALFORMED', (_what, input) => {
    expect(reason(input)).toBe('MALFORMED');
  });

  it('a checkpoint of the empty chain holds only the genesis hash', () => {
    const empty = signCheckpoint({ nodeId: 'node-tj', seq: 0, headHash: GENESIS_HASH, at: signed.at }, privateKey);
    expect(reason(empty, { verified: 0, lastSeq: 0, hashAtSeq: null })).toBe('OK');
    const forged = signCheckpoint({ ...empty, headHash: HEAD }, privateKey);
    expect(reason(forged, { verified: 0, lastSeq: 0, hashAtSeq: null })).toBe('HASH_DIFFERS');
  });
});
