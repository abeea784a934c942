import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createPgDatabase, testDialects } from '../server/testing/databases.ts';
import { latestCheckpoints } from '../store/audit-checkpoints.repository.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { verifyAuditIntegrity } from './audit-checkpoints.service.ts';
import { startCheckpointLoop } from './audit-checkpoint-loop.ts';
import type { AppContext } from './context.ts';
import { openNode } from './node.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(await testDialects())('checkpoints written while the node runs (%s)', (dialect) => {
  let ctx: AppContext;
  let dataDir: string;
  let pgDb: Awaited<ReturnType<typeof createPgDatabase>> | null = null;
  const checkpoints = () => latestCheckpoints(ctx.db.kysely, 100);
  const append = (n: number) =>
    inWriteTransaction(ctx.db, async (trx) => {
      for (let i = 0; i < n; i++) await appendAudit(trx, { actor: 'user-1', action: 'record.update', entityType: 'unit', entityId: `u-${i}` });
    });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-cploop-'));
    pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
    ctx = await openNode({ ...loadConfig({}), dataDir, databaseUrl: pgDb?.url ?? null }, createLogger('silent'));
  });
  afterAll(async () => {
    await ctx?.db.close();
    await pgDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs one at once for a fresh chain, then after every N entries, never for an idle chain, and once more on stop', async () => {
    const loop = startCheckpointLoop(ctx, { intervalMs: 0, everyEntries: 5, tickMs: 60_000 });
    try {
      await loop.runNow();
      const first = await checkpoints();
      expect(first).toHaveLength(1);

      await loop.runNow(); // nothing appended since: no new checkpoint
      await append(3);
      await loop.runNow(); // 3 + nothing < 5
      expect(await checkpoints()).toHaveLength(1);

      // Queued read entries count too, and are chained before the checkpoint signs the head.
      ctx.reads.record({ actor: 'user-2', action: 'personal_data.read', entityType: 'alert', entityId: null, detail: { count: 1 } });
      await append(1);
      await loop.runNow();
      const second = await checkpoints();
      expect(second).toHaveLength(2);
      expect(second[0]!.seq).toBe(first[0]!.seq + 5 + 1); // 3 + 1 + the read + its own audit.checkpoint entry
    } finally {
      await append(1);
      await loop.stop();
    }
    const all = await checkpoints();
    expect(all).toHaveLength(3);
    const result = await verifyAuditIntegrity(ctx);
    expect(result.chain.ok).toBe(true);
    expect(result.checkpoints.every((v) => v.ok)).toBe(true);
  });

  it('the time trigger signs once the interval has passed since the last checkpoint, if anything was appended', async () => {
    const loop = startCheckpointLoop(ctx, { intervalMs: 300, everyEntries: 0, tickMs: 50 });
    try {
      const before = (await checkpoints()).length;
      await sleep(500);
      expect((await checkpoints()).length).toBe(before); // idle
      await append(1);
      const deadline = Date.now() + 5000;
      while ((await checkpoints()).length === before && Date.now() < deadline) await sleep(50);
      expect((await checkpoints()).length).toBe(before + 1);
    } finally {
      await loop.stop();
    }
  });

  it('the settings are read from the environment and refuse nonsense', () => {
    expect(loadConfig({})).toMatchObject({ auditCheckpointIntervalS: 300, auditCheckpointEvery: 1000 });
    expect(loadConfig({ SARHAD_AUDIT_CHECKPOINT_INTERVAL: '0', SARHAD_AUDIT_CHECKPOINT_EVERY: '50' })).toMatchObject({ auditCheckpointIntervalS: 0, auditCheckpointEvery: 50 });
    expect(() => loadConfig({ SARHAD_AUDIT_CHECKPOINT_INTERVAL: '-1' })).toThrow(/SARHAD_AUDIT_CHECKPOINT_INTERVAL/);
    expect(() => loadConfig({ SARHAD_AUDIT_CHECKPOINT_EVERY: 'many' })).toThrow(/SARHAD_AUDIT_CHECKPOINT_EVERY/);
    expect(() => loadConfig({ SARHAD_AUDIT_CHECKPOINT_EVERY: '2.5' })).toThrow(/SARHAD_AUDIT_CHECKPOINT_EVERY/);
  });
});
