import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import { appendAudit } from '../store/audit.repository.ts';
import type { Db } from '../store/db.ts';
import { getNodeIdentity, insertNodeIdentity, type NodeIdentity } from '../store/node.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';

/** The node's own identity is created once, on first start, and never changes. */
export async function ensureNodeIdentity(db: Db, config: Config): Promise<NodeIdentity> {
  const existing = await getNodeIdentity(db.kysely);
  if (existing) return existing;
  const node: NodeIdentity = { id: randomUUID(), stateCode: config.nodeState, name: config.nodeName };
  await inWriteTransaction(db, async (trx) => {
    await insertNodeIdentity(trx, node, new Date().toISOString());
    await appendAudit(trx, { actor: 'system:bootstrap', action: 'node.create', entityType: 'node', entityId: node.id, detail: { state: node.stateCode } });
  });
  return node;
}
