import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNodeKeyPair, privateKeyFromPem, type SignedEnvelope } from '../domain/federation/envelope.ts';
import { keyFingerprint } from '../domain/federation/key-fingerprint.ts';
import { signRequest } from '../domain/federation/request-signing.ts';
import { canonicalJson } from '../domain/records/content-hash.ts';
import type { ApiClient } from '../server/testing/api-client.ts';
import { testDialects } from '../server/testing/databases.ts';
import { startPair, type Pair } from '../server/testing/federation-pair.ts';
import { currentAgreement, findPeer } from '../store/federation.repository.ts';
import { rotateNodeKey } from './key-rotation.ts';
import { pullFromPeer, receiveEnvelope } from './sync.ts';
import { UNKNOWN_CALLER_ROWS_PER_MINUTE } from './unknown-callers.ts';

const AGREEMENT = { types: ['alert', 'meeting', 'action_item'], maxTlp: 'AMBER', personalData: true };
/** A port nothing listens on (taken from the system, then let go): connecting is refused. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

type Status = { items: { peer: { name: string }; [k: string]: any }[]; [k: string]: any };

/**
 * The peer status API between two real nodes, on each database: counts per type after a sync agree on both sides,
 * a tampered envelope and a replayed request show under their reasons, unknown callers are
 * counted, a failing peer is down with the reason, key fingerprints and a rotation's overlap
 * show, and only administrators may look.
 */
describe.each(await testDialects())('peer status (%s)', { timeout: 180_000 }, (dialect) => {
  let pair: Pair;
  let tjAnalyst: ApiClient;
  const status = async (client: ApiClient, path = '/api/federation/status'): Promise<Status> => {
    const res = await client.get(path);
    expect(res.status, res.text).toBe(200);
    return res.body as Status;
  };
  const peerIn = (s: Status, name: string) => s.items.find((i) => i.peer.name === name)!;
  const countsOf = (byType: { type: string; [k: string]: unknown }[], field: string) => Object.fromEntries(byType.map((t) => [t.type, t[field]]));

  beforeAll(async () => {
    pair = await startPair(dialect, { agreement: AGREEMENT });
    tjAnalyst = await pair.tj.as('tj.analyst');
  }, 120_000);
  afterAll(async () => pair?.close());

  it('after a sync, records sent per type on TJ match records received per type on AF, and both links are ok', async () => {
    for (const plate of ['01 ТТ 1001', '01 ТТ 1002', '01 ТТ 1003']) {
      const a = await tjAnalyst.post('/api/alerts', { subject: { kind: 'vehicle', plate, description: null }, reason: 'Peer status probe', action: 'discreet_check', marking: { tlp: 'AMBER', releasableTo: { states: ['AF'] } } });
      expect(a.status, a.text).toBe(201);
    }
    const commander = await pair.tj.as('tj.commander');
    const units = (await commander.get('/api/units')).body.items as { id: string; pairedWithId: string | null }[];
    const blo = units.find((u) => u.pairedWithId)!;
    const meeting = await commander.post('/api/meetings', { title: 'Status probe meeting', startsAt: inDays(3), endsAt: inDays(3.1), timeZone: 'Asia/Dushanbe', location: 'Panji Poyon', participantUnitIds: [blo.id, blo.pairedWithId], agenda: ['Figures'] });
    expect(meeting.status, meeting.text).toBe(201);
    for (const title of ['Send the figures', 'Check the gauges']) {
      const item = await commander.post(`/api/meetings/${meeting.body.id}/actions`, { title, owner: { kind: 'unit', id: blo.id }, dueDate: inDays(10).slice(0, 10) });
      expect(item.status, item.text).toBe(201);
    }
    const sync = await pair.afAdmin.post(`/api/federation/peers/${pair.tjOnAf}/sync`);
    expect(sync.status, sync.text).toBe(200);
    expect(sync.body.rejected).toBe(0);

    const afOnTj = peerIn(await status(pair.tjAdmin), 'sarhad-af');
    const tjOnAf = peerIn(await status(pair.afAdmin), 'sarhad-tj');
    const sent = countsOf(afOnTj.outgoing.byType, 'delivered');
    expect(sent.alert).toBeGreaterThanOrEqual(3);
    expect(sent.meeting).toBeGreaterThanOrEqual(1);
    expect(sent.action_item).toBeGreaterThanOrEqual(2);
    expect(countsOf(tjOnAf.incoming.byType, 'held')).toEqual(sent);
    expect(afOnTj.outgoing).toMatchObject({ unacked: 0, backlog: 0, oldestUnackedSentAt: null });
    expect(tjOnAf.incoming.backlog).toBe(0);
    for (const [side, name] of [[afOnTj, 'TJ sees AF'], [tjOnAf, 'AF sees TJ']] as const) {
      expect(side.health, name).toEqual({ state: 'ok', reasons: [] });
      expect(side.lastContactAt, name).not.toBeNull();
      expect(side.lastFailure, name).toBeNull();
    }
  });

  it('a tampered envelope and a replayed request show under their reasons, with time and detail', async () => {
    const kysely = pair.af.ctx.db.kysely;
    const kept = await kysely.selectFrom('received_envelopes').select('envelope_json').where('type', '=', 'alert').limit(1).executeTakeFirstOrThrow();
    const tampered = JSON.parse(kept.envelope_json) as SignedEnvelope;
    (tampered.body as { reason: string }).reason = 'Changed on the way';
    const tj = (await findPeer(kysely, { id: pair.tjOnAf }))!;
    expect(await receiveEnvelope(pair.af.ctx, tj, tampered, await currentAgreement(kysely, tj.id))).toMatchObject({ status: 'rejected', reason: 'BAD_SIGNATURE' });

    // AF's next feed request, captured on the way and sent to TJ again: the nonce was used.
    let captured: { url: string; init: RequestInit } | null = null;
    await pullFromPeer(pair.af.ctx, { id: pair.tjOnAf }, { fetchImpl: (url, init) => ((captured ??= { url: String(url), init: init! }), fetch(url, init)) });
    const again = await fetch(captured!.url, captured!.init);
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('REQUEST_REPLAYED');

    const onAf = peerIn(await status(pair.afAdmin), 'sarhad-tj');
    expect(onAf.rejections.byCode).toMatchObject({ BAD_SIGNATURE: 1 });
    expect(onAf.rejections.recent[0]).toMatchObject({ code: 'BAD_SIGNATURE', kind: 'envelope', recordId: tampered.id, version: tampered.version, at: expect.any(String) });
    expect(onAf.health).toEqual({ state: 'degraded', reasons: ['RECENT_REFUSALS'] });
    const onTj = peerIn(await status(pair.tjAdmin), 'sarhad-af');
    expect(onTj.rejections.byCode).toMatchObject({ REQUEST_REPLAYED: 1 });
    expect(onTj.rejections.recent[0]).toMatchObject({ code: 'REQUEST_REPLAYED', kind: 'request', detail: 'POST /api/federation/feed' });
    expect(onTj.rejections.total).toBe(Object.values(onTj.rejections.byCode as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(onTj.health.state).toBe('degraded');
    // ?recent= bounds the list (validated).
    expect((await status(pair.tjAdmin, '/api/federation/status?recent=1')).items[0]!.rejections.recent).toHaveLength(1);
    expect((await pair.tjAdmin.get('/api/federation/status?recent=0')).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('calls signed by a node id that is not a registered peer are counted per node id', async () => {
    const stranger = generateNodeKeyPair();
    const body = { limit: 10, agreement: {} };
    for (let i = 0; i < 2; i++) {
      const headers = signRequest('stranger-node-1', 'POST', '/api/federation/feed', privateKeyFromPem(stranger.privateKeyPem), new Date(), canonicalJson(body));
      const res = await pair.tj.anonymous().request('POST', '/api/federation/feed', body, { headers });
      expect(res.body.error.code).toBe('PEER_UNKNOWN');
    }
    const s = await status(pair.tjAdmin);
    expect(s.unknownCallers.total).toBe(2);
    expect(s.unknownCallers.byNode).toEqual([{ nodeId: 'stranger-node-1', count: 2, lastAt: expect.any(String) }]);
    expect(s.unknownCallers.recent[0]).toMatchObject({ nodeId: 'stranger-node-1', code: 'PEER_UNKNOWN', detail: '/api/federation/feed' });
    // Not charged to any peer.
    expect(peerIn(s, 'sarhad-af').rejections.byCode.PEER_UNKNOWN).toBeUndefined();
  });

  it('a flood of unknown callers is refused in full but written down only up to the budget a minute', async () => {
    const stranger = generateNodeKeyPair();
    const body = { limit: 10, agreement: {} };
    const before = (await status(pair.tjAdmin)).unknownCallers;
    // More than two minutes' budget, so the cap shows even if the calls straddle a minute.
    const calls = 2 * UNKNOWN_CALLER_ROWS_PER_MINUTE + 15;
    const codes = await Promise.all(
      Array.from({ length: calls }, async () => {
        const headers = signRequest('flood-node', 'POST', '/api/federation/feed', privateKeyFromPem(stranger.privateKeyPem), new Date(), canonicalJson(body));
        return (await pair.tj.anonymous().request('POST', '/api/federation/feed', body, { headers })).body.error.code as string;
      }),
    );
    expect(new Set(codes)).toEqual(new Set(['PEER_UNKNOWN']));
    const after = (await status(pair.tjAdmin)).unknownCallers;
    const written = after.total - before.total;
    const unrecorded = after.unrecorded - before.unrecorded;
    expect(written).toBeLessThanOrEqual(2 * UNKNOWN_CALLER_ROWS_PER_MINUTE);
    expect(written + unrecorded).toBe(calls);
    expect(after.recordedPerMinute).toBe(UNKNOWN_CALLER_ROWS_PER_MINUTE);
  });

  it('a peer that cannot be reached is down, with the time and reason of the last failed pull (kept in the database)', async () => {
    const uz = generateNodeKeyPair();
    const closed = await freePort();
    const added = await pair.tjAdmin.post('/api/federation/peers', { name: 'sarhad-uz', url: `http://127.0.0.1:${closed}`, stateCode: 'UZ', publicKey: uz.publicKey, nodeId: 'uz-node-1' });
    expect(added.status, added.text).toBe(201);
    expect(peerIn(await status(pair.tjAdmin), 'sarhad-uz').health).toEqual({ state: 'down', reasons: ['NEVER_CONTACTED'] });
    for (let i = 0; i < 2; i++) expect((await pair.tjAdmin.post(`/api/federation/peers/${added.body.id}/sync`)).body.error.code).toBe('PEER_UNREACHABLE');
    const down = peerIn(await status(pair.tjAdmin), 'sarhad-uz');
    expect(down.health).toEqual({ state: 'down', reasons: ['UNREACHABLE'] });
    expect(down.lastFailure).toMatchObject({ at: expect.any(String), reason: 'fetch failed (ECONNREFUSED)', consecutive: 2 });
    expect(down.keys).toMatchObject({ fingerprint: keyFingerprint(uz.publicKey), previous: [] });
    expect(down.outgoing.byType).toEqual([]);
  });

  it('shows both key fingerprints, and after AF rotates its key, the overlap on TJ and the hand-over on AF', async () => {
    const tjKey = (await pair.tj.anonymous().get('/api/federation/node')).body.publicKey as string;
    const afKey = (await pair.af.anonymous().get('/api/federation/node')).body.publicKey as string;
    expect((await status(pair.tjAdmin)).node.key).toMatchObject({ fingerprint: keyFingerprint(tjKey), publicKey: tjKey, retired: [] });
    expect(peerIn(await status(pair.tjAdmin), 'sarhad-af').keys).toMatchObject({ fingerprint: keyFingerprint(afKey), previous: [], handover: null });

    const { handover } = await rotateNodeKey(pair.af.ctx);
    const onTj = peerIn(await status(pair.tjAdmin), 'sarhad-af').keys;
    expect(onTj).toMatchObject({ fingerprint: keyFingerprint(handover.newKey), previous: [{ fingerprint: keyFingerprint(afKey), validUntil: handover.at }] });
    const onAf = await status(pair.afAdmin);
    expect(onAf.node.key).toMatchObject({ fingerprint: keyFingerprint(handover.newKey), retired: [{ fingerprint: keyFingerprint(afKey), retiredAt: handover.at }] });
    expect(peerIn(onAf, 'sarhad-tj').keys.handover).toMatchObject({ at: handover.at, delivered: true });
  });

  it('is for administrators only: others get the stable 403, anonymous callers 401', async () => {
    for (const client of [tjAnalyst, await pair.af.as('af.liaison')]) {
      const res = await client.get('/api/federation/status');
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
    }
    expect((await pair.tj.anonymous().get('/api/federation/status')).status).toBe(401);
  });
});
