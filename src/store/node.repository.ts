import type { Executor } from './transaction.ts';

export interface NodeIdentity {
  id: string;
  stateCode: string;
  name: string;
}

export async function getNodeIdentity(db: Executor): Promise<NodeIdentity | null> {
  const r = await db.selectFrom('node_info').selectAll().executeTakeFirst();
  return r ? { id: r.id, stateCode: r.state_code, name: r.name } : null;
}

export async function insertNodeIdentity(db: Executor, n: NodeIdentity, at: string): Promise<void> {
  await db.insertInto('node_info').values({ id: n.id, state_code: n.stateCode, name: n.name, created_at: at }).execute();
}
