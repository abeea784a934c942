import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPgDatabase, testDialects } from '../../server/testing/databases.ts';
import { openDb, type Db } from '../db.ts';
import { migrateTo, migrateToLatest } from '../migrate.ts';

describe.each(await testDialects())('migration 0007 on screenings made before it (%s)', (dialect) => {
  let db: Db | null = null;
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await db?.close();
    await cleanup?.();
  });

  it('clears the travellers\' names and birth dates, and drops the node-wide decisions', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-m7-'));
    const pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
    cleanup = async () => {
      await pgDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    db = openDb({ dataDir, databaseUrl: pgDb?.url ?? null });
    await migrateTo(db, '0003_federation');
    // Rows as the code before 0007 wrote them (schema types are the new ones, hence `any`).
    const old = db.kysely as any;
    await old.insertInto('screenings').values({ id: 's1', at: '2026-01-01T00:00:00.000Z', user_id: 'u1', unit_id: null, query_json: JSON.stringify({ name: 'Farrukh Sharipov', birthDate: '1990-01-01' }), person_key: 'abc', hit_count: 1 }).execute();
    const explanation = { matchedName: 'Фаррух Шарипов', parts: [{ query: 'farrukh', entry: 'Фаррух', how: 'translit', similarity: 1, weight: 1 }], adjustments: [] };
    await old.insertInto('screening_hits').values({ screening_id: 's1', alert_id: 'a1', score: 0.9, explanation_json: JSON.stringify(explanation), decision: 'false_positive', decided_by: 'u1', decided_at: '2026-01-01T00:00:00.000Z' }).execute();
    await old.insertInto('false_positives').values({ alert_id: 'a1', person_key: 'abc', decided_by: 'u1', decided_at: '2026-01-01T00:00:00.000Z' }).execute();

    await migrateToLatest(db);

    const rows = JSON.stringify([await db.kysely.selectFrom('screenings').selectAll().execute(), await db.kysely.selectFrom('screening_hits').selectAll().execute()]);
    expect(rows).not.toMatch(/farrukh|sharipov|1990-01-01/i);
    const hit = await db.kysely.selectFrom('screening_hits').selectAll().executeTakeFirstOrThrow();
    expect(hit).toMatchObject({ decision: 'false_positive', false_positive_id: null });
    expect(JSON.parse(hit.explanation_json).parts).toEqual([{ query: null, entry: 'Фаррух', how: 'translit', similarity: 1, weight: 1 }]);
    const screening = await db.kysely.selectFrom('screenings').selectAll().executeTakeFirstOrThrow();
    expect(screening).toMatchObject({ key_birth: null, key_document: null, hit_count: 1, suppressed_count: 0 });
    expect(await db.kysely.selectFrom('false_positives').selectAll().execute()).toEqual([]);
  });
});
