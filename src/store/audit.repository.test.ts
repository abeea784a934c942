import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import type { AppContext } from '../services/context.ts';
import { openNode } from '../services/node.ts';
import { writeRecord } from '../services/records.service.ts';
import { CLEAR_MARKING } from '../domain/records/marking.ts';
import { createPgDatabase, testDialects } from '../server/testing/databases.ts';
import { appendAudit, verifyAuditChain } from './audit.repository.ts';
import type { AuditLogTable } from './schema.ts';
import { inWriteTransaction } from './transaction.ts';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');
const name = (en: string) => ({ en, ru: en, tg: en, fa: en, ps: en });

/** `sarhad audit verify` as a user would run it, against this node's database. */
async function cliVerify(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const base: NodeJS.ProcessEnv = { ...process.env, SARHAD_LOG_LEVEL: 'warn' };
  delete base.DATABASE_URL;
  delete base.SARHAD_DATA_DIR;
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/main.ts', 'audit', 'verify'], { env: { ...base, ...env }, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe.each(await testDialects())('audit chain in the database (%s)', (dialect) => {
  let ctx: AppContext;
  let dataDir: string;
  let pgDb: Awaited<ReturnType<typeof createPgDatabase>> | null = null;
  let pristine: { rows: AuditLogTable[]; head: { id: string; seq: number; hash: string }[] };
  const cliEnv = (): Record<string, string> => (pgDb ? { DATABASE_URL: pgDb.url, SARHAD_DATA_DIR: dataDir } : { SARHAD_DATA_DIR: dataDir });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-audit-'));
    pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
    ctx = await openNode({ ...loadConfig({}), dataDir, databaseUrl: pgDb?.url ?? null }, createLogger('silent'));
    // Real changes through the one write path: node.create + 8 record writes + 2 direct entries.
    const actor = { kind: 'system', name: 'test' } as const;
    const state = await writeRecord(ctx, actor, { type: 'state', body: { code: 'TJ', name: name('Tajikistan') }, marking: CLEAR_MARKING });
    await writeRecord(ctx, actor, { type: 'state', body: { code: 'AF', name: name('Afghanistan') }, marking: CLEAR_MARKING });
    for (let i = 0; i < 5; i++) {
      await writeRecord(ctx, actor, {
        type: 'agency',
        body: { ref: `agency-${i}`, stateCode: 'TJ', kind: 'border_guard', name: name(`Agency ${i}`) },
        marking: CLEAR_MARKING,
      });
    }
    await writeRecord(ctx, actor, { type: 'state', id: state.record.id, body: { code: 'TJ', name: name('Tajikistan (renamed)') }, marking: CLEAR_MARKING });
    await inWriteTransaction(ctx.db, async (trx) => {
      await appendAudit(trx, { actor: 'user-x', action: 'personal_data.read', entityType: 'user', entityId: null, detail: { count: 3 } });
      await appendAudit(trx, { actor: 'user-y', action: 'auth.login', entityType: 'user', entityId: 'user-y' });
    });
    pristine = {
      rows: await ctx.db.kysely.selectFrom('audit_log').selectAll().orderBy('seq').execute(),
      head: await ctx.db.kysely.selectFrom('audit_head').selectAll().execute(),
    };
  });

  afterAll(async () => {
    await ctx?.db.close();
    await pgDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // Every test tampers with its own copy: restore the pristine chain before the next one.
  beforeEach(async () => {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('audit_log').execute();
      await trx.deleteFrom('audit_head').execute();
      await trx.insertInto('audit_log').values(pristine.rows).execute();
      await trx.insertInto('audit_head').values(pristine.head).execute();
    });
  });

  const last = () => pristine.rows.length;
  const rowAt = (seq: number) => ctx.db.kysely.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();

  it('an intact chain of real changes verifies', async () => {
    // Opening the node writes its own entries first (node.create, …); then the 10 changes above.
    expect(pristine.rows[0]!.action).toBe('node.create');
    expect(pristine.rows.slice(-10).map((r) => r.action)).toEqual([
      'record.create', 'record.create', 'record.create', 'record.create', 'record.create',
      'record.create', 'record.create', 'record.update', 'personal_data.read', 'auth.login',
    ]);
    expect(await verifyAuditChain(ctx.db)).toEqual({ ok: true, checked: last(), problem: null });
  });

  it('a changed detail_json is reported as altered at that seq', async () => {
    await sql`update audit_log set detail_json = ${'{"version":99}'} where seq = 5`.execute(ctx.db.kysely);
    const result = await verifyAuditChain(ctx.db);
    expect(result.ok).toBe(false);
    expect(result.problem).toEqual({ kind: 'altered', seq: 5 });
    expect(result.checked).toBe(4);
  });

  it('a changed actor is reported as altered', async () => {
    await sql`update audit_log set actor = ${'someone-else'} where seq = 10`.execute(ctx.db.kysely);
    expect((await verifyAuditChain(ctx.db)).problem).toEqual({ kind: 'altered', seq: 10 });
  });

  it('a deleted middle row is reported as a gap at the missing seq', async () => {
    await sql`delete from audit_log where seq = 6`.execute(ctx.db.kysely);
    expect((await verifyAuditChain(ctx.db)).problem).toEqual({ kind: 'gap', seq: 7, expectedSeq: 6 });
  });

  it('two rows whose content is swapped (seq kept) are detected at the first of them', async () => {
    const a = await rowAt(3);
    const b = await rowAt(4);
    const { seq: _sa, ...restA } = a;
    const { seq: _sb, ...restB } = b;
    await ctx.db.kysely.transaction().execute(async (trx) => {
      // ids are unique: park one first.
      await trx.updateTable('audit_log').set({ id: 'parked' }).where('seq', '=', 3).execute();
      await trx.updateTable('audit_log').set(restA).where('seq', '=', 4).execute();
      await trx.updateTable('audit_log').set(restB).where('seq', '=', 3).execute();
    });
    const result = await verifyAuditChain(ctx.db);
    expect(result.ok).toBe(false);
    expect(result.problem).toEqual({ kind: 'broken-link', seq: 3 });
  });

  it('deleting the last row is caught by the head, naming that seq', async () => {
    await sql`delete from audit_log where seq = ${last()}`.execute(ctx.db.kysely);
    const result = await verifyAuditChain(ctx.db);
    expect(result).toEqual({ ok: false, checked: last() - 1, problem: { kind: 'head-mismatch', seq: last() } });
  });

  it('deleting the newest rows is caught by the head', async () => {
    await sql`delete from audit_log where seq >= 10`.execute(ctx.db.kysely);
    expect((await verifyAuditChain(ctx.db)).problem).toEqual({ kind: 'head-mismatch', seq: 10 });
  });

  it('deleting the newest row and rewinding the head to a fake hash is caught', async () => {
    await sql`delete from audit_log where seq = ${last()}`.execute(ctx.db.kysely);
    await sql`update audit_head set seq = ${last() - 1}, hash = ${'0'.repeat(64)}`.execute(ctx.db.kysely);
    expect((await verifyAuditChain(ctx.db)).problem).toEqual({ kind: 'head-mismatch', seq: last() });
  });

  it('appending after a verified chain keeps it valid', async () => {
    await inWriteTransaction(ctx.db, (trx) => appendAudit(trx, { actor: 'a', action: 'b', entityType: 'c', entityId: null }));
    expect(await verifyAuditChain(ctx.db)).toEqual({ ok: true, checked: last() + 1, problem: null });
  });

  it('`sarhad audit verify` exits 0 on the intact log and 1 naming seq=N on a tampered copy', { timeout: 180_000 }, async () => {
    // A second database holding the same chain, tampered, so both CLI runs can go at once.
    const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-audit-copy-'));
    const copyPg = dialect === 'postgres' ? await createPgDatabase() : null;
    try {
      const copy = await openNode({ ...loadConfig({}), dataDir: copyDir, databaseUrl: copyPg?.url ?? null }, createLogger('silent'));
      await copy.db.kysely.transaction().execute(async (trx) => {
        await trx.deleteFrom('audit_log').execute();
        await trx.deleteFrom('audit_head').execute();
        await trx.insertInto('audit_log').values(pristine.rows).execute();
        await trx.insertInto('audit_head').values(pristine.head).execute();
      });
      await sql`update audit_log set detail_json = ${'{}'} where seq = 5`.execute(copy.db.kysely);
      await copy.db.close();
      const copyEnv: Record<string, string> = copyPg ? { DATABASE_URL: copyPg.url, SARHAD_DATA_DIR: copyDir } : { SARHAD_DATA_DIR: copyDir };

      const [intact, altered] = await Promise.all([cliVerify(cliEnv()), cliVerify(copyEnv)]);
      expect(intact.stderr).not.toMatch(/TAMPERED/);
      expect(intact.code).toBe(0);
      expect(intact.stdout).toContain(`intact: ${last()} entries verified`);
      expect(altered.code).toBe(1);
      expect(altered.stderr).toMatch(/first bad entry seq=5\b/);
    } finally {
      await copyPg?.drop();
      fs.rmSync(copyDir, { recursive: true, force: true });
    }
  });
});
