/**
 * Federation sync end to end over loopback HTTP: TJ (a separate `sarhad start` process) holds
 * N alerts of about 1 KiB; AF (this process) pulls them all — TJ walks, signs per peer, sends
 * compressed; AF verifies, checks policy, commits, signs a receipt that TJ verifies and records.
 * Printed: records/s and its ratio to the single-core Ed25519 verify rate measured in this run
 * (goal ≥ 0.5), bytes on the wire per record (goal ≤ 400), the time of an empty sync (goal
 * < 10 ms) and p95 from commit on TJ to visible on AF with push (goal < 300 ms).
 *   npm run bench -- sync            (N = SARHAD_BENCH_RECORDS, default 100000)
 *   SARHAD_BENCH_DB=postgres npm run bench -- sync   (both nodes on throw-away PostgreSQL databases)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../src/config.ts';
import { generateNodeKeyPair, privateKeyFromPem, publicKeyFromBase64, signEnvelope, verifyEnvelope, type Envelope } from '../src/domain/federation/envelope.ts';
import { addPeer, nodeInfo, setAgreement } from '../src/federation/peers.ts';
import { pullSerialised } from '../src/federation/push.ts';
import { createLogger } from '../src/logger.ts';
import { buildApp } from '../src/server/app.ts';
import { ensureDemoUsers } from '../src/services/accounts.service.ts';
import type { AppContext } from '../src/services/context.ts';
import { openNode } from '../src/services/node.ts';
import { seedScenario } from '../src/services/seed.service.ts';
import { loadScenario } from '../src/store/seed/scenarios.ts';
import { prng } from '../src/server/testing/federation-pair.ts';
import { createPgDatabase } from '../src/server/testing/databases.ts';
import { saveRecord } from '../src/store/records.repository.ts';
import { inWriteTransaction } from '../src/store/transaction.ts';

const N = Number(process.env.SARHAD_BENCH_RECORDS ?? 100_000);
const PG = process.env.SARHAD_BENCH_DB === 'postgres';
const SYSTEM = { kind: 'system', name: 'bench' } as const;
const PASSWORD = 'bench-password-123';
const WORDS = (
  'heroin opium precursor truck border crossing river Panj Amu Darya night patrol post village checkpoint cargo trailer ' +
  'Kamaz driver passport smuggling network courier warehouse Kunduz Khatlon Badakhshan Wakhan bridge ferry livestock fuel ' +
  'arrest discreet check report liaison officer sighting vehicle registration route market weapon ammunition cash'
).split(' ');

function body(i: number, rnd: () => number) {
  const sentence = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
  return {
    subject: {
      kind: 'person',
      names: [
        { name: `Ҷамшед Раҳмонов ${i}`, quality: 'good' },
        { name: `Jamshed Rahmonov ${i}`, quality: 'good' },
        { name: `جمشید رحمانوف ${i}`, quality: 'low' },
      ],
      birthDates: [{ kind: 'exact', date: `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}` }],
      nationalities: ['TJ'],
      documents: [`P${String(4000000 + i)}`, `ID${String(90000000 + i)}`],
    },
    reason: `Case ${i}/2026: ${sentence(70)}.`,
    action: 'arrest',
    validFrom: '2026-01-01',
    validUntil: null,
    source: 'local',
    sourceRef: `case-${i}`,
    active: true,
  };
}

async function open(dataDir: string, state: string, port: number, databaseUrl: string | null): Promise<AppContext> {
  return openNode({ ...loadConfig({}), dataDir, databaseUrl, nodeState: state, nodeName: `sarhad-${state.toLowerCase()}`, port, host: '127.0.0.1', syncIntervalS: 0 }, createLogger('warn'));
}

function verifyRate(): number {
  const keys = generateNodeKeyPair();
  const priv = privateKeyFromPem(keys.privateKeyPem);
  const rnd = prng(1);
  const envs = Array.from({ length: 3000 }, (_, i) => {
    const e: Envelope = { id: randomUUID(), type: 'alert', version: 1, op: 'put', owner: { node: 'n1', state: 'TJ', agency: null, unit: null }, prev: null, marking: { tlp: 'AMBER', releasableTo: { states: ['AF'], agencies: [], units: [] }, hops: 1 }, body: body(i, rnd), redacted: [], signedAt: new Date().toISOString() };
    return signEnvelope(e, priv);
  });
  const map = new Map([['n1', publicKeyFromBase64(keys.publicKey)]]);
  const t0 = performance.now();
  for (const e of envs) if (!verifyEnvelope(e, map, 'n1').ok) throw new Error('verify failed');
  return envs.length / ((performance.now() - t0) / 1000);
}

/** Alerts owned by `owner` that AF holds (committed, not withdrawn). */
async function committedCopies(ctx: AppContext, owner: string): Promise<number> {
  const row = await ctx.db.kysely.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_node', '=', owner).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

export default async function run(): Promise<void> {
  const dirs = { tj: fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-bench-tj-')), af: fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-bench-af-')) };
  const ports = { tj: 19000 + Math.floor(Math.random() * 500), af: 19500 + Math.floor(Math.random() * 500) };
  const urls = { tj: `http://127.0.0.1:${ports.tj}`, af: `http://127.0.0.1:${ports.af}` };
  let child: ReturnType<typeof spawn> | null = null;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  let af: AppContext | null = null;
  const pgs = PG ? await Promise.all([createPgDatabase(), createPgDatabase()]) : null;
  const urlOf = (i: 0 | 1) => pgs?.[i]!.url ?? null;
  try {
    process.stdout.write(`sync benchmark: ${N} alerts of ~1 KiB, TJ in its own process, AF pulling in this one (${PG ? 'PostgreSQL' : 'SQLite'})\n`);
    const rate = verifyRate();
    process.stdout.write(`  Ed25519 verify (envelope: canonical JSON + verify), one core: ${rate.toFixed(0)}/s\n`);

    const tj = await open(dirs.tj, 'TJ', ports.tj, urlOf(0));
    af = await open(dirs.af, 'AF', ports.af, urlOf(1));
    const [tjInfo, afInfo] = [await nodeInfo(tj), await nodeInfo(af)];
    const agreement = { types: ['alert'], maxTlp: 'AMBER' as const, personalData: true };
    await addPeer(tj, SYSTEM, { name: 'sarhad-af', url: urls.af, stateCode: 'AF', publicKey: afInfo.publicKey, nodeId: afInfo.nodeId });
    await setAgreement(tj, SYSTEM, { name: 'sarhad-af' }, agreement);
    const peer = await addPeer(af, SYSTEM, { name: 'sarhad-tj', url: urls.tj, stateCode: 'TJ', publicKey: tjInfo.publicKey, nodeId: tjInfo.nodeId });
    await setAgreement(af, SYSTEM, { name: 'sarhad-tj' }, agreement);
    await seedScenario(tj, loadScenario('tj-af'));
    await ensureDemoUsers(tj, PASSWORD);
    const rnd = prng(7);
    const owner = { node: tj.node.id, state: 'TJ', agencyId: null, unitId: null };
    const t0 = performance.now();
    for (let i = 0; i < N; i += 1000) {
      await inWriteTransaction(tj.db, async (trx) => {
        for (let k = i; k < Math.min(N, i + 1000); k++) {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          await saveRecord(trx, { type: 'alert', body: body(k, rnd) as any, marking: { tlp: 'AMBER', releasableTo: { states: ['AF'], agencies: [], units: [] }, hops: 1 }, owner, actor: 'bench' });
        }
      });
    }
    process.stdout.write(`  wrote ${N} alerts on TJ in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    await tj.db.close();

    child = spawn(process.execPath, [...(process.env.SARHAD_BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SARHAD_BENCH_PROFILE_DIR}`] : []), '--import', 'tsx', 'src/cli/main.ts', 'start'], {
      env: { ...process.env, SARHAD_PORT: String(ports.tj), SARHAD_HOST: '127.0.0.1', SARHAD_DATA_DIR: dirs.tj, DATABASE_URL: urlOf(0) ?? '', SARHAD_NODE_STATE: 'TJ', SARHAD_LOG_LEVEL: 'warn', SARHAD_SYNC_INTERVAL: '0', SARHAD_AUDIT_CHECKPOINT_INTERVAL: '0', SARHAD_ADMIN_PASSWORD: PASSWORD, SARHAD_WEB_DIR: path.join(dirs.tj, 'none') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${urls.tj}/healthz`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (i > 240) throw new Error('TJ did not start');
      await new Promise((r) => setTimeout(r, 250));
    }
    app = await buildApp(af);
    await app.listen({ port: ports.af, host: '127.0.0.1' });

    let wire = 0;
    const counting: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      wire += Number(res.headers.get('content-length') ?? 0) + (typeof init?.body === 'string' ? Buffer.byteLength(init.body) : 0);
      return res;
    };
    const s0 = performance.now();
    // Through the same serialised path as push and the periodic loop: a notice can never start a second pull beside it.
    const summary = await pullSerialised(af, peer.id, { fetchImpl: counting, limit: 1000 });
    const secs = (performance.now() - s0) / 1000;
    // Counted where it matters: the copies committed in AF's database, not the summary's own tally.
    const held = await committedCopies(af, tj.node.id);
    if (held !== N || summary.stored !== N) throw new Error(`AF holds ${held} of ${N} (summary: ${summary.stored} stored): ${JSON.stringify(summary.rejections.slice(0, 3))}`);
    const perSec = N / secs;
    process.stdout.write(`  full sync: ${N} records in ${secs.toFixed(1)} s = ${perSec.toFixed(0)} records/s; ratio to one-core verify ${(perSec / rate).toFixed(2)} (goal ≥ 0.5)\n`);
    process.stdout.write(`  on the wire (feed compressed + requests + receipts): ${(wire / N).toFixed(0)} bytes/record (goal ≤ 400)\n`);

    const empties: number[] = [];
    for (let i = 0; i < 50; i++) {
      const e0 = performance.now();
      await pullSerialised(af, peer.id);
      empties.push(performance.now() - e0);
    }
    process.stdout.write(`  empty sync: median ${pct(empties, 50).toFixed(1)} ms, p95 ${pct(empties, 95).toFixed(1)} ms (goal < 10 ms)\n`);

    // Push: TJ notifies AF after each commit; AF pulls at once.
    const login = await fetch(`${urls.tj}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'tj.analyst', password: PASSWORD }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = ((await login.json()) as { csrfToken?: string }).csrfToken ?? '';
    const latencies: number[] = [];
    for (let i = 0; i < 40; i++) {
      const seen = new Promise<void>((resolve) => {
        const off = af!.events.subscribe((c) => {
          if (c.type === 'alert' && c.op === 'create') {
            off();
            resolve();
          }
        });
      });
      const p0 = performance.now();
      const res = await fetch(`${urls.tj}/api/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: JSON.stringify({ subject: { kind: 'vehicle', plate: `01 TT ${1000 + i}`, description: null }, reason: 'Push latency probe', action: 'discreet_check', marking: { tlp: 'GREEN' } }),
      });
      if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
      await Promise.race([seen, new Promise((_, rej) => setTimeout(() => rej(new Error('push: not visible in 5 s')), 5000))]);
      latencies.push(performance.now() - p0);
    }
    // Let a pull a late notice started finish before the node closes (else it fails against a closed database).
    await pullSerialised(af, peer.id);
    if ((await committedCopies(af, tj.node.id)) !== N + 40) throw new Error('push: AF does not hold every probe');
    process.stdout.write(`  push, commit on TJ → visible on AF: p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms (goal < 300 ms)\n`);
  } finally {
    await app?.close();
    await af?.db.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dirs.tj, { recursive: true, force: true });
    fs.rmSync(dirs.af, { recursive: true, force: true });
    for (const d of pgs ?? []) await d.drop();
  }
}
