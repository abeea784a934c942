import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { contentHash } from '../domain/records/content-hash.ts';
import type { Marking } from '../domain/records/marking.ts';
import type { RecordChange, RecordMeta, RecordOwner } from '../domain/records/record.ts';
import type { RecordBodies, RecordKind } from '../domain/records/bodies.ts';
import { AppError } from '../errors.ts';
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
  /** The version the caller read and changes; another current version refuses the write. */
  expectedVersion?: number;
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
  if (existing && existing.owner_node !== input.owner.node) {
    // A read-only copy received from another node: only its owner issues new versions.
    throw new AppError('FORBIDDEN', `${input.type} ${existing.id} is a read-only copy owned by node ${existing.owner_node}; only its owner can change it`);
  }
  // Checked inside the write transaction, so two writers that read the same version cannot both win.
  if (input.expectedVersion !== undefined && existing?.version !== input.expectedVersion) {
    throw new AppError('VERSION_CONFLICT', `${input.type} ${input.id} is at version ${existing?.version ?? 'none'}, not ${input.expectedVersion}: re-read it and apply the change again`, {
      currentVersion: existing?.version ?? null,
    });
  }

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
  // RETURNING gives the row as stored (defaults included) without reading it again afterwards.
  const row = (
    existing
      ? await db.updateTable(table).set({ ...columns, ...header }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
      : await db
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
          .returningAll()
          .executeTakeFirstOrThrow()
  ) as RecordColumns;
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
  return { record: recordFromRow(input.type, row), change: { type: input.type, id, version, op } };
}

export interface SaveReceivedInput<T extends RecordKind> {
  type: T;
  id: string;
  version: number;
  body: RecordBodies[T];
  marking: Marking;
  owner: RecordOwner;
  /** Who it came from, for the audit entry (peer id). */
  peerId: string;
  /**
   * The federation layer decided this envelope is newer than what we hold although its version
   * is equal (the owner re-sent that version later: redacted differently, or released again).
   */
  sameVersion?: boolean;
}

/**
 * Stores a read-only copy of a record owned by another node, as that node versioned it:
 * same id, version, owner and marking; history row and audit entry, but no outbox row
 * (received records are not re-shared). Idempotent by (id, version): an older or equal
 * version writes nothing and returns change null. Call inside a write transaction.
 */
export async function saveReceivedRecord<T extends RecordKind>(trx: Trx, input: SaveReceivedInput<T>, now = new Date()): Promise<SaveResult<T>> {
  const table: string = RECORD_TABLES[input.type];
  const db = untyped(trx);
  const existing = (await db.selectFrom(table).selectAll().where('id', '=', input.id).executeTakeFirst()) as RecordColumns | undefined;
  if (existing && existing.owner_node !== input.owner.node) {
    throw new AppError('CONFLICT', `${input.type} ${input.id} exists here with another owner node`);
  }
  // A copy withdrawn at this very version comes back when the owner sends that version again
  // (e.g. the agreement was widened again); anything else older or equal is a repeat.
  const restoring = existing !== undefined && existing.version === input.version && (existing.deleted_at !== null || input.sameVersion === true);
  if (existing && existing.version >= input.version && !restoring) return { record: recordFromRow(input.type, existing), change: null };

  const at = now.toISOString();
  const actor = `node:${input.owner.node}`;
  const columns = (RECORD_MAPPERS[input.type] as unknown as { toColumns(b: unknown): Record<string, unknown> }).toColumns(input.body);
  const header = { version: input.version, marking_json: JSON.stringify(input.marking), updated_by: actor, updated_at: at, deleted_at: null };
  if (existing) {
    await db.updateTable(table).set({ ...columns, ...header }).where('id', '=', input.id).execute();
  } else {
    await db
      .insertInto(table)
      .values({
        id: input.id,
        owner_node: input.owner.node,
        owner_state: input.owner.state,
        owner_agency_id: input.owner.agencyId,
        owner_unit_id: input.owner.unitId,
        created_by: actor,
        created_at: at,
        ...columns,
        ...header,
      })
      .execute();
  }
  const hash = contentHash(input.body, input.marking);
  const history = { body_json: JSON.stringify(input.body), marking_json: header.marking_json, content_hash: hash, changed_by: actor, changed_at: at };
  await trx
    .insertInto('record_versions')
    .values({ record_id: input.id, version: input.version, type: input.type, ...history })
    // Restoring: the version row may exist already (possibly as a withdrawal's null body).
    .onConflict((oc) => oc.columns(['record_id', 'version']).doUpdateSet(history))
    .execute();
  const op = existing ? 'update' : 'create';
  await appendAudit(
    trx,
    {
      actor: `peer:${input.peerId}`,
      action: 'federation.receive',
      entityType: input.type,
      entityId: input.id,
      detail: { version: input.version, owner: input.owner.node, hash, ...(restoring ? { restored: true } : {}) },
    },
    now,
  );
  const row = (await db.selectFrom(table).selectAll().where('id', '=', input.id).executeTakeFirstOrThrow()) as RecordColumns;
  return { record: recordFromRow(input.type, row), change: { type: input.type, id: input.id, version: input.version, op } };
}

/**
 * The owner withdrew a record from us (signed tombstone): the read-only copy is marked deleted
 * at that version, so it no longer lists, screens or shows. Nothing held → nothing written.
 * Its history keeps a null body for the withdrawn version when that version is new to us.
 */
export async function withdrawReceivedRecord(
  trx: Trx,
  input: { type: RecordKind; id: string; version: number; marking: Marking; owner: RecordOwner; peerId: string },
  now = new Date(),
): Promise<RecordChange | null> {
  // (The federation layer has already ordered it: it is newer than what we applied.)
  const table: string = RECORD_TABLES[input.type];
  const db = untyped(trx);
  const existing = (await db.selectFrom(table).selectAll().where('id', '=', input.id).executeTakeFirst()) as RecordColumns | undefined;
  // A withdrawal at version N removes the copy of any version up to N (the owner may withdraw
  // the very version we hold, e.g. when its agreement with us was narrowed).
  if (!existing || existing.version > input.version || (existing.deleted_at !== null && existing.version === input.version)) return null;
  if (existing.owner_node !== input.owner.node) throw new AppError('CONFLICT', `${input.type} ${input.id} exists here with another owner node`);
  const at = now.toISOString();
  const actor = `node:${input.owner.node}`;
  const marking_json = JSON.stringify(input.marking);
  await db.updateTable(table).set({ version: input.version, marking_json, updated_by: actor, updated_at: at, deleted_at: at }).where('id', '=', input.id).execute();
  if (existing.version < input.version) await trx
    .insertInto('record_versions')
    .values({
      record_id: input.id,
      version: input.version,
      type: input.type,
      body_json: 'null',
      marking_json,
      content_hash: contentHash(null, input.marking),
      changed_by: actor,
      changed_at: at,
    })
    .execute();
  await appendAudit(trx, { actor: `peer:${input.peerId}`, action: 'federation.withdrawn', entityType: input.type, entityId: input.id, detail: { version: input.version, owner: input.owner.node } }, now);
  return { type: input.type, id: input.id, version: input.version, op: 'revoke' };
}

async function enqueueOutbox(
  trx: Trx,
  item: { recordId: string; type: string; version: number; op: string },
  at: string,
): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      // the next number in the same statement (the write lock keeps it gap-free and unraced)
      seq: sql<number>`(select coalesce(max(seq), 0) + 1 from outbox)`,
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

/**
 * Creates many new records of one type at once (seeding a year of data): the same rows as
 * saveRecord — current row, version 1 in the history, an outbox row each — in chunked
 * multi-row inserts, and one audit entry for the batch naming the type, the count and a
 * digest of the ids. Ids that exist already are skipped. Call inside a write transaction.
 */
export async function saveNewRecordsBulk<T extends RecordKind>(
  trx: Trx,
  type: T,
  items: { id: string; body: RecordBodies[T]; marking: Marking }[],
  owner: RecordOwner,
  actor: string,
  now = new Date(),
): Promise<number> {
  const table: string = RECORD_TABLES[type];
  const db = untyped(trx);
  const at = now.toISOString();
  const mapper = RECORD_MAPPERS[type] as unknown as { toColumns(b: unknown): Record<string, unknown> };
  const CHUNK = 100;
  const existing = new Set<string>();
  for (let i = 0; i < items.length; i += 500) {
    const ids = items.slice(i, i + 500).map((x) => x.id);
    for (const r of (await db.selectFrom(table).select('id').where('id', 'in', ids).execute()) as { id: string }[]) existing.add(r.id);
  }
  const fresh = items.filter((x) => !existing.has(x.id));
  if (fresh.length === 0) return 0;
  const last = await trx.selectFrom('outbox').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  let seq = Number(last?.seq ?? 0);
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const chunk = fresh.slice(i, i + CHUNK);
    await db
      .insertInto(table)
      .values(
        chunk.map((x) => ({
          id: x.id,
          owner_node: owner.node,
          owner_state: owner.state,
          owner_agency_id: owner.agencyId,
          owner_unit_id: owner.unitId,
          created_by: actor,
          created_at: at,
          ...mapper.toColumns(x.body),
          version: 1,
          marking_json: JSON.stringify(x.marking),
          updated_by: actor,
          updated_at: at,
          deleted_at: null,
        })),
      )
      .execute();
    await trx
      .insertInto('record_versions')
      .values(chunk.map((x) => ({ record_id: x.id, version: 1, type, body_json: JSON.stringify(x.body), marking_json: JSON.stringify(x.marking), content_hash: contentHash(x.body, x.marking), changed_by: actor, changed_at: at })))
      .execute();
    await trx
      .insertInto('outbox')
      .values(chunk.map((x) => ({ seq: ++seq, id: randomUUID(), record_id: x.id, type, version: 1, op: 'create', created_at: at, sent_at: null })))
      .execute();
  }
  const digest = createHash('sha256').update(fresh.map((x) => x.id).join('\n')).digest('hex');
  await appendAudit(trx, { actor, action: 'record.bulk_create', entityType: type, entityId: null, detail: { count: fresh.length, version: 1, idsSha256: digest } }, now);
  return fresh.length;
}
