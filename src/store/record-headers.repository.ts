import type { Kysely } from 'kysely';
import type { RecordKind } from '../domain/records/bodies.ts';
import type { RecordMeta } from '../domain/records/record.ts';
import { metaFromRow } from './records.repository.ts';
import { RECORD_TABLES, type RecordColumns } from './schema.ts';
import type { Executor } from './transaction.ts';

const HEADER_COLUMNS = [
  'id', 'owner_node', 'owner_state', 'owner_agency_id', 'owner_unit_id', 'version', 'marking_json',
  'created_by', 'created_at', 'updated_by', 'updated_at', 'deleted_at',
] as const;

/** Headers only (no body): enough to decide visibility and whether a cached body is current. */
export async function listRecordHeaders(db: Executor, type: RecordKind): Promise<RecordMeta[]> {
  // The table is chosen at run time, which Kysely's typed builder cannot express.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const rows = (await (db as unknown as Kysely<any>)
    .selectFrom(RECORD_TABLES[type])
    .select([...HEADER_COLUMNS])
    .where('deleted_at', 'is', null)
    .execute()) as RecordColumns[];
  return rows.map((row) => metaFromRow(type, row));
}
