import type { Executor } from './transaction.ts';

export async function getNodeSecret(db: Executor, nodeId: string, purpose: string): Promise<Buffer | null> {
  const r = await db.selectFrom('node_secrets').select('secret').where('node_id', '=', nodeId).where('purpose', '=', purpose).executeTakeFirst();
  return r ? Buffer.from(r.secret, 'base64') : null;
}

export async function insertNodeSecret(db: Executor, nodeId: string, purpose: string, secret: Buffer, at: string): Promise<void> {
  await db.insertInto('node_secrets').values({ node_id: nodeId, purpose, secret: secret.toString('base64'), created_at: at }).execute();
}
