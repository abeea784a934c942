import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createPgDatabase, testDialects } from '../server/testing/databases.ts';
import { startTestNode, type TestNode } from '../server/testing/test-node.ts';
import { appendAudit, verifyAuditChain } from '../store/audit.repository.ts';
import { openDb } from '../store/db.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { openNode } from './node.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(await testDialects())('audit of reads never takes the write lock (%s)', (dialect) => {
  let node: TestNode;
  const k = () => node.ctx.db.kysely;
  const reads = async () => (await k().selectFrom('audit_log').select(['seq', 'actor', 'entity_type', 'detail_json']).where('action', '=', 'personal_data.read').orderBy('seq').execute());

  beforeAll(async () => {
    node = await startTestNode(dialect);
  });
  afterAll(async () => node?.close());

  it('GET /api/alerts and /api/users answer while another connection holds a long write transaction; their entries are chained after it', { timeout: 30_000 }, async () => {
    const commander = await node.as('tj.commander');
    const admin = await node.as('admin');
    await node.ctx.reads.flush();
    const before = (await reads()).length;
    let alertCount: number;

    // Another process (a sync, an import, a CLI command) in the middle of a long write.
    const other = openDb({ dataDir: node.config.dataDir, databaseUrl: node.config.databaseUrl });
    let release!: () => void;
    let locked!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const holder = inWriteTransaction(other, async (trx) => {
      await appendAudit(trx, { actor: 'system:long-write', action: 'test.long_write', entityType: 'node', entityId: null });
      locked();
      await gate;
    });
    try {
      await holding;
      const started = Date.now();
      const answered = await Promise.race([Promise.all([commander.get('/api/alerts'), admin.get('/api/users')]), sleep(4000).then(() => null)]);
      expect(answered, 'the reads waited for the write lock').not.toBeNull();
      const [alerts, users] = answered!;
      expect(alerts.status, alerts.text).toBe(200);
      expect(users.status, users.text).toBe(200);
      alertCount = alerts.body.items.length;
      expect(Date.now() - started).toBeLessThan(3000);
      // Still held: the background flusher tried, found the lock taken, and kept the entries queued.
      await sleep(1200);
      expect((await reads()).length).toBe(before);
      expect(node.ctx.reads.pending).toBe(2);
    } finally {
      release();
      await holder;
      await other.close();
    }

    // Nobody flushes by hand: the background flusher appends them once the lock is free.
    const deadline = Date.now() + 10_000;
    while ((await reads()).length < before + 2 && Date.now() < deadline) await sleep(100);
    const after = (await reads()).slice(before);
    expect(after.map((r) => r.entity_type).sort()).toEqual(['alert', 'user']);
    expect(after.find((r) => r.entity_type === 'alert')!.detail_json).toBe(JSON.stringify({ count: alertCount }));
    const longWrite = await k().selectFrom('audit_log').select('seq').where('action', '=', 'test.long_write').executeTakeFirstOrThrow();
    expect(after.every((r) => r.seq > longWrite.seq)).toBe(true);
    expect((await verifyAuditChain(node.ctx.db)).ok).toBe(true);
  });
});

describe.each(await testDialects())('read entries on a graceful stop (%s)', (dialect) => {
  let dataDir: string;
  let pgDb: Awaited<ReturnType<typeof createPgDatabase>> | null = null;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-reads-'));
    pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
  });
  afterAll(async () => {
    await pgDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('closing the node appends every queued read entry, in order, with the time of the read', async () => {
    const config = { ...loadConfig({}), dataDir, databaseUrl: pgDb?.url ?? null };
    const ctx = await openNode(config, createLogger('silent'));
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i));
    for (let i = 0; i < 25; i++) ctx.reads.record({ actor: `user-${i}`, action: 'personal_data.read', entityType: 'alert', entityId: null, detail: { count: i } }, at(i));
    await ctx.db.close();

    const again = await openNode(config, createLogger('silent'));
    try {
      const rows = await again.db.kysely.selectFrom('audit_log').select(['actor', 'at', 'detail_json']).where('action', '=', 'personal_data.read').orderBy('seq').execute();
      expect(rows.map((r) => r.actor)).toEqual(Array.from({ length: 25 }, (_, i) => `user-${i}`));
      expect(rows[7]).toEqual({ actor: 'user-7', at: at(7).toISOString(), detail_json: '{"count":7}' });
      expect((await verifyAuditChain(again.db)).ok).toBe(true);
      expect(() => ctx.reads.record({ actor: 'late', action: 'x', entityType: 'y', entityId: null })).toThrow(/closed/);
    } finally {
      await again.db.close();
    }
  });
});
