import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { signBytes, verifyBytes } from '../federation/envelope.ts';
import { canonicalJson } from '../records/content-hash.ts';
import { GENESIS_HASH, type ChainProblem } from './chain.ts';

/**
 * What a node vouches for about its own audit chain at one moment: "my chain had `seq`
 * entries and the newest one hashed to `headHash`". Signed with the node's Ed25519 key, a
 * copy kept outside the database (a file, a peer) cannot be matched by a chain rewritten
 * afterwards without finding a SHA-256 collision.
 */
export interface Checkpoint {
  nodeId: string;
  seq: number;
  headHash: string;
  at: string;
}

export interface SignedCheckpoint extends Checkpoint {
  /** base64 Ed25519 signature over canonicalJson(checkpoint without `signature`). */
  signature: string;
}

/** Shape check before any crypto: a checkpoint file or a peer's copy is untrusted input. */
export const signedCheckpointSchema = z
  .object({
    nodeId: z.string().min(1).max(64),
    seq: z.number().int().min(0),
    headHash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.iso.datetime(),
    signature: z.string().min(1).max(200),
  })
  .strict();

/** The exact text that is signed, as the envelope code does it: RFC 8785 of every other field. */
export function checkpointSigningText(c: Checkpoint): string {
  return canonicalJson({ nodeId: c.nodeId, seq: c.seq, headHash: c.headHash, at: c.at });
}

export function signCheckpoint(c: Checkpoint, privateKey: KeyObject): SignedCheckpoint {
  const unsigned: Checkpoint = { nodeId: c.nodeId, seq: c.seq, headHash: c.headHash, at: c.at };
  return { ...unsigned, signature: signBytes(checkpointSigningText(unsigned), privateKey) };
}

/** What the chain in the database looks like, as far as a checkpoint needs to know. */
export interface ChainFacts {
  /** This node: only its own checkpoints can be checked against its chain. */
  nodeId: string;
  publicKey: KeyObject;
  /** Entries verified from genesis before the walk stopped (ChainVerifier.count). */
  verified: number;
  /** The walk's first problem, if any. */
  problem: ChainProblem | null;
  /** Highest seq present in the rows (0 for none). */
  lastSeq: number;
  /** Stored hash of the row at the checkpoint's seq, or null when there is no such row. */
  hashAtSeq: string | null;
}

export type CheckpointFailure =
  | 'MALFORMED'
  | 'OTHER_NODE'
  | 'BAD_SIGNATURE'
  | 'CHAIN_SHORTER'
  | 'ENTRY_MISSING'
  | 'HASH_DIFFERS'
  | 'CHAIN_BROKEN';

export type CheckpointVerdict =
  | { ok: true; checkpoint: SignedCheckpoint }
  | { ok: false; reason: CheckpointFailure; detail: string; checkpoint: SignedCheckpoint | null };

/**
 * Does the chain still extend this checkpoint? Yes only when the checkpoint is this node's,
 * its signature holds, the row at its seq exists with exactly its head hash, and every row up
 * to it links from genesis. Because each hash covers the previous one, that pins the whole
 * prefix: deleting, truncating, editing or re-hashing any row up to `seq` changes the answer.
 */
export function verifyCheckpoint(input: unknown, facts: ChainFacts): CheckpointVerdict {
  const parsed = signedCheckpointSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, reason: 'MALFORMED', checkpoint: null, detail: parsed.error.issues.map((i) => `${i.path.join('.') || 'checkpoint'}: ${i.message}`).join('; ') };
  }
  const c = parsed.data;
  const fail = (reason: CheckpointFailure, detail: string): CheckpointVerdict => ({ ok: false, reason, detail, checkpoint: c });
  if (c.nodeId !== facts.nodeId) return fail('OTHER_NODE', `the checkpoint is of node ${c.nodeId}, this node is ${facts.nodeId}`);
  if (!verifyBytes(checkpointSigningText(c), c.signature, facts.publicKey)) {
    return fail('BAD_SIGNATURE', 'the signature does not verify with this node key (the checkpoint or the key was changed)');
  }
  if (facts.hashAtSeq === null && c.seq > 0) {
    return facts.lastSeq < c.seq
      ? fail('CHAIN_SHORTER', `the chain ends at seq ${facts.lastSeq}, the checkpoint vouches for ${c.seq} entries (rows deleted or truncated)`)
      : fail('ENTRY_MISSING', `entry seq ${c.seq} is missing from the chain (the row was deleted)`);
  }
  if ((c.seq > 0 ? facts.hashAtSeq : GENESIS_HASH) !== c.headHash) {
    return fail('HASH_DIFFERS', `entry seq ${c.seq} has another hash than the checkpoint (rows up to it were rewritten or re-hashed)`);
  }
  if (facts.verified < c.seq) {
    const p = facts.problem;
    const at = p ? (p.kind === 'gap' ? p.expectedSeq : p.seq) : facts.verified + 1;
    return fail('CHAIN_BROKEN', `the chain does not verify from genesis up to seq ${c.seq}: first bad entry seq=${at} (${p?.kind ?? 'unverified'})`);
  }
  return { ok: true, checkpoint: c };
}

/** One line a person can act on, for the CLI and the web status. */
export function describeCheckpointFailure(v: Extract<CheckpointVerdict, { ok: false }>): string {
  const which = v.checkpoint ? `checkpoint seq=${v.checkpoint.seq} (${v.checkpoint.at})` : 'checkpoint';
  return `${which} ${v.reason}: ${v.detail}`;
}
