import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import { appendAudit } from '../store/audit.repository.ts';
import type { Db } from '../store/db.ts';
import { getNodeIdentity, insertNodeIdentity, type NodeIdentity } from '../store/node.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { nationalAgencyName, stateName } from '../domain/registry/country-names.ts';
import { CLEAR_MARKING } from '../domain/records/marking.ts';
import { listRecords } from '../store/records.repository.ts';
import type { AppContext } from './context.ts';
import { writeRecord } from './records.service.ts';

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

export const NATIONAL_AGENCY_REF = (stateCode: string) => `${stateCode.toLowerCase()}-national-border`;

/**
 * A node needs in its registry only its own state and a border agency to place its first
 * users in. A seeded scenario provides both; any other state gets them here, once, so a node
 * of a state no scenario knows still starts. Nothing of any other state is created.
 */
export async function ensureOwnRegistry(ctx: AppContext): Promise<{ created: string[] }> {
  const code = ctx.node.stateCode;
  const created: string[] = [];
  const actor = { kind: 'system', name: 'bootstrap' } as const;
  const states = await listRecords(ctx.db.kysely, 'state');
  if (!states.some((s) => s.body.code === code)) {
    await writeRecord(ctx, actor, { type: 'state', body: { code, name: stateName(code) }, marking: CLEAR_MARKING });
    created.push(`state ${code}`);
  }
  const agencies = await listRecords(ctx.db.kysely, 'agency');
  if (!agencies.some((a) => a.body.stateCode === code && a.body.kind === 'border_guard')) {
    await writeRecord(ctx, actor, {
      type: 'agency',
      body: { ref: NATIONAL_AGENCY_REF(code), stateCode: code, kind: 'border_guard', name: nationalAgencyName(code) },
      marking: CLEAR_MARKING,
    });
    created.push(`agency ${NATIONAL_AGENCY_REF(code)}`);
  }
  return { created };
}
