import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { contentHash } from '../domain/records/content-hash.ts';
import type { Marking } from '../domain/records/marking.ts';
import type { RecordChange, RecordMeta, RecordOwner } from '../domain/records/record.ts';
import type { RecordKind } from '../domain/records/bodies.ts';
import { AppError } from '../errors.ts';
import { appendAudit } from './audit.repository.ts';
import { metaFromRow, type SaveReceivedInput } from './records.repository.ts';
import { RECORD_MAPPERS } from './record-mappers.ts';
import { RECORD_TABLES, type RecordColumns } from './schema.ts';
import type { Trx } from './transaction.ts';

/**
 * A page of received envelopes applied with a handful of statements instead of ~10 per record:
 * the current rows are read in one query per type, every decision is taken in memory in page
 * order (the same rules as saveReceivedRecord / withdrawReceivedRecord), then new rows go in as
 * multi-row inserts, history rows as one upsert per chunk, and the audit gets one entry per
 * action for the page naming the count and the sha256 of its "id@version" lines (the ids
 * themselves are kept, with the signed envelopes, in received_envelopes). Call inside the
 * page's write transaction; an AppError for one item refuses that item only.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export interface WithdrawReceivedInput {
  type: RecordKind;
  id: string;
  version: number;
  marking: Marking;
  owner: RecordOwner;
  peerId: string;
}

export type ReceivedOp = { op: 'save'; input: SaveReceivedInput<RecordKind> } | { op: 'withdraw'; input: WithdrawReceivedInput };
export type ReceivedResult = { ok: true; change: RecordChange | null; meta: RecordMeta | null } | { ok: false; error: AppError };

const CHUNK = 100;
type Row = RecordColumns & Record<string, unknown>;

/** sha256 of the sorted "id@version" lines of a batch: what one audit entry for the batch covers (order-free, so anyone holding the ids can check it). */
export function batchDigest(items: { id: string; version: number }[]): string {
  return createHash('sha256').update(items.map((i) => `${i.id}@${i.version}`).sort().join('\n')).digest('hex');
}

export async function applyReceivedBatch(trx: Trx, peerId: string, ops: ReceivedOp[], now = new Date()): Promise<ReceivedResult[]> {
  const db = trx as unknown as AnyDb;
  const at = now.toISOString();
  // 1. Current rows, one query per type and chunk.
  const rows = new Map<string, Row | undefined>();
  const key = (type: string, id: string) => `${type}\u0000${id}`;
  const idsByType = new Map<RecordKind, Set<string>>();
  for (const o of ops) idsByType.set(o.input.type, (idsByType.get(o.input.type) ?? new Set()).add(o.input.id));
  for (const [type, set] of idsByType) {
    const ids = [...set];
    for (let i = 0; i < ids.length; i += 500) {
      const found = (await db.selectFrom(RECORD_TABLES[type]).selectAll().where('id', 'in', ids.slice(i, i + 500)).execute()) as Row[];
      for (const r of found) rows.set(key(type, r.id), r);
    }
  }
  // 2. Decisions in page order, against the rows as they stand after the earlier items.
  const inserts = new Map<string, { type: RecordKind; row: Row }>();
  const updates = new Map<string, { type: RecordKind; id: string; set: Record<string, unknown> }>();
  const versionUpserts = new Map<string, Record<string, unknown>>();
  const versionInserts = new Map<string, Record<string, unknown>>();
  const audited = { receive: [] as { id: string; version: number; type: string; restored: boolean }[], withdrawn: [] as { id: string; version: number; type: string }[] };
  const results: ReceivedResult[] = [];
  for (const o of ops) {
    const { type, id, version, owner } = o.input;
    const k = key(type, id);
    const existing = rows.get(k);
    if (existing && existing.owner_node !== owner.node) {
      results.push({ ok: false, error: new AppError('CONFLICT', `${type} ${id} exists here with another owner node`) });
      continue;
    }
    const actor = `node:${owner.node}`;
    const marking_json = JSON.stringify(o.input.marking);
    const write = (set: Record<string, unknown>) => {
      const pending = inserts.get(k);
      if (pending) Object.assign(pending.row, set);
      else if (existing) {
        const u = updates.get(k) ?? { type, id, set: {} };
        Object.assign(u.set, set);
        updates.set(k, u);
      }
    };
    if (o.op === 'save') {
      const input = o.input;
      const restoring = existing !== undefined && existing.version === version && (existing.deleted_at !== null || input.sameVersion === true);
      if (existing && existing.version >= version && !restoring) {
        results.push({ ok: true, change: null, meta: metaFromRow(type, existing) });
        continue;
      }
      const columns = (RECORD_MAPPERS[type] as unknown as { toColumns(b: unknown): Record<string, unknown> }).toColumns(input.body);
      const header = { version, marking_json, updated_by: actor, updated_at: at, deleted_at: null };
      let row: Row;
      if (existing) {
        write({ ...columns, ...header });
        row = { ...existing, ...columns, ...header } as Row;
      } else {
        row = { id, owner_node: owner.node, owner_state: owner.state, owner_agency_id: owner.agencyId, owner_unit_id: owner.unitId, created_by: actor, created_at: at, ...columns, ...header } as Row;
        inserts.set(k, { type, row });
      }
      rows.set(k, row);
      const hash = contentHash(input.body, input.marking);
      versionInserts.delete(`${id}@${version}`);
      versionUpserts.set(`${id}@${version}`, { record_id: id, version, type, body_json: JSON.stringify(input.body), marking_json, content_hash: hash, changed_by: actor, changed_at: at });
      audited.receive.push({ id, version, type, restored: restoring });
      results.push({ ok: true, change: { type, id, version, op: existing ? 'update' : 'create' }, meta: metaFromRow(type, row) });
    } else {
      // A withdrawal at version N removes the copy of any version up to N.
      if (!existing || existing.version > version || (existing.deleted_at !== null && existing.version === version)) {
        results.push({ ok: true, change: null, meta: null });
        continue;
      }
      const set = { version, marking_json, updated_by: actor, updated_at: at, deleted_at: at };
      write(set);
      rows.set(k, { ...existing, ...set } as Row);
      if (existing.version < version && !versionUpserts.has(`${id}@${version}`)) {
        versionInserts.set(`${id}@${version}`, { record_id: id, version, type, body_json: 'null', marking_json, content_hash: contentHash(null, o.input.marking), changed_by: actor, changed_at: at });
      }
      audited.withdrawn.push({ id, version, type });
      results.push({ ok: true, change: { type, id, version, op: 'revoke' }, meta: null });
    }
  }
  // 3. Writes.
  const insertsByType = new Map<RecordKind, Row[]>();
  for (const { type, row } of inserts.values()) insertsByType.set(type, [...(insertsByType.get(type) ?? []), row]);
  for (const [type, list] of insertsByType) {
    for (let i = 0; i < list.length; i += CHUNK) await db.insertInto(RECORD_TABLES[type]).values(list.slice(i, i + CHUNK)).execute();
  }
  for (const u of updates.values()) await db.updateTable(RECORD_TABLES[u.type]).set(u.set).where('id', '=', u.id).execute();
  const ups = [...versionUpserts.values()];
  for (let i = 0; i < ups.length; i += CHUNK) {
    await trx
      .insertInto('record_versions')
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .values(ups.slice(i, i + CHUNK) as any)
      // Restoring: the version row may exist already (possibly as a withdrawal's null body).
      .onConflict((oc) =>
        oc.columns(['record_id', 'version']).doUpdateSet((eb) => ({
          body_json: eb.ref('excluded.body_json'),
          marking_json: eb.ref('excluded.marking_json'),
          content_hash: eb.ref('excluded.content_hash'),
          changed_by: eb.ref('excluded.changed_by'),
          changed_at: eb.ref('excluded.changed_at'),
        })),
      )
      .execute();
  }
  const ins = [...versionInserts.values()];
  for (let i = 0; i < ins.length; i += CHUNK) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await trx.insertInto('record_versions').values(ins.slice(i, i + CHUNK) as any).onConflict((oc) => oc.columns(['record_id', 'version']).doNothing()).execute();
  }
  // Received changes enter the outbox too: that is how a relay re-evaluates what it passes on
  // (onward sharing), and how the owner's withdrawals and revocations follow the same path.
  const changed = [...audited.receive.map((r) => ({ ...r, op: 'receive' })), ...audited.withdrawn.map((r) => ({ ...r, op: 'withdrawn' }))];
  if (changed.length) {
    const last = await trx.selectFrom('outbox').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    let seq = Number(last?.seq ?? 0);
    for (let i = 0; i < changed.length; i += CHUNK) {
      await trx
        .insertInto('outbox')
        .values(changed.slice(i, i + CHUNK).map((c) => ({ seq: ++seq, id: randomUUID(), record_id: c.id, type: c.type, version: c.version, op: c.op, created_at: at, sent_at: null })))
        .execute();
    }
  }
  const actor = `peer:${peerId}`;
  const entry = (list: { id: string; version: number; type: string }[]) => {
    const types = [...new Set(list.map((l) => l.type))];
    return {
      entityType: types.length === 1 ? types[0]! : 'records',
      entityId: list.length === 1 ? list[0]!.id : null,
      detail: { peer: peerId, count: list.length, ...(list.length === 1 ? { version: list[0]!.version } : {}), idsSha256: batchDigest(list) },
    };
  };
  if (audited.receive.length) {
    const restored = audited.receive.filter((r) => r.restored).length;
    const e = entry(audited.receive);
    await appendAudit(trx, { actor, action: 'federation.receive', ...e, detail: { ...e.detail, ...(restored ? { restored } : {}) } }, now);
  }
  if (audited.withdrawn.length) await appendAudit(trx, { actor, action: 'federation.withdrawn', ...entry(audited.withdrawn) }, now);
  return results;
}
