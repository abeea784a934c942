import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { GENESIS_HASH, hashAuditEntry, type AuditEntry } from '../domain/audit/chain.ts';
import type { SignedCheckpoint } from '../domain/audit/checkpoint.ts';
import { createLogger } from '../logger.ts';
import { verifyAuditIntegrity, writeCheckpoint } from '../services/audit-checkpoints.service.ts';
import type { AppContext } from '../services/context.ts';
import { openNode } from '../services/node.ts';
import { createPgDatabase, testDialects } from '../server/testing/databases.ts';
import { appendAudit, verifyAuditChain } from './audit.repository.ts';
import type { AuditCheckpointsTable, AuditLogTable } from './schema.ts';
import { inWriteTransaction } from './transaction.ts';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const base: NodeJS.ProcessEnv = { ...process.env, SARHAD_LOG_LEVEL: 'warn' };
  delete base.DATABASE_URL;
  delete base.SARHAD_DATA_DIR;
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/main.ts', ...args], { env: { ...base, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const toEntry = (r: AuditLogTable): AuditEntry => ({
  seq: r.seq, id: r.id, at: r.at, actor: r.actor, action: r.action, entityType: r.entity_type,
  entityId: r.entity_id, detail: JSON.parse(r.detail_json) as Record<string, unknown>, prevHash: r.prev_hash,
});

/** What an attacker with write access to the database does to cover a change: re-link and re-hash every row. */
function rechain(entries: Omit<AuditEntry, 'seq' | 'prevHash'>[]): AuditLogTable[] {
  let prevHash = GENESIS_HASH;
  return entries.map((e, i) => {
    const entry: AuditEntry = { ...e, seq: i + 1, prevHash };
    const hash = hashAuditEntry(entry);
    prevHash = hash;
    return {
      seq: entry.seq, id: entry.id, at: entry.at, actor: entry.actor, action: entry.action, entity_type: entry.entityType,
      entity_id: entry.entityId, detail_json: JSON.stringify(entry.detail), prev_hash: entry.prevHash, hash,
    };
  });
}

type Tampering = { name: string; expect: string; apply(rows: AuditLogTable[]): AuditLogTable[] };

/**
 * Rewrites the whole log the way an attacker without the node's key can, keeping it
 * internally consistent (rows re-hashed, head moved), and deleting the stored checkpoints too.
 * Each of these passed `sarhad audit verify` before checkpoints existed.
 */
const TAMPERINGS = (cpSeq: number): Tampering[] => [
  { name: 'delete every row and the head', expect: 'CHAIN_SHORTER', apply: () => [] },
  { name: 'truncate the tail and move the head', expect: 'CHAIN_SHORTER', apply: (rows) => rows.slice(0, cpSeq - 3) },
  {
    name: 'edit a row and re-hash everything after it',
    expect: 'HASH_DIFFERS',
    apply: (rows) => rechain(rows.map(toEntry).map((e) => (e.seq === cpSeq - 4 ? { ...e, actor: 'someone-else' } : e))),
  },
  {
    name: 'delete a middle row, renumber and re-hash',
    expect: 'HASH_DIFFERS',
    apply: (rows) => rechain(rows.map(toEntry).filter((e) => e.seq !== 5)),
  },
  {
    name: 'insert a forged row in the middle, renumber and re-hash',
    expect: 'HASH_DIFFERS',
    apply: (rows) => {
      const entries = rows.map(toEntry);
      const forged = { ...entries[3]!, id: '00000000-0000-4000-8000-00000000f0f0', action: 'user.create', detail: { roles: ['administrator'] } };
      return rechain([...entries.slice(0, 4), forged, ...entries.slice(4)]);
    },
  },
  {
    name: 'truncate below the checkpoint, then grow a forged tail past it',
    expect: 'HASH_DIFFERS',
    apply: (rows) => {
      const kept = rows.map(toEntry).slice(0, cpSeq - 2);
      const filler = Array.from({ length: 10 }, (_, i) => ({ ...kept.at(-1)!, id: `00000000-0000-4000-8000-0000000a${String(i).padStart(4, '0')}`, action: 'auth.login' }));
      return rechain([...kept, ...filler]);
    },
  },
  {
    name: 'replace the whole log with a fresh chain of the same length',
    expect: 'HASH_DIFFERS',
    apply: (rows) => rechain(rows.map(toEntry).map((e) => ({ ...e, at: new Date(Date.parse(e.at) + 1000).toISOString() }))),
  },
];

describe.each(await testDialects())('signed audit checkpoints (%s)', (dialect) => {
  let ctx: AppContext;
  let dataDir: string;
  let pgDb: Awaited<ReturnType<typeof createPgDatabase>> | null = null;
  let checkpoint: SignedCheckpoint;
  let pristine: { rows: AuditLogTable[]; head: { id: string; seq: number; hash: string }[]; checkpoints: AuditCheckpointsTable[] };
  const env = (): Record<string, string> => (pgDb ? { DATABASE_URL: pgDb.url, SARHAD_DATA_DIR: dataDir } : { SARHAD_DATA_DIR: dataDir });

  const append = (n: number, action: string) =>
    inWriteTransaction(ctx.db, async (trx) => {
      for (let i = 0; i < n; i++) await appendAudit(trx, { actor: `user-${i % 3}`, action, entityType: 'alert', entityId: `alert-${i}`, detail: { version: i + 1 } });
    });

  /** Overwrites the log, the head and the stored checkpoints at once. */
  async function install(rows: AuditLogTable[], head: { id: string; seq: number; hash: string }[], checkpoints: AuditCheckpointsTable[]) {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('audit_log').execute();
      await trx.deleteFrom('audit_head').execute();
      await trx.deleteFrom('audit_checkpoints').execute();
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto('audit_log').values(rows.slice(i, i + 200)).execute();
      if (head.length) await trx.insertInto('audit_head').values(head).execute();
      if (checkpoints.length) await trx.insertInto('audit_checkpoints').values(checkpoints).execute();
    });
  }
  const tamper = (t: Tampering) => {
    const rows = t.apply(pristine.rows);
    const last = rows.at(-1);
    return install(rows, last ? [{ id: 'head', seq: last.seq, hash: last.hash }] : [], []);
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-checkpoint-'));
    pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
    ctx = await openNode({ ...loadConfig({}), dataDir, databaseUrl: pgDb?.url ?? null }, createLogger('silent'));
    await append(20, 'record.create');
    checkpoint = await writeCheckpoint(ctx, 'system:test');
    await append(8, 'record.update');
    pristine = {
      rows: await ctx.db.kysely.selectFrom('audit_log').selectAll().orderBy('seq').execute(),
      head: await ctx.db.kysely.selectFrom('audit_head').selectAll().execute(),
      checkpoints: await ctx.db.kysely.selectFrom('audit_checkpoints').selectAll().execute(),
    };
  });

  afterAll(async () => {
    await ctx?.db.close();
    await pgDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => install(pristine.rows, pristine.head, pristine.checkpoints));

  it('a checkpoint signs the head as it stands, including its own audit.checkpoint entry, and is stored', async () => {
    const entry = pristine.rows.find((r) => r.seq === checkpoint.seq)!;
    expect(entry.action).toBe('audit.checkpoint');
    expect(checkpoint).toMatchObject({ nodeId: ctx.node.id, headHash: entry.hash });
    expect(pristine.checkpoints).toHaveLength(1);
    expect(pristine.checkpoints[0]).toMatchObject({ seq: checkpoint.seq, head_hash: checkpoint.headHash, signature: checkpoint.signature });
  });

  it('the intact chain, grown since, extends the stored and the outside checkpoint', async () => {
    const result = await verifyAuditIntegrity(ctx, JSON.parse(JSON.stringify(checkpoint)));
    expect(result.chain.ok).toBe(true);
    expect(result.checkpoints.map((v) => v.ok)).toEqual([true]);
    expect(result.external).toMatchObject({ ok: true });
  });

  it.each(TAMPERINGS(21).map((t) => [t.name, t] as const))('%s: the chain walk alone says intact; the checkpoint catches it', async (_name, t) => {
    await tamper(t);
    // The attack is self-consistent: the hash chain by itself cannot tell.
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
    const result = await verifyAuditIntegrity(ctx, checkpoint);
    expect(result.checkpoints).toEqual([]); // the attacker deleted the stored ones too
    expect(result.external).toMatchObject({ ok: false, reason: t.expect });
  });

  it('the stored checkpoints catch a rewrite that left them in place', async () => {
    const rows = pristine.rows.slice(0, checkpoint.seq - 5);
    await install(rows, [{ id: 'head', seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash }], pristine.checkpoints);
    const result = await verifyAuditIntegrity(ctx);
    expect(result.chain.ok).toBe(true);
    expect(result.checkpoints).toMatchObject([{ ok: false, reason: 'CHAIN_SHORTER' }]);
  });

  it('an edited row that was not re-hashed is still named by the chain walk, and breaks the checkpoint', async () => {
    await ctx.db.kysely.updateTable('audit_log').set({ detail_json: '{"version":99}' }).where('seq', '=', 6).execute();
    const result = await verifyAuditIntegrity(ctx, checkpoint);
    expect(result.chain.problem).toEqual({ kind: 'altered', seq: 6 });
    expect(result.external).toMatchObject({ ok: false, reason: 'CHAIN_BROKEN' });
  });

  it('a checkpoint file whose seq or signature was changed is BAD_SIGNATURE', async () => {
    expect((await verifyAuditIntegrity(ctx, { ...checkpoint, seq: checkpoint.seq - 1, headHash: pristine.rows[checkpoint.seq - 2]!.hash })).external).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
    expect((await verifyAuditIntegrity(ctx, { ...checkpoint, signature: Buffer.alloc(64).toString('base64') })).external).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('`sarhad audit checkpoint` prints a signed checkpoint and stores it; `verify --checkpoint` exits 0, then 1 on each tampering', { timeout: 480_000 }, async () => {
    const made = await cli(['audit', 'checkpoint'], env());
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const printed = JSON.parse(made.stdout) as SignedCheckpoint;
    expect(printed).toMatchObject({ nodeId: ctx.node.id, seq: pristine.rows.length + 1 });
    expect(await ctx.db.kysely.selectFrom('audit_checkpoints').select('signature').where('seq', '=', printed.seq).executeTakeFirst()).toEqual({ signature: printed.signature });
    const file = path.join(dataDir, 'checkpoint.json');
    fs.writeFileSync(file, made.stdout);

    const intact = await cli(['audit', 'verify', '--checkpoint', file], env());
    expect(intact.stderr).toBe('');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain(`extends the checkpoint in ${file}: seq=${printed.seq}`);

    // The file from the CLI now pins seq = pristine + 1; let the chain grow past it, then attack it the same ways.
    await append(8, 'record.update');
    pristine = {
      rows: await ctx.db.kysely.selectFrom('audit_log').selectAll().orderBy('seq').execute(),
      head: await ctx.db.kysely.selectFrom('audit_head').selectAll().execute(),
      checkpoints: await ctx.db.kysely.selectFrom('audit_checkpoints').selectAll().execute(),
    };
    // Through the CLI: the three attacks the probe found, and the forged tail (each is a process start, slow on a busy machine).
    const viaCli = TAMPERINGS(printed.seq).filter((_t, i) => [0, 1, 2, 5].includes(i));
    for (const [i, t] of viaCli.entries()) {
      await tamper(t);
      if (i === 0) {
        const plain = await cli(['audit', 'verify'], env());
        expect(plain.code, 'without the file the rewrite passes (the stored checkpoints were deleted too)').toBe(0);
      }
      const res = await cli(['audit', 'verify', '--checkpoint', file], env());
      expect(res.code, `${t.name}: ${res.stdout}`).toBe(1);
      expect(res.stderr).toContain(`the chain no longer extends checkpoint seq=${printed.seq}`);
      expect(res.stderr).toContain(t.expect);
    }

    await install(pristine.rows, pristine.head, pristine.checkpoints);
    fs.writeFileSync(path.join(dataDir, 'forged.json'), JSON.stringify({ ...printed, at: new Date().toISOString() }));
    const forged = await cli(['audit', 'verify', '--checkpoint', path.join(dataDir, 'forged.json')], env());
    expect(forged.code).toBe(1);
    expect(forged.stderr).toContain('BAD_SIGNATURE');
    const missing = await cli(['audit', 'verify', '--checkpoint', path.join(dataDir, 'nope.json')], env());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read checkpoint file');
  });
});
