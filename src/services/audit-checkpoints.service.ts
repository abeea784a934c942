import { randomUUID } from 'node:crypto';
import { signCheckpoint, verifyCheckpoint, type CheckpointVerdict, type SignedCheckpoint } from '../domain/audit/checkpoint.ts';
import { nodeSigner } from '../federation/keys.ts';
import { auditHashAt, insertCheckpoint, lastAuditSeq, latestCheckpoints } from '../store/audit-checkpoints.repository.ts';
import { appendAudit, verifyAuditChain, type AuditVerification } from '../store/audit.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';

/**
 * Signs the chain as it stands and stores the checkpoint. Queued read entries are appended
 * first, so the checkpoint covers every read answered so far. The checkpoint's own entry
 * (`audit.checkpoint`) is the head it signs: the chain records when it was vouched for, and
 * an idle node does not checkpoint again and again.
 */
export async function writeCheckpoint(ctx: AppContext, actor: string, now = new Date()): Promise<SignedCheckpoint> {
  await ctx.reads.flush();
  const signer = await nodeSigner(ctx);
  return inWriteTransaction(ctx.db, async (trx) => {
    const head = await appendAudit(trx, { actor, action: 'audit.checkpoint', entityType: 'audit', entityId: null }, now);
    const checkpoint = signCheckpoint({ nodeId: ctx.node.id, seq: head.seq, headHash: head.hash, at: now.toISOString() }, signer.privateKey);
    await insertCheckpoint(trx, randomUUID(), checkpoint);
    return checkpoint;
  });
}

/**
 * The newest signed checkpoint this node has stored: what a peer (or an auditor) keeps a copy
 * of. The federation will carry it to peers in a later issue; until then it is served at
 * GET /api/audit/checkpoints/latest and printed by `sarhad audit checkpoint`.
 */
export async function latestSignedCheckpoint(ctx: AppContext): Promise<SignedCheckpoint | null> {
  return (await latestCheckpoints(ctx.db.kysely, 1))[0] ?? null;
}

/** Does this node's chain (walked as `chain`) still extend `input`? */
export async function checkCheckpoint(ctx: AppContext, input: unknown, chain: AuditVerification): Promise<CheckpointVerdict> {
  const signer = await nodeSigner(ctx);
  const seq = typeof (input as { seq?: unknown })?.seq === 'number' ? (input as { seq: number }).seq : 0;
  return verifyCheckpoint(input, {
    nodeId: ctx.node.id,
    publicKey: signer.publicKeyObject,
    verified: chain.checked,
    problem: chain.problem,
    lastSeq: await lastAuditSeq(ctx.db.kysely),
    hashAtSeq: Number.isSafeInteger(seq) && seq > 0 ? await auditHashAt(ctx.db.kysely, seq) : null,
  });
}

export interface AuditIntegrity {
  chain: AuditVerification;
  /** The stored checkpoints checked (newest first), each with its verdict. */
  checkpoints: CheckpointVerdict[];
  /** Present when a checkpoint file or a peer's copy was given. */
  external: CheckpointVerdict | null;
}

/** How many stored checkpoints `verify` re-checks: the newest pin everything older anyway. */
export const STORED_CHECKPOINTS_CHECKED = 5;

/**
 * The chain walk plus checkpoints: the newest stored ones and, when given, one from outside.
 * Stored checkpoints live in the same database an attacker could edit (they can delete them);
 * a copy kept elsewhere — a file, a peer — is what makes the proof independent.
 */
export async function verifyAuditIntegrity(ctx: AppContext, external?: unknown): Promise<AuditIntegrity> {
  const chain = await verifyAuditChain(ctx.db);
  const checkpoints: CheckpointVerdict[] = [];
  for (const c of await latestCheckpoints(ctx.db.kysely, STORED_CHECKPOINTS_CHECKED)) checkpoints.push(await checkCheckpoint(ctx, c, chain));
  return { chain, checkpoints, external: external === undefined ? null : await checkCheckpoint(ctx, external, chain) };
}
