/**
 * kill -9 the sender or the receiver at random points while a large sync runs, with puts,
 * marking changes (withdrawals for the peer) and revocations landing in between; afterwards
 * the receiver holds exactly the allowed set, each record once, at its newest version.
 *
 * CI size: SARHAD_CRASH_RECORDS (default 2000) records and SARHAD_CRASH_KILLS (default 12)
 * kill points. The full run: SARHAD_CRASH_RECORDS=20000 SARHAD_CRASH_KILLS=100.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import type { AppContext } from '../services/context.ts';
import { openNode } from '../services/node.ts';
import { spawnNode, type ChildNode } from '../server/testing/child-node.ts';
import { allowedOnAf, heldOnAf, mutateAlerts, prng } from '../server/testing/federation-pair.ts';
import { addPeer, nodeInfo, setAgreement } from './peers.ts';

const RECORDS = Number(process.env.SARHAD_CRASH_RECORDS ?? 2000);
const KILLS = Number(process.env.SARHAD_CRASH_KILLS ?? 8);
const SYSTEM = { kind: 'system', name: 'crash-test' } as const;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function withCtx<T>(dataDir: string, state: string, port: number, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = { ...loadConfig({}), dataDir, databaseUrl: null, nodeState: state, nodeName: `sarhad-${state.toLowerCase()}`, port, host: '127.0.0.1' };
  const ctx = await openNode(config, createLogger('silent'));
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close();
  }
}

describe('kill -9 during a large sync (sqlite, child processes)', { timeout: 1_800_000 }, () => {
  const dirs = { tj: fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-crash-tj-')), af: fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-crash-af-')) };
  const children: { tj: ChildNode | null; af: ChildNode | null } = { tj: null, af: null };
  afterAll(async () => {
    for (const c of [children.tj, children.af]) if (c && c.process.exitCode === null) c.process.kill('SIGKILL');
    fs.rmSync(dirs.tj, { recursive: true, force: true });
    fs.rmSync(dirs.af, { recursive: true, force: true });
  });

  it(`AF ends with exactly the allowed set of ${RECORDS}+ records after ${KILLS} kills of either node`, async () => {
    const rnd = prng(424242);
    const ports = { tj: await freePort(), af: await freePort() };
    const urls = { tj: `http://127.0.0.1:${ports.tj}`, af: `http://127.0.0.1:${ports.af}` };
    const tjInfo = await withCtx(dirs.tj, 'TJ', ports.tj, (ctx) => nodeInfo(ctx));
    const afInfo = await withCtx(dirs.af, 'AF', ports.af, (ctx) => nodeInfo(ctx));
    const agreement = { types: ['alert'], maxTlp: 'AMBER' as const, personalData: true };
    const ids: string[] = [];
    let tjNode = '';
    await withCtx(dirs.tj, 'TJ', ports.tj, async (ctx) => {
      tjNode = ctx.node.id;
      await addPeer(ctx, SYSTEM, { name: 'sarhad-af', url: urls.af, stateCode: 'AF', publicKey: afInfo.publicKey, nodeId: afInfo.nodeId });
      await setAgreement(ctx, SYSTEM, { name: 'sarhad-af' }, agreement);
      for (let done = 0; done < RECORDS; done += 500) await mutateAlerts({ ctx }, ids, rnd, Math.min(500, RECORDS - done));
    });
    await withCtx(dirs.af, 'AF', ports.af, async (ctx) => {
      await addPeer(ctx, SYSTEM, { name: 'sarhad-tj', url: urls.tj, stateCode: 'TJ', publicKey: tjInfo.publicKey, nodeId: tjInfo.nodeId });
      await setAgreement(ctx, SYSTEM, { name: 'sarhad-tj' }, agreement);
    });

    const env = (which: 'tj' | 'af') => ({
      SARHAD_DATA_DIR: dirs[which],
      SARHAD_PORT: String(ports[which]),
      SARHAD_NODE_STATE: which.toUpperCase(),
      SARHAD_NODE_NAME: `sarhad-${which}`,
      SARHAD_ADMIN_PASSWORD: 'crash-test-password-1',
      SARHAD_SYNC_INTERVAL: which === 'af' ? '0.3' : '0',
      SARHAD_AUDIT_CHECKPOINT_INTERVAL: '0',
    });
    const start = async (which: 'tj' | 'af') => {
      children[which] = await spawnNode(['start'], env(which), { timeoutMs: 120_000 });
    };
    await Promise.all([start('tj'), start('af')]);
    const kills = { tj: 0, af: 0, midSync: 0 };
    const tjDb = new Sqlite(path.join(dirs.tj, 'sarhad.db'), { readonly: true });
    const backlog = () => {
      const pending = tjDb.prepare('select count(*) as n from fed_outgoing where pending = 1').get() as { n: number };
      const head = tjDb.prepare('select max(seq) as s from outbox').get() as { s: number };
      const walked = tjDb.prepare('select out_cursor as c from peers').get() as { c: number };
      return pending.n + (head.s - walked.c);
    };
    for (let k = 0; k < KILLS; k++) {
      // A kill must land while records are in flight: on a fast machine the previous batch may
      // already be through, so TJ gets a fresh batch (written beside the running node) first.
      if (backlog() === 0) await withCtx(dirs.tj, 'TJ', ports.tj, (ctx) => mutateAlerts({ ctx }, ids, rnd, 300));
      await new Promise((r) => setTimeout(r, 20 + rnd() * 400));
      const which = rnd() < 0.5 ? 'tj' : 'af';
      if (backlog() > 0) kills.midSync += 1;
      const child = children[which]!;
      const exited = new Promise((r) => child.process.once('exit', r));
      child.process.kill('SIGKILL');
      await exited;
      kills[which] += 1;
      // While TJ is down, more puts, marking changes and revocations land on it.
      if (which === 'tj') await withCtx(dirs.tj, 'TJ', ports.tj, (ctx) => mutateAlerts({ ctx }, ids, rnd, 150));
      await start(which);
    }
    // Let AF's loop finish: TJ has nothing unacknowledged and has examined its whole outbox.
    const settled = () => backlog() === 0;
    const deadline = Date.now() + 600_000;
    while (!settled()) {
      if (Date.now() > deadline) throw new Error('did not settle');
      await new Promise((r) => setTimeout(r, 500));
    }
    // One more round after settling, so AF's last receipt-less pull (if any) is over.
    await new Promise((r) => setTimeout(r, 1000));
    tjDb.close();
    await children.af!.stop();
    await children.tj!.stop();
    expect(kills.tj + kills.af).toBe(KILLS);
    // Most kills hit a sync in progress (TJ still had records for AF unacknowledged).
    expect(kills.midSync).toBeGreaterThan(KILLS / 2);

    const allowed = await withCtx(dirs.tj, 'TJ', ports.tj, (ctx) => allowedOnAf({ ctx }));
    const held = await withCtx(dirs.af, 'AF', ports.af, (ctx) => heldOnAf({ ctx }, tjNode));
    const sorted = <V>(m: Map<string, V>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
    expect(allowed.size).toBeGreaterThan(RECORDS / 5);
    expect(sorted(held)).toEqual(sorted(allowed));
    // Each record once: one row per id, and no copy of a record TJ does not allow.
    const afDb = new Sqlite(path.join(dirs.af, 'sarhad.db'), { readonly: true });
    const dupes = afDb.prepare('select id, count(*) as n from alerts group by id having n > 1').all();
    afDb.close();
    expect(dupes).toEqual([]);
    console.log(`crash test: ${ids.length} records, ${allowed.size} allowed on AF, kills TJ ${kills.tj} AF ${kills.af}, ${kills.midSync} during a sync`);
  });
});
