import type { KeyObject } from 'node:crypto';
import { generateNodeKeyPair, privateKeyFromPem, publicKeyFromBase64 } from '../domain/federation/envelope.ts';
import type { AppContext } from '../services/context.ts';
import { appendAudit } from '../store/audit.repository.ts';
import type { Db } from '../store/db.ts';
import { getNodeKeys, insertNodeKeys } from '../store/federation.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';

export interface NodeSigner {
  nodeId: string;
  /** base64 raw 32-byte Ed25519 public key. */
  publicKey: string;
  publicKeyObject: KeyObject;
  privateKey: KeyObject;
}

/**
 * The node's Ed25519 key pair, created once on first start (in the same database as its
 * identity). Returns the public key only; the private key is read when signing.
 */
export async function ensureNodeKeys(db: Db, nodeId: string): Promise<string> {
  const existing = await getNodeKeys(db.kysely, nodeId);
  if (existing) return existing.publicKey;
  return inWriteTransaction(db, async (trx) => {
    const again = await getNodeKeys(trx, nodeId);
    if (again) return again.publicKey;
    const pair = generateNodeKeyPair();
    await insertNodeKeys(trx, { nodeId, ...pair }, new Date().toISOString());
    await appendAudit(trx, { actor: 'system:bootstrap', action: 'node.keys_create', entityType: 'node', entityId: nodeId, detail: { publicKey: pair.publicKey } });
    return pair.publicKey;
  });
}

const signers = new WeakMap<AppContext, { signer: Promise<NodeSigner>; checkedAt: number }>();
/** How often a running node looks for a key rotated by another process (`sarhad keys rotate`). */
const RECHECK_MS = 2000;

async function loadSigner(ctx: AppContext): Promise<NodeSigner> {
  await ensureNodeKeys(ctx.db, ctx.node.id);
  const keys = (await getNodeKeys(ctx.db.kysely, ctx.node.id))!;
  return { nodeId: ctx.node.id, publicKey: keys.publicKey, publicKeyObject: publicKeyFromBase64(keys.publicKey), privateKey: privateKeyFromPem(keys.privateKeyPem) };
}

/**
 * The node's signing key, loaded once per context (created if the node predates federation).
 * Every couple of seconds the stored public key is compared again, so a server picks up a key
 * rotated from the CLI without a restart (peers accept the old key for the overlap meanwhile).
 */
export function nodeSigner(ctx: AppContext): Promise<NodeSigner> {
  const entry = signers.get(ctx);
  if (entry && Date.now() - entry.checkedAt < RECHECK_MS) return entry.signer;
  const signer = entry
    ? entry.signer.then(async (s) => ((await getNodeKeys(ctx.db.kysely, ctx.node.id))?.publicKey === s.publicKey ? s : loadSigner(ctx)))
    : loadSigner(ctx);
  signer.catch(() => signers.delete(ctx));
  signers.set(ctx, { signer, checkedAt: Date.now() });
  return signer;
}

/** After a key rotation: the next signature loads the new key. */
export function forgetSigner(ctx: AppContext): void {
  signers.delete(ctx);
}
