import http from 'node:http';
import net from 'node:net';
import type { ApiClient } from './api-client.ts';
import type { TestDialect } from './databases.ts';
import { startTestNode, type TestNode } from './test-node.ts';

export interface Pair {
  tj: TestNode;
  af: TestNode;
  tjAdmin: ApiClient;
  afAdmin: ApiClient;
  /** TJ's peer record for AF, and AF's for TJ. */
  afOnTj: string;
  tjOnAf: string;
  close(): Promise<void>;
}

export const ALERT_AGREEMENT = { types: ['alert'], maxTlp: 'AMBER', personalData: true };

/**
 * A TJ and an AF node that know each other with agreements on both sides. `tjUrlForAf` lets
 * AF reach TJ through something in between (a lossy proxy); `afUrlForTj` the other way (a gate).
 */
export async function startPair(dialect: TestDialect, opts: { tjUrlForAf?: (tjUrl: string) => Promise<string>; afUrlForTj?: (afUrl: string) => Promise<string>; agreement?: object } = {}): Promise<Pair> {
  const [tj, af] = await Promise.all([startTestNode(dialect), startTestNode(dialect, { nodeState: 'AF', nodeName: 'sarhad-af' })]);
  const [tjAdmin, afAdmin] = await Promise.all([tj.as('admin'), af.as('admin')]);
  const tjInfo = (await tj.anonymous().get('/api/federation/node')).body;
  const afInfo = (await af.anonymous().get('/api/federation/node')).body;
  const afUrl = opts.afUrlForTj ? await opts.afUrlForTj(af.url) : af.url;
  const onTj = await tjAdmin.post('/api/federation/peers', { name: 'sarhad-af', url: afUrl, stateCode: 'AF', publicKey: afInfo.publicKey, nodeId: afInfo.nodeId });
  const tjUrl = opts.tjUrlForAf ? await opts.tjUrlForAf(tj.url) : tj.url;
  const onAf = await afAdmin.post('/api/federation/peers', { name: 'sarhad-tj', url: tjUrl, stateCode: 'TJ', publicKey: tjInfo.publicKey, nodeId: tjInfo.nodeId });
  if (onTj.status !== 201 || onAf.status !== 201) throw new Error(`peers: ${onTj.text} ${onAf.text}`);
  const agreement = opts.agreement ?? ALERT_AGREEMENT;
  for (const [client, id] of [[tjAdmin, onTj.body.id], [afAdmin, onAf.body.id]] as const) {
    const res = await client.post(`/api/federation/peers/${id}/agreements`, agreement);
    if (res.status !== 201) throw new Error(res.text);
  }
  return { tj, af, tjAdmin, afAdmin, afOnTj: onTj.body.id, tjOnAf: onAf.body.id, close: async () => void (await Promise.all([tj.close(), af.close()])) };
}

/** A seeded PRNG: reproducible "random" choices in tests and benches. */
export { prng } from '../../services/seed/random.ts';

export type ProxyFault = 'pass' | 'drop-request' | 'drop-response' | 'repeat' | 'reorder';

/**
 * An HTTP proxy in front of a node that, for federation POSTs, drops requests, drops responses
 * (after the node did the work), answers with an earlier response again (repeat) or holds a
 * response back and answers a later request with it (reorder). GETs pass.
 */
export async function startLossyProxy(target: string, choose: () => ProxyFault): Promise<{ url: string; faults: Record<ProxyFault, number>; close(): Promise<void> }> {
  const faults: Record<ProxyFault, number> = { pass: 0, 'drop-request': 0, 'drop-response': 0, repeat: 0, reorder: 0 };
  const seen = new Map<string, { status: number; headers: http.IncomingHttpHeaders; body: Buffer }[]>();
  const forward = (req: http.IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const u = new URL(req.url!, target);
      const out = http.request(u, { method: req.method, headers: { ...req.headers, host: u.host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const fault = req.method === 'POST' ? choose() : 'pass';
        faults[fault] += 1;
        if (fault === 'drop-request') return res.destroy();
        let answer;
        try {
          answer = await forward(req, body);
        } catch {
          return res.destroy();
        }
        const key = req.url!.split('?')[0]!;
        const history = seen.get(key) ?? [];
        seen.set(key, history);
        if (fault === 'drop-response') return res.destroy();
        let sent = answer;
        if (fault === 'repeat' && history.length) sent = history[history.length - 1]!;
        if (fault === 'reorder' && history.length) sent = history[Math.floor(history.length / 2)]!;
        history.push(answer);
        if (history.length > 20) history.shift();
        const headers = { ...sent.headers };
        delete headers['transfer-encoding'];
        delete headers.connection;
        res.writeHead(sent.status, { ...headers, 'content-length': String(sent.body.length) });
        res.end(sent.body);
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return { url, faults, close: () => new Promise<void>((r) => server.close(() => r())) };
}

// ---- a workload of alerts on the owner node, and what the peer should hold ---------------

const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER', 'AMBER+STRICT', 'RED'] as const;

function randomMarking(rnd: () => number) {
  const tlp = TLPS[Math.floor(rnd() * TLPS.length)]!;
  return { tlp, releasableTo: { states: rnd() < 0.6 ? ['AF'] : rnd() < 0.5 ? ['UZ'] : [], agencies: [], units: [] }, hops: rnd() < 0.9 ? 1 : 0 };
}

function alertBody(i: number, rnd: () => number, active = true) {
  const person = rnd() < 0.5;
  return {
    subject: person
      ? { kind: 'person', names: [{ name: `Person ${i} ${Math.floor(rnd() * 1e6)}`, quality: 'good' }], birthDates: [], nationalities: ['TJ'], documents: [`DOC${100000 + i}`] }
      : { kind: 'vehicle', plate: `0${i % 10} TT ${1000 + (i % 9000)}`, description: rnd() < 0.5 ? 'white Kamaz' : null },
    reason: `Workload alert ${i} r${Math.floor(rnd() * 1e9)}`,
    action: 'discreet_check',
    validFrom: '2026-01-01',
    validUntil: null,
    source: 'local',
    sourceRef: null,
    active,
  };
}

/**
 * Puts, marking changes (which become withdrawals for the peer) and revocations on `node`,
 * through the store's one write path (versions, outbox, audit), `count` operations at a time.
 */
export async function mutateAlerts(node: { ctx: import('../../services/context.ts').AppContext }, ids: string[], rnd: () => number, count: number): Promise<void> {
  const { saveRecord, findRecord } = await import('../../store/records.repository.ts');
  const { inWriteTransaction } = await import('../../store/transaction.ts');
  const { randomUUID } = await import('node:crypto');
  const ctx = node.ctx;
  const owner = { node: ctx.node.id, state: ctx.node.stateCode, agencyId: null, unitId: null };
  await inWriteTransaction(ctx.db, async (trx) => {
    for (let k = 0; k < count; k++) {
      const r = rnd();
      if (ids.length < 10 || r < 0.45) {
        const id = randomUUID();
        ids.push(id);
        await saveRecord(trx, { type: 'alert', id, body: alertBody(ids.length, rnd) as any, marking: randomMarking(rnd), owner, actor: 'test:workload' });
        continue;
      }
      const id = ids[Math.floor(rnd() * ids.length)]!;
      const current = await findRecord(trx, 'alert', id);
      if (!current) continue;
      if (r < 0.65) {
        await saveRecord(trx, { type: 'alert', id, body: { ...current.body, reason: `${current.body.reason.slice(0, 40)} u${Math.floor(rnd() * 1e9)}` }, marking: current.marking, owner, actor: 'test:workload' });
      } else if (r < 0.9) {
        await saveRecord(trx, { type: 'alert', id, body: current.body, marking: randomMarking(rnd), owner, actor: 'test:workload' });
      } else {
        await saveRecord(trx, { type: 'alert', id, body: { ...current.body, active: !current.body.active }, marking: current.marking, owner, actor: 'test:workload' });
      }
    }
  });
}

/**
 * What AF may hold of TJ's alerts, written from the rules in docs/federation.md and NOT from
 * sharing-policy.ts: TLP CLEAR/GREEN, or AMBER released to AF; at least one hop; personal data
 * only when `personalData`; redactions removed. Keyed by id: version, marking and body.
 */
export async function allowedOnAf(tj: { ctx: import('../../services/context.ts').AppContext }, terms: { personalData: boolean; redact?: string[] } = { personalData: true }) {
  const rows = await tj.ctx.db.kysely.selectFrom('alerts').selectAll().where('owner_node', '=', tj.ctx.node.id).where('deleted_at', 'is', null).execute();
  const out = new Map<string, { version: number; marking: unknown; reason: string; active: number }>();
  for (const r of rows) {
    const m = JSON.parse(r.marking_json) as { tlp: string; releasableTo: { states: string[] }; hops: number };
    const ok = (m.tlp === 'CLEAR' || m.tlp === 'GREEN' || (m.tlp === 'AMBER' && m.releasableTo.states.includes('AF'))) && m.hops >= 1 && (terms.personalData || r.subject_kind !== 'person');
    if (ok) out.set(r.id, { version: Number(r.version), marking: JSON.parse(r.marking_json) as unknown, reason: r.reason, active: Number(r.active) });
  }
  return out;
}

/** What AF holds of TJ's alerts (live copies). */
export async function heldOnAf(af: { ctx: import('../../services/context.ts').AppContext }, tjNode: string) {
  const rows = await af.ctx.db.kysely.selectFrom('alerts').selectAll().where('owner_node', '=', tjNode).where('deleted_at', 'is', null).execute();
  return new Map(rows.map((r) => [r.id, { version: Number(r.version), marking: JSON.parse(r.marking_json) as unknown, reason: r.reason, active: Number(r.active) }]));
}

/**
 * A TCP gate in front of a node: while down it does not listen at all (connections are refused,
 * as for a node that is off); up again on the same port.
 */
export async function startGate(target: string): Promise<{ url: string; down(): Promise<void>; up(): Promise<void>; close(): Promise<void> }> {
  const t = new URL(target);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(t.port), t.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) => new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  await listen(0);
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const down = () =>
    new Promise<void>((r) => {
      if (!server.listening) return r();
      server.close(() => r());
      for (const s of sockets) s.destroy();
    });
  return { url: `http://127.0.0.1:${port}`, down, up: () => (server.listening ? Promise.resolve() : listen(port)), close: down };
}
