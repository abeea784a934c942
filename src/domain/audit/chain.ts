import { canonicalJson, sha256Hex } from '../records/content-hash.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** One audit entry as it is hashed: everything but its own hash. */
export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  detail: Record<string, unknown>;
  prevHash: string;
}

export interface StoredAuditEntry extends AuditEntry {
  hash: string;
}

/** Hashes exactly the AuditEntry fields, so a stored entry (which also carries its hash) hashes the same. */
export function hashAuditEntry(entry: AuditEntry): string {
  const { seq, id, at, actor, action, entityType, entityId, detail, prevHash } = entry;
  return sha256Hex(canonicalJson({ seq, id, at, actor, action, entityType, entityId, detail, prevHash }));
}

export type ChainProblem =
  | { kind: 'gap'; seq: number; expectedSeq: number }
  | { kind: 'broken-link'; seq: number }
  | { kind: 'altered'; seq: number }
  | { kind: 'head-mismatch'; seq: number };

/**
 * Walks entries in seq order and reports the first problem: a missing seq (row removed),
 * a prev-hash that does not link (reordered or removed), a hash that does not match the
 * content (altered). Feed it in order; it keeps O(1) state.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  problem: ChainProblem | null = null;
  count = 0;

  push(entry: StoredAuditEntry): boolean {
    if (this.problem) return false;
    if (entry.seq !== this.expectedSeq) {
      this.problem = { kind: 'gap', seq: entry.seq, expectedSeq: this.expectedSeq };
    } else if (entry.prevHash !== this.prevHash) {
      this.problem = { kind: 'broken-link', seq: entry.seq };
    } else if (hashAuditEntry(entry) !== entry.hash) {
      this.problem = { kind: 'altered', seq: entry.seq };
    }
    if (this.problem) return false;
    this.expectedSeq += 1;
    this.prevHash = entry.hash;
    this.count += 1;
    return true;
  }

  /** The head row records the last seq and hash, so removing the newest rows is caught too. */
  finish(head: { seq: number; hash: string } | null): ChainProblem | null {
    if (this.problem) return this.problem;
    const lastSeq = this.expectedSeq - 1;
    const headSeq = head?.seq ?? 0;
    const headHash = head?.hash ?? GENESIS_HASH;
    if (headSeq !== lastSeq || headHash !== this.prevHash) {
      this.problem = { kind: 'head-mismatch', seq: Math.min(headSeq, lastSeq) + 1 };
    }
    return this.problem;
  }
}
