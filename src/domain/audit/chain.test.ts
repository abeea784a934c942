import { describe, expect, it } from 'vitest';
import { ChainVerifier, GENESIS_HASH, hashAuditEntry, type StoredAuditEntry } from './chain.ts';

/** Builds a real chain of n entries the way the store appends them. */
function buildChain(n: number): StoredAuditEntry[] {
  const out: StoredAuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry = {
      seq,
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      at: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)).toISOString(),
      actor: seq % 2 ? 'system:seed' : 'user-1',
      action: 'record.create',
      entityType: 'unit',
      entityId: `unit-${seq}`,
      detail: { version: 1, hash: `h${seq}` },
      prevHash,
    };
    const hash = hashAuditEntry(entry);
    out.push({ ...entry, hash });
    prevHash = hash;
  }
  return out;
}

const head = (chain: StoredAuditEntry[]) => (chain.length ? { seq: chain.at(-1)!.seq, hash: chain.at(-1)!.hash } : null);

function verify(entries: StoredAuditEntry[], h: { seq: number; hash: string } | null) {
  const v = new ChainVerifier();
  for (const e of entries) if (!v.push(e)) break;
  return { problem: v.finish(h), count: v.count };
}

describe('ChainVerifier', () => {
  it('accepts an intact chain and counts every entry', () => {
    const chain = buildChain(10);
    expect(verify(chain, head(chain))).toEqual({ problem: null, count: 10 });
  });

  it('accepts an empty log with no head', () => {
    expect(verify([], null)).toEqual({ problem: null, count: 0 });
  });

  it('links each entry to the hash of the one before, starting from the genesis hash', () => {
    const chain = buildChain(3);
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(chain[1]!.prevHash).toBe(chain[0]!.hash);
    expect(chain[2]!.prevHash).toBe(chain[1]!.hash);
  });

  it('reports an altered detail as "altered" at that seq', () => {
    const chain = buildChain(10);
    chain[4] = { ...chain[4]!, detail: { version: 2, hash: 'h5' } };
    expect(verify(chain, head(chain)).problem).toEqual({ kind: 'altered', seq: 5 });
  });

  it('reports an altered actor, action or time as "altered"', () => {
    for (const change of [{ actor: 'someone-else' }, { action: 'record.update' }, { at: '2030-01-01T00:00:00.000Z' }]) {
      const chain = buildChain(6);
      chain[2] = { ...chain[2]!, ...change };
      expect(verify(chain, head(chain)).problem).toEqual({ kind: 'altered', seq: 3 });
    }
  });

  it('reports a recomputed hash on an altered entry as a broken link at the next seq', () => {
    const chain = buildChain(6);
    const { hash: _old, ...rest } = chain[2]!;
    const forged = { ...rest, detail: { forged: true } };
    chain[2] = { ...forged, hash: hashAuditEntry(forged) };
    expect(verify(chain, head(chain)).problem).toEqual({ kind: 'broken-link', seq: 4 });
  });

  it('reports a removed middle row as a gap naming the missing seq', () => {
    const chain = buildChain(10);
    chain.splice(6, 1); // seq 7 gone
    expect(verify(chain, head(chain)).problem).toEqual({ kind: 'gap', seq: 8, expectedSeq: 7 });
  });

  it('detects two rows swapped in order', () => {
    const chain = buildChain(10);
    [chain[3], chain[4]] = [chain[4]!, chain[3]!];
    const { problem } = verify(chain, head(chain));
    expect(problem).not.toBeNull();
    expect(problem).toMatchObject({ kind: 'gap', expectedSeq: 4 });
  });

  it('detects two rows whose content was swapped while keeping their seq numbers', () => {
    const chain = buildChain(10);
    const a = chain[3]!;
    const b = chain[4]!;
    chain[3] = { ...b, seq: 4 };
    chain[4] = { ...a, seq: 5 };
    expect(verify(chain, head(chain)).problem).toEqual({ kind: 'broken-link', seq: 4 });
  });

  it('reports removed newest rows as a head mismatch from the first missing seq', () => {
    const chain = buildChain(10);
    const h = head(chain);
    expect(verify(chain.slice(0, 7), h).problem).toEqual({ kind: 'head-mismatch', seq: 8 });
    expect(verify([], h).problem).toEqual({ kind: 'head-mismatch', seq: 1 });
  });

  it('reports a head that names a different hash for the same seq', () => {
    const chain = buildChain(5);
    expect(verify(chain, { seq: 5, hash: 'f'.repeat(64) }).problem).toMatchObject({ kind: 'head-mismatch' });
  });

  it('stops at the first problem and ignores what follows', () => {
    const chain = buildChain(10);
    chain[1] = { ...chain[1]!, actor: 'x' };
    chain.splice(7, 1);
    const v = new ChainVerifier();
    expect(v.push(chain[0]!)).toBe(true);
    expect(v.push(chain[1]!)).toBe(false);
    expect(v.push(chain[2]!)).toBe(false);
    expect(v.count).toBe(1);
    expect(v.finish(head(chain))).toEqual({ kind: 'altered', seq: 2 });
  });
});
