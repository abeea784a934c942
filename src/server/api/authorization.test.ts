/**
 * Every endpoint × role × marking × owner, from one table, through HTTP, on both dialects.
 *
 * HOW TO ADD AN ENDPOINT (the test fails until you do): add one row to TABLE below.
 *   { route: 'POST /api/things', allow: ['admin'], ok: 201, call: () => ({ body: {...} }) }
 *   - `route` is the method and the path exactly as registered (with `:params`).
 *   - `allow` is who gets `ok`: a list of demo users, or EVERYONE (any signed-in user),
 *     PUBLIC (no login needed) or PEER (signed node requests only: users get 401).
 *     Any other signed-in user must get 403 and an anonymous caller 401.
 *   - `call` builds the request (url with real ids, body, headers) from the fixtures; the
 *     body must be valid, so that the answer shows the authorisation and not the validation.
 *   - For an endpoint on one record, use `record` instead of `allow`: the request runs against
 *     every fixture in FIXTURES (owner × marking), expecting `ok` from the fixture's
 *     readers/writers/lowerers, 404 from those it is hidden from, 403 from the rest.
 *   - The users and their placement are in src/services/accounts.service.ts (DEMO_USERS).
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subject } from '../../domain/policy/roles.ts';
import type { Marking } from '../../domain/records/marking.ts';
import { createAlert, DEFAULT_ALERT_MARKING } from '../../services/alerts.service.ts';
import { findRecord, saveReceivedRecord } from '../../store/records.repository.ts';
import { inWriteTransaction } from '../../store/transaction.ts';
import { buildApp } from '../app.ts';
import { ApiClient } from '../testing/api-client.ts';
import { testDialects } from '../testing/databases.ts';
import { openStream } from '../testing/sse.ts';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../testing/test-node.ts';

const USERS = ['admin', 'tj.reporter', 'tj.validator', 'tj.analyst', 'tj.commander', 'tj.customs', 'af.liaison', 'af.customs', 'partner.observer'] as const;
type User = (typeof USERS)[number];
const EVERYONE = 'everyone';
const PUBLIC = 'public';
const PEER = 'peer';

// Who holds which role-level permission (written by hand, as in permissions.test.ts).
const ALERT_READERS: User[] = ['admin', 'tj.reporter', 'tj.validator', 'tj.analyst', 'tj.commander', 'tj.customs', 'af.liaison', 'af.customs'];
const ALERT_WRITERS: User[] = ['tj.validator', 'tj.analyst', 'tj.commander', 'af.liaison'];
const SCREENERS: User[] = ['tj.reporter', 'tj.validator', 'tj.analyst', 'tj.commander', 'tj.customs', 'af.liaison', 'af.customs'];
const DECIDERS: User[] = ['tj.reporter', 'tj.validator', 'tj.commander', 'tj.customs', 'af.customs'];
// Trade (docs/trade.md): customs work declarations, transits and crossings; analysts tune selectivity.
const TRADE_READERS: User[] = ['admin', 'tj.analyst', 'tj.commander', 'tj.customs', 'af.liaison', 'af.customs'];
const TRADE_WRITERS: User[] = ['tj.customs', 'af.customs'];
const TRADE_ANALYSTS: User[] = ['tj.analyst', 'tj.commander'];

/**
 * Alerts by owner × marking. `readers` see it, `writers` may change it, `lowerers` may lower its
 * marking — by hand from the rules in docs/authorization.md, never computed by the policy.
 * HQ of the TJ border guard: admin, tj.validator, tj.analyst, tj.commander.
 */
interface Fixture {
  by: User | 'peer';
  marking: Partial<Marking>;
  readers: User[];
  writers: User[];
  lowerers: User[];
}
const FIXTURES: Record<string, Fixture> = {
  'TJ border guard, AMBER released to AF': {
    by: 'tj.analyst',
    marking: { tlp: 'AMBER', releasableTo: { states: ['AF'], agencies: [], units: [] } },
    readers: ALERT_READERS,
    writers: ['tj.validator', 'tj.analyst', 'tj.commander'],
    lowerers: ['tj.validator', 'tj.commander'],
  },
  'TJ border guard, RED (creator and HQ)': {
    by: 'tj.analyst',
    marking: { tlp: 'RED' },
    readers: ['admin', 'tj.validator', 'tj.analyst', 'tj.commander'],
    writers: ['tj.validator', 'tj.analyst', 'tj.commander'],
    lowerers: ['tj.validator', 'tj.commander'],
  },
  'AF border guard (entered here by af.liaison), AMBER': {
    by: 'af.liaison',
    marking: { tlp: 'AMBER' },
    readers: ['af.liaison', 'af.customs'],
    writers: ['af.liaison'],
    lowerers: [],
  },
  'received from a peer, GREEN': { by: 'peer', marking: { tlp: 'GREEN' }, readers: ALERT_READERS, writers: [], lowerers: [] },
};

interface Fixtures {
  alertId: string;
  alertVersion: number;
  userId: string;
  peerId: string;
  agencyId: string;
  /** Trade fixtures: Panji Poyon and Sher Khan Bandar, a declaration, a crossing and a transit by tj.customs, a market. */
  trade: { exit: string; entry: string; declarationId: string; crossingId: string; transitId: string; marketId: string };
}
interface Call {
  url?: string;
  body?: unknown;
  headers?: Record<string, string>;
  rawBody?: string;
}
interface Row {
  route: string;
  /** What the row checks beyond the route, when a route has several rows. */
  variant?: string;
  allow?: readonly User[] | typeof EVERYONE | typeof PUBLIC | typeof PEER;
  record?: 'read' | 'write' | 'lower';
  ok: number;
  call?: (f: Fixtures) => Call;
  /** The call ends the caller's session (logout): it is made from a session of its own. */
  endsSession?: boolean;
}

const uniq = () => randomUUID().slice(0, 8);
const name = (en: string) => ({ en, ru: en, tg: en, fa: en, ps: en });
const publicKey = () => (generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }) as Buffer).subarray(-32).toString('base64');
const UN_XML =
  '<CONSOLIDATED_LIST dateGenerated="2026-11-01T00:00:00"><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>TEST</FIRST_NAME><SECOND_NAME>PERSON</SECOND_NAME>' +
  '<UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>TSi.001</REFERENCE_NUMBER><LISTED_ON>2026-11-01</LISTED_ON></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>';

const TABLE: Row[] = [
  { route: 'GET /healthz', allow: PUBLIC, ok: 200 },
  // Never open to a session or to anonymous callers: only SARHAD_METRICS_TOKEN (metrics-access.test.ts).
  { route: 'GET /metrics', allow: PUBLIC, ok: 401 },
  { route: 'GET /api/openapi.json', allow: PUBLIC, ok: 200 },
  { route: 'POST /api/auth/login', allow: PUBLIC, ok: 200, call: () => ({ body: { username: 'tj.reporter', password: TEST_PASSWORD } }) },
  { route: 'POST /api/auth/logout', allow: EVERYONE, ok: 204, endsSession: true },
  { route: 'GET /api/auth/me', allow: EVERYONE, ok: 200 },

  { route: 'GET /api/states', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/agencies', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/units', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/communities', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/sections', allow: EVERYONE, ok: 200 },
  { route: 'POST /api/units', allow: ['admin'], ok: 201, call: (f) => ({ body: { agencyId: f.agencyId, kind: 'border_post', name: name(`Post ${uniq()}`), location: [69.5, 37.3] } }) },
  {
    route: 'POST /api/sections',
    allow: ['admin'],
    ok: 201,
    call: () => ({
      body: {
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: [[69.0, 37.0], [69.1, 37.0]] },
        properties: { scenario: 'tj-af', order: 900, name: name(`Section ${uniq()}`), terrain: 'river_plain' },
      },
    }),
  },

  { route: 'GET /api/users', allow: ['admin'], ok: 200 },
  {
    route: 'POST /api/users',
    allow: ['admin'],
    ok: 201,
    call: (f) => ({ body: { username: `u.${uniq()}`, displayName: 'Table User', password: 'a-long-password-1', roles: ['reporter'], agencyId: f.agencyId } }),
  },
  { route: 'PATCH /api/users/:id', allow: ['admin'], ok: 200, call: (f) => ({ url: `/api/users/${f.userId}`, body: { displayName: `Renamed ${uniq()}` } }) },
  // Another user's tokens: user administrators only (one's own go through /api/me/tokens).
  { route: 'GET /api/users/:id/tokens', allow: ['admin'], ok: 200, call: (f) => ({ url: `/api/users/${f.userId}/tokens` }) },
  { route: 'POST /api/users/:id/tokens', allow: ['admin'], ok: 201, call: (f) => ({ url: `/api/users/${f.userId}/tokens`, body: { name: `t-${uniq()}` } }) },
  { route: 'DELETE /api/users/:id/tokens/:tokenId', allow: ['admin'], ok: 404, call: (f) => ({ url: `/api/users/${f.userId}/tokens/${randomUUID()}` }) },
  { route: 'GET /api/me/tokens', allow: EVERYONE, ok: 200 },
  { route: 'POST /api/me/tokens', allow: EVERYONE, ok: 201, call: () => ({ body: { name: `t-${uniq()}`, expiresInDays: 1 } }) },
  { route: 'DELETE /api/me/tokens/:tokenId', allow: EVERYONE, ok: 404, call: () => ({ url: `/api/me/tokens/${randomUUID()}` }) },
  // A wrong current password: every signed-in user reaches the check (400), none changes anything.
  { route: 'POST /api/me/password', allow: EVERYONE, ok: 400, call: () => ({ body: { currentPassword: 'not-the-password', newPassword: 'another-long-password' } }) },

  // The audit log: commanders and administrators (audit:read).
  { route: 'GET /api/audit', allow: ['admin', 'tj.commander'], ok: 200 },
  { route: 'GET /api/audit/status', allow: ['admin', 'tj.commander'], ok: 200 },
  // No checkpoint is written in the table's node: readers reach the look-up (404), others are refused before it.
  { route: 'GET /api/audit/checkpoints/latest', allow: ['admin', 'tj.commander'], ok: 404 },

  { route: 'GET /api/alerts', allow: ALERT_READERS, ok: 200 },
  {
    route: 'POST /api/alerts',
    allow: ALERT_WRITERS,
    ok: 201,
    call: () => ({ body: { subject: { kind: 'vehicle', plate: `T${uniq()}` }, reason: 'Table test', action: 'discreet_check' } }),
  },
  { route: 'POST /api/alerts/import/un', allow: ['tj.analyst', 'admin'], ok: 200, call: () => ({ rawBody: UN_XML, headers: { 'content-type': 'application/xml' } }) },
  { route: 'GET /api/alerts/:id', record: 'read', ok: 200, call: (f) => ({ url: `/api/alerts/${f.alertId}` }) },
  { route: 'PATCH /api/alerts/:id', variant: 'update', record: 'write', ok: 200, call: (f) => ({ url: `/api/alerts/${f.alertId}`, body: { action: 'deny_entry', version: f.alertVersion } }) },
  {
    route: 'PATCH /api/alerts/:id',
    variant: 'raise to RED',
    record: 'write',
    ok: 200,
    call: (f) => ({ url: `/api/alerts/${f.alertId}`, body: { marking: { tlp: 'RED' }, version: f.alertVersion } }),
  },
  {
    route: 'PATCH /api/alerts/:id',
    variant: 'lower to CLEAR',
    record: 'lower',
    ok: 200,
    call: (f) => ({ url: `/api/alerts/${f.alertId}`, body: { marking: { tlp: 'CLEAR' }, markingReason: 'table test', version: f.alertVersion } }),
  },
  { route: 'POST /api/alerts/:id/revoke', record: 'write', ok: 200, call: (f) => ({ url: `/api/alerts/${f.alertId}/revoke`, headers: { 'if-match': `"${f.alertVersion}"` }, body: {} }) },

  { route: 'POST /api/screen', allow: SCREENERS, ok: 200, call: () => ({ body: { name: 'Jamshed Rahmonov' } }) },
  // Authorised deciders reach the look-up and find no such screening; the desk rule is in
  // screening.policy.test.ts and screening.test.ts.
  { route: 'POST /api/screenings/:id/hits/:alertId/decision', allow: DECIDERS, ok: 404, call: () => ({ url: `/api/screenings/${randomUUID()}/hits/${randomUUID()}/decision`, body: { decision: 'confirmed' } }) },
  { route: 'GET /api/false-positives', allow: ['tj.validator', 'tj.commander'], ok: 200 },
  { route: 'POST /api/false-positives/:id/revoke', allow: ['tj.validator', 'tj.commander'], ok: 404, call: () => ({ url: `/api/false-positives/${randomUUID()}/revoke`, body: {} }) },
  { route: 'GET /api/stream', allow: EVERYONE, ok: 200 },

  { route: 'GET /api/crossing-points', allow: TRADE_READERS, ok: 200 },
  { route: 'GET /api/crossing-times', allow: TRADE_READERS, ok: 200, call: (f) => ({ url: `/api/crossing-times?crossingPoint=${f.trade.exit}&direction=inbound` }) },
  { route: 'GET /api/declarations', allow: TRADE_READERS, ok: 200 },
  { route: 'POST /api/declarations', allow: TRADE_WRITERS, ok: 201, call: (f) => ({ body: tradeDeclaration(f) }) },
  { route: 'GET /api/declarations/export', allow: TRADE_READERS, ok: 200, call: () => ({ url: '/api/declarations/export?format=csv' }) },
  { route: 'POST /api/declarations/import', allow: TRADE_WRITERS, ok: 200, call: (f) => ({ body: [tradeDeclaration(f)] }) },
  // A TJ declaration released to AF: every trade reader of either state sees it.
  { route: 'GET /api/declarations/:id', allow: TRADE_READERS, ok: 200, call: (f) => ({ url: `/api/declarations/${f.trade.declarationId}` }) },
  // Customs at either end record the arrival and the inspection.
  { route: 'POST /api/declarations/:id/arrival', allow: TRADE_WRITERS, ok: 201, call: (f) => ({ url: `/api/declarations/${f.trade.declarationId}/arrival`, body: { plate: '4471 TJ 03', grossMassKg: 20_000, seals: [] } }) },
  { route: 'POST /api/declarations/:id/inspection', allow: TRADE_WRITERS, ok: 201, call: (f) => ({ url: `/api/declarations/${f.trade.declarationId}/inspection`, body: { hit: false } }) },
  // The crossing and the transit are TJ customs' own: AF customs may not change them.
  { route: 'PATCH /api/crossings/:id', allow: ['tj.customs'], ok: 200, call: (f) => ({ url: `/api/crossings/${f.trade.crossingId}`, headers: { 'if-match': '"1"' }, body: { feesUsd: 20 } }) },
  { route: 'GET /api/transits', allow: TRADE_READERS, ok: 200 },
  { route: 'POST /api/transits', allow: TRADE_WRITERS, ok: 201, call: (f) => ({ body: tradeTransit(f) }) },
  { route: 'POST /api/transits/:id/move', allow: ['tj.customs'], ok: 200, call: (f) => ({ url: `/api/transits/${f.trade.transitId}/move`, headers: { 'if-match': '"1"' }, body: { to: 'started' } }) },
  { route: 'GET /api/selectivity/rules', allow: TRADE_ANALYSTS, ok: 200 },
  { route: 'POST /api/selectivity/rules', allow: TRADE_ANALYSTS, ok: 200, call: () => ({ body: { id: `table-${uniq()}`, name: 'Table rule', lane: 'yellow', when: { hsPrefixes: ['01'] } } }) },
  { route: 'GET /api/selectivity/performance', allow: TRADE_ANALYSTS, ok: 200 },
  { route: 'GET /api/markets', allow: TRADE_READERS, ok: 200 },
  { route: 'POST /api/markets/:id/days', allow: TRADE_WRITERS, ok: 201, call: (f) => ({ url: `/api/markets/${f.trade.marketId}/days`, body: { day: '2026-11-28', tradersTj: 50, tradersAf: 40, visitors: 500, turnoverUsd: 9000 } }) },

  { route: 'GET /api/federation/node', allow: PUBLIC, ok: 200 },
  { route: 'GET /api/federation/feed', allow: PEER, ok: 200 },
  { route: 'GET /api/federation/peers', allow: ['admin'], ok: 200 },
  {
    route: 'POST /api/federation/peers',
    allow: ['admin'],
    ok: 201,
    call: () => ({ body: { name: `peer-${uniq()}`, url: 'http://127.0.0.1:9', stateCode: 'UZ', publicKey: publicKey(), nodeId: `node-${uniq()}` } }),
  },
  { route: 'POST /api/federation/peers/:id/agreements', allow: ['admin'], ok: 201, call: (f) => ({ url: `/api/federation/peers/${f.peerId}/agreements`, body: { types: ['unit'], maxTlp: 'GREEN', personalData: false } }) },
  // Authorised, then the peer (a closed port) cannot be reached.
  { route: 'POST /api/federation/peers/:id/sync', allow: ['admin'], ok: 502, call: (f) => ({ url: `/api/federation/peers/${f.peerId}/sync`, body: {} }) },
];

/** A Monday at least two days ahead: both Panji Poyon and Sher Khan Bandar are open. */
function nextMonday(): string {
  const d = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 2, 10));
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}
const tradeDeclaration = (f: Fixtures) => ({
  ref: `TBL-${uniq()}`,
  type: 'export',
  consignor: { name: 'Somon Cement LLC', id: 'TJ-TIN-300111', country: 'TJ' },
  consignee: { name: 'Kunduz Builders', id: 'AF-TIN-900222', country: 'AF' },
  items: [{ hsCode: '252329', description: 'Cement', quantity: 400, unit: 'bag', grossMassKg: 20_000, value: 2_400, currency: 'USD', origin: 'TJ' }],
  vehicle: { plate: '4471 TJ 03', nationality: 'TJ' },
  seals: [],
  route: ['Dushanbe', 'Kunduz'],
  exitPointId: f.trade.exit,
  entryPointId: f.trade.entry,
  destinationState: 'AF',
  expectedArrival: nextMonday(),
});
const tradeTransit = (f: Fixtures) => ({
  ref: `TIR-${uniq()}`,
  declarationId: null,
  guarantee: { reference: 'XF61000001', issuer: 'IRU', amountUsd: 100_000 },
  holder: { name: 'Talco Trade', id: 'TJ-TIN-410552', country: 'TJ' },
  vehiclePlate: '4471 TJ 03',
  seals: ['T-1'],
  departureOffice: 'Dushanbe',
  crossingPointIds: [f.trade.exit],
  destinationOffice: 'Kunduz',
  timeLimitHours: 72,
  releasableTo: ['AF'],
});

const partsOf = (route: string) => route.split(' ') as [string, string];

function expectedFor(row: Row, who: User | 'anonymous', fixture?: Fixture): number {
  if (row.allow === PUBLIC) return row.ok;
  if (row.allow === PEER) return 401;
  if (who === 'anonymous') return 401;
  if (row.allow === EVERYONE) return row.ok;
  if (row.allow) return row.allow.includes(who) ? row.ok : 403;
  // One record: the role first, then whether the record is visible, then ownership.
  const f = fixture!;
  if (row.record === 'read') return !ALERT_READERS.includes(who) ? 403 : f.readers.includes(who) ? row.ok : 404;
  if (!ALERT_WRITERS.includes(who)) return 403;
  if (!f.readers.includes(who)) return 404;
  return (row.record === 'lower' ? f.lowerers : f.writers).includes(who) ? row.ok : 403;
}

describe.each(await testDialects())('authorisation table: every endpoint × role × marking × owner (%s)', (dialect) => {
  let node: TestNode;
  const clients = new Map<User, ApiClient>();
  const subjects = new Map<User, Subject>();
  const base: Omit<Fixtures, 'alertId' | 'alertVersion'> = { userId: '', peerId: '', agencyId: '', trade: { exit: '', entry: '', declarationId: '', crossingId: '', transitId: '', marketId: '' } };

  async function login(user: User) {
    const client = await node.as(user);
    clients.set(user, client);
    const u = (await client.get('/api/auth/me')).body.user;
    subjects.set(user, { userId: u.id, roles: u.roles, stateCode: u.state, agencyId: u.agencyId, unitId: u.unitId });
  }

  async function makeAlert(f: Fixture): Promise<string> {
    const marking = { ...DEFAULT_ALERT_MARKING, ...f.marking };
    const body = { subject: { kind: 'person' as const, names: [{ name: 'Table Person', quality: 'good' as const }], birthDates: [], nationalities: [], documents: [] }, reason: 'Table fixture', action: 'arrest' as const, validUntil: null, marking };
    if (f.by !== 'peer') return (await createAlert(node.ctx, subjects.get(f.by)!, body)).id;
    const id = randomUUID();
    await inWriteTransaction(node.ctx.db, (trx) =>
      saveReceivedRecord(trx, {
        type: 'alert',
        id,
        version: 2,
        body: { ...body, validFrom: '2026-01-01', source: 'local', sourceRef: null, active: true },
        marking,
        owner: { node: 'node-peer', state: 'TJ', agencyId: base.agencyId, unitId: null },
        peerId: 'table',
      }),
    );
    return id;
  }

  async function send(row: Row, who: User | 'anonymous', f: Fixtures): Promise<number> {
    const [method, path] = partsOf(row.route);
    const call = row.call?.(f) ?? {};
    const url = call.url ?? path;
    const original = who === 'anonymous' ? null : row.endsSession ? await node.as(who) : clients.get(who)!;
    if (method === 'GET' && path === '/api/stream') {
      const stream = await openStream(node.url, original?.cookie ?? null);
      stream.close();
      return stream.status;
    }
    // A copy of the session, so that a login row does not replace the caller's own.
    const client = Object.assign(new ApiClient(node.url), { cookie: original?.cookie ?? null, csrfToken: original?.csrfToken ?? null });
    const res = await client.request(method, url, call.body, { headers: call.headers, rawBody: call.rawBody });
    return res.status;
  }

  beforeAll(async () => {
    node = await startTestNode(dialect);
    for (const user of USERS) await login(user);
    const admin = clients.get('admin')!;
    base.agencyId = subjects.get('tj.analyst')!.agencyId;
    const target = await admin.post('/api/users', { username: 'table.target', displayName: 'Target', password: 'a-long-password-1', roles: ['reporter'], agencyId: base.agencyId });
    base.userId = target.body.id;
    const peer = await admin.post('/api/federation/peers', { name: 'table-peer', url: 'http://127.0.0.1:9', stateCode: 'UZ', publicKey: publicKey(), nodeId: 'node-table-peer' });
    base.peerId = peer.body.id;
    // Trade fixtures, by tj.customs.
    const units = (await admin.get('/api/units?kind=crossing_point')).body.items as { id: string; ref: string }[];
    base.trade.exit = units.find((u) => u.ref === 'tj-bcp-panji-poyon')!.id;
    base.trade.entry = units.find((u) => u.ref === 'af-bcp-sher-khan-bandar')!.id;
    const customs = clients.get('tj.customs')!;
    const decl = await customs.post('/api/declarations', tradeDeclaration(base as Fixtures));
    base.trade.declarationId = decl.body.id;
    base.trade.crossingId = (await customs.post(`/api/declarations/${decl.body.id}/arrival`, { plate: '4471 TJ 03', grossMassKg: 20_000, seals: [] })).body.id;
    base.trade.transitId = (await customs.post('/api/transits', tradeTransit(base as Fixtures))).body.id;
    base.trade.marketId = (await customs.get('/api/markets')).body.items[0].id;
  }, 120_000);
  afterAll(async () => node?.close());

  it('lists every registered endpoint, and nothing that is not one', { timeout: 60_000 }, async () => {
    const registered = new Set<string>();
    const probe = await buildApp(node.ctx, { onRoute: (r) => r.method !== 'HEAD' && registered.add(`${r.method} ${r.url}`) });
    await probe.close();
    const inTable = new Set(TABLE.map((r) => r.route));
    expect([...registered].filter((r) => !inTable.has(r)), 'endpoints missing from TABLE').toEqual([]);
    expect([...inTable].filter((r) => !registered.has(r)), 'rows for endpoints that do not exist').toEqual([]);
  });

  const plain = TABLE.filter((r) => !r.record);
  // Generous timeouts: a row makes ten requests, some with a password hash, on a shared machine.
  it.each(plain.map((r) => [r.route, r] as const))('%s', { timeout: 180_000 }, async (_route, row) => {
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const who of ['anonymous', ...USERS] as const) {
      want[who] = expectedFor(row, who);
      got[who] = await send(row, who, { ...base, alertId: '', alertVersion: 0 } as Fixtures);
    }
    expect(got).toEqual(want);
  });

  const onRecords = TABLE.filter((r) => r.record).flatMap((r) => Object.keys(FIXTURES).map((fixture) => [`${r.route}${r.variant ? ` (${r.variant})` : ''}`, fixture, r] as const));
  it.each(onRecords)('%s on an alert: %s', { timeout: 180_000 }, async (_route, fixtureName, row) => {
    const fixture = FIXTURES[fixtureName]!;
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const who of ['anonymous', ...USERS] as const) {
      // A fresh alert per caller: a change by one must not decide the next one's answer.
      const alertId = await makeAlert(fixture);
      const alertVersion = (await findRecord(node.ctx.db.kysely, 'alert', alertId))!.version;
      want[who] = expectedFor(row, who, fixture);
      got[who] = await send(row, who, { ...base, alertId, alertVersion });
      if (got[who] !== 200 && row.record !== 'read') expect((await findRecord(node.ctx.db.kysely, 'alert', alertId))!.version, `${who} changed it`).toBe(alertVersion);
    }
    expect(got).toEqual(want);
  });
});

