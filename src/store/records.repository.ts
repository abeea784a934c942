import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { contentHash } from '../domain/records/content-hash.ts';
import type { Marking } from '../domain/records/marking.ts';
import type { RecordChange, RecordMeta, RecordOwner } from '../domain/records/record.ts';
import type { RecordBodies, RecordKind } from '../domain/records/bodies.ts';
import { appendAudit } from './audit.repository.ts';
import { RECORD_MAPPERS } from './record-mappers.ts';
import { RECORD_TABLES, type RecordColumns } from './schema.ts';
import type { Executor, Trx } from './transaction.ts';

export interface SaveRecordInput<T extends RecordKind> {
  type: T;
  /** Omit to create; app-generated UUIDs keep ids identical across SQLite and PostgreSQL. */
  id?: string;
  body: RecordBodies[T];
  marking: Marking;
  owner: RecordOwner;
  actor: string;
}

export interface SavedRecord<T extends RecordKind> extends RecordMeta {
  body: RecordBodies[T];
}

export interface SaveResult<T extends RecordKind> {
  record: SavedRecord<T>;
  /** null when the content did not change and no version was written. */
  change: RecordChange | null;
}

// Dynamic table access: the mapper gives the typed columns, this file only adds the header.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
const untyped = (db: Executor) => db as unknown as AnyDb;

export function metaFromRow(type: string, row: RecordColumns): RecordMeta {
  return {
    id: row.id,
    type,
    version: row.version,
    owner: { node: row.owner_node, state: row.owner_state, agencyId: row.owner_agency_id, unitId: row.owner_unit_id },
    marking: JSON.parse(row.marking_json) as Marking,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

export function recordFromRow<T extends RecordKind>(type: T, row: RecordColumns): SavedRecord<T> {
  const mapper = RECORD_MAPPERS[type] as unknown as { fromRow(r: unknown): RecordBodies[T] };
  return { ...metaFromRow(type, row), body: mapper.fromRow(row) };
}

/**
 * The one generic write path for shareable records: current row, version history, outbox
 * row and audit entry, all in the caller's write transaction. Unchanged content writes nothing.
 */
export async function saveRecord<T extends RecordKind>(
  trx: Trx,
  input: SaveRecordInput<T>,
  now = new Date(),
): Promise<SaveResult<T>> {
  const table: string = RECORD_TABLES[input.type];
  const db = untyped(trx);
  const existing = input.id
    ? ((await db.selectFrom(table).selectAll().where('id', '=', input.id).executeTakeFirst()) as
        | RecordColumns
        | undefined)
    : undefined;
  const hash = contentHash(input.body, input.marking);

  if (existing && existing.deleted_at === null) {
    const current = await trx
      .selectFrom('record_versions')
      .select('content_hash')
      .where('record_id', '=', existing.id)
      .where('version', '=', existing.version)
      .executeTakeFirst();
    if (current?.content_hash === hash) return { record: recordFromRow(input.type, existing), change: null };
  }

  const at = now.toISOString();
  const id = existing?.id ?? input.id ?? randomUUID();
  const version = (existing?.version ?? 0) + 1;
  const columns = (RECORD_MAPPERS[input.type] as unknown as { toColumns(b: unknown): Record<string, unknown> }).toColumns(
    input.body,
  );
  const header = {
    version,
    marking_json: JSON.stringify(input.marking),
    updated_by: input.actor,
    updated_at: at,
    deleted_at: null,
  };
  if (existing) {
    await db.updateTable(table).set({ ...columns, ...header }).where('id', '=', id).execute();
  } else {
    await db
      .insertInto(table)
      .values({
        id,
        owner_node: input.owner.node,
        owner_state: input.owner.state,
        owner_agency_id: input.owner.agencyId,
        owner_unit_id: input.owner.unitId,
        created_by: input.actor,
        created_at: at,
        ...columns,
        ...header,
      })
      .execute();
  }
  await trx
    .insertInto('record_versions')
    .values({
      record_id: id,
      version,
      type: input.type,
      body_json: JSON.stringify(input.body),
      marking_json: header.marking_json,
      content_hash: hash,
      changed_by: input.actor,
      changed_at: at,
    })
    .execute();
  const op = existing ? 'update' : 'create';
  await enqueueOutbox(trx, { recordId: id, type: input.type, version, op }, at);
  await appendAudit(
    trx,
    { actor: input.actor, action: `record.${op}`, entityType: input.type, entityId: id, detail: { version, hash } },
    now,
  );
  const row = (await db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as RecordColumns;
  return { record: recordFromRow(input.type, row), change: { type: input.type, id, version, op } };
}

async function enqueueOutbox(
  trx: Trx,
  item: { recordId: string; type: string; version: number; op: string },
  at: string,
): Promise<void> {
  const last = await trx.selectFrom('outbox').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  await trx
    .insertInto('outbox')
    .values({
      seq: Number(last?.seq ?? 0) + 1,
      id: randomUUID(),
      record_id: item.recordId,
      type: item.type,
      version: item.version,
      op: item.op,
      created_at: at,
      sent_at: null,
    })
    .execute();
}

export async function findRecord<T extends RecordKind>(db: Executor, type: T, id: string) {
  const row = (await untyped(db)
    .selectFrom(RECORD_TABLES[type])
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()) as RecordColumns | undefined;
  return row ? recordFromRow(type, row) : null;
}

export async function listRecords<T extends RecordKind>(
  db: Executor,
  type: T,
  filter: Record<string, string | number> = {},
): Promise<SavedRecord<T>[]> {
  let q = untyped(db).selectFrom(RECORD_TABLES[type]).selectAll().where('deleted_at', 'is', null);
  for (const [column, value] of Object.entries(filter)) q = q.where(column, '=', value);
  const rows = (await q.orderBy('id').execute()) as RecordColumns[];
  return rows.map((row) => recordFromRow(type, row));
}

export async function recordHistory(db: Executor, id: string) {
  return db.selectFrom('record_versions').selectAll().where('record_id', '=', id).orderBy('version').execute();
}

export async function outboxCount(db: Executor): Promise<number> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** ref → id for records created from scenario data, so seeding again finds them. */
export async function idsByRef(db: Executor, type: Exclude<RecordKind, 'state'>): Promise<Map<string, string>> {
  const rows = (await untyped(db).selectFrom(RECORD_TABLES[type]).select(['id', 'ref']).execute()) as {
    id: string;
    ref: string | null;
  }[];
  return new Map(rows.filter((r) => r.ref !== null).map((r) => [r.ref!, r.id]));
}

export async function stateIdsByCode(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('states').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}
