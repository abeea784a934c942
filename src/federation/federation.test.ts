import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeDigest, generateNodeKeyPair, privateKeyFromPem, signEnvelope, type SignedEnvelope } from '../domain/federation/envelope.ts';
import { signRequest } from '../domain/federation/request-signing.ts';
import type { RecordChange } from '../domain/records/record.ts';
import { DEFAULT_ALERT_MARKING } from '../services/alerts.service.ts';
import type { ApiClient } from '../server/testing/api-client.ts';
import { testDialects } from '../server/testing/databases.ts';
import { startTestNode, type TestNode } from '../server/testing/test-node.ts';
import { verifyAuditChain } from '../store/audit.repository.ts';
import { currentAgreement, findPeer, type Peer } from '../store/federation.repository.ts';
import { saveRecord } from '../store/records.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { nodeSigner } from './keys.ts';
import { fetchFeedPage, receiveEnvelope } from './sync.ts';
import { signedTermsFor } from './feed.ts';
import { canonicalJson } from '../domain/records/content-hash.ts';

const person = (name: string, releasableTo: string[]) => ({
  subject: { kind: 'person', names: [{ name, quality: 'good' }], birthDates: [{ kind: 'exact', date: '1984-03-12' }], nationalities: ['TJ'], documents: ['401234567'] },
  reason: 'Wanted for trafficking of heroin across the Panj (case 17/2026)',
  action: 'arrest',
  marking: { tlp: 'AMBER', releasableTo: { states: releasableTo } },
});

describe.each(await testDialects())('federation of alerts between a TJ and an AF node (%s)', (dialect) => {
  let tj: TestNode;
  let af: TestNode;
  let tjAdmin: ApiClient;
  let afAdmin: ApiClient;
  let analyst: ApiClient;
  let afCustoms: ApiClient;
  let tjInfo: { nodeId: string; publicKey: string; state: string; name: string };
  let afInfo: typeof tjInfo;
  let afPeerOnTj: string; // TJ's peer record for AF
  let tjPeerOnAf: string; // AF's peer record for TJ
  const ids = { a: '', b: '', c: '', d: '', e: '', held: '' };

  const sync = async () => {
    const res = await afAdmin.post(`/api/federation/peers/${tjPeerOnAf}/sync`);
    expect(res.status, res.text).toBe(200);
    return res.body as { stored: number; ignored: number; rejected: number; cursor: number; rejections: unknown[] };
  };
  const afAlert = (id: string) => af.ctx.db.kysely.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  const peerOnAf = async (): Promise<Peer> => (await findPeer(af.ctx.db.kysely, { id: tjPeerOnAf }))!;
  /** A feed request to TJ signed as AF would sign it, with overrides to break it. */
  const feedBody = async (limit = 10) => {
    const peer = await peerOnAf();
    return { limit, agreement: await signedTermsFor(af.ctx, peer, await currentAgreement(af.ctx.db.kysely, peer.id)) };
  };
  const feedAsAf = async (over: { nodeId?: string; key?: string; now?: Date; path?: string; body?: object; headers?: Record<string, string> } = {}) => {
    const path = over.path ?? '/api/federation/feed';
    const key = over.key ? privateKeyFromPem(over.key) : (await nodeSigner(af.ctx)).privateKey;
    const body = over.body ?? (await feedBody());
    const headers = over.headers ?? signRequest(over.nodeId ?? af.ctx.node.id, 'POST', path, key, over.now, canonicalJson(body));
    const res = await tj.anonymous().request('POST', path, body, { headers });
    return Object.assign(res, { sentHeaders: headers, sentBody: body });
  };

  beforeAll(async () => {
    [tj, af] = await Promise.all([startTestNode(dialect), startTestNode(dialect, { nodeState: 'AF', nodeName: 'sarhad-af' })]);
    [tjAdmin, afAdmin, analyst, afCustoms] = await Promise.all([tj.as('admin'), af.as('admin'), tj.as('tj.analyst'), af.as('af.customs')]);
    tjInfo = (await tj.anonymous().get('/api/federation/node')).body;
    afInfo = (await af.anonymous().get('/api/federation/node')).body;

    // TJ registers AF with its node id; AF registers TJ by key only and reads TJ's id from its URL.
    const p1 = await tjAdmin.post('/api/federation/peers', { name: 'sarhad-af', url: af.url, stateCode: 'AF', publicKey: afInfo.publicKey, nodeId: afInfo.nodeId });
    expect(p1.status, p1.text).toBe(201);
    afPeerOnTj = p1.body.id;
    const p2 = await afAdmin.post('/api/federation/peers', { name: 'sarhad-tj', url: tj.url, stateCode: 'TJ', publicKey: tjInfo.publicKey });
    expect(p2.status, p2.text).toBe(201);
    expect(p2.body.nodeId).toBe(tjInfo.nodeId);
    tjPeerOnAf = p2.body.id;
    const agreement = { types: ['alert'], maxTlp: 'AMBER', personalData: true };
    expect((await tjAdmin.post(`/api/federation/peers/${afPeerOnTj}/agreements`, agreement)).status).toBe(201);
    expect((await afAdmin.post(`/api/federation/peers/${tjPeerOnAf}/agreements`, agreement)).status).toBe(201);

    const a = await analyst.post('/api/alerts', person('Ҷамшед Раҳмонов', ['AF']));
    const b = await analyst.post('/api/alerts', person('Фаридун Султонов', []));
    const c = await analyst.post('/api/alerts', { ...person('Бахтиёр Назаров', ['AF']), marking: { tlp: 'RED', releasableTo: { states: ['AF'] } } });
    for (const r of [a, b, c]) expect(r.status, r.text).toBe(201);
    Object.assign(ids, { a: a.body.id, b: b.body.id, c: c.body.id });
  }, 180_000);
  afterAll(async () => {
    await Promise.all([tj?.close(), af?.close()]);
  });

  it('each node publishes its identity and public key, never the private key', async () => {
    expect(tjInfo).toMatchObject({ nodeId: tj.ctx.node.id, state: 'TJ', publicKeyFormat: 'ed25519-raw-base64' });
    expect(afInfo).toMatchObject({ nodeId: af.ctx.node.id, state: 'AF', name: 'sarhad-af' });
    expect(Buffer.from(afInfo.publicKey, 'base64')).toHaveLength(32);
    expect(JSON.stringify(afInfo)).not.toMatch(/PRIVATE/);
    // AF demo users on the AF node belong to AF.
    expect((await afCustoms.get('/api/auth/me')).body.user.state).toBe('AF');
    expect((await afAdmin.get('/api/auth/me')).body.user.state).toBe('AF');
  });

  it('peers and agreements are for administrators only', async () => {
    expect((await analyst.get('/api/federation/peers')).status).toBe(403);
    expect((await tj.anonymous().get('/api/federation/peers')).status).toBe(401);
    expect((await analyst.post(`/api/federation/peers/${afPeerOnTj}/agreements`, { types: ['alert'], maxTlp: 'GREEN', personalData: true })).status).toBe(403);
    expect((await analyst.post('/api/federation/peers', { name: 'x', url: af.url, stateCode: 'AF', publicKey: afInfo.publicKey, nodeId: afInfo.nodeId })).status).toBe(403);
    const bad = await tjAdmin.post(`/api/federation/peers/${afPeerOnTj}/agreements`, { types: ['alert'], maxTlp: 'RED', personalData: true });
    expect(bad.status).toBe(400);
    const wrongKey = await afAdmin.post('/api/federation/peers', { name: 'other', url: tj.url, stateCode: 'TJ', publicKey: afInfo.publicKey });
    expect(wrongKey.status).toBe(400);
    const list = await tjAdmin.get('/api/federation/peers');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ name: 'sarhad-af', stateCode: 'AF', agreement: { types: ['alert'], maxTlp: 'AMBER', personalData: true, active: true } });
  });

  it('AF pulls: only the AMBER alert released to AF arrives, verified and read-only', async () => {
    const summary = await sync();
    expect(summary).toMatchObject({ stored: 1, rejected: 0 });
    const copy = await afAlert(ids.a);
    expect(copy).toMatchObject({ version: 1, owner_node: tj.ctx.node.id, owner_state: 'TJ' });
    expect(JSON.parse(copy!.marking_json)).toMatchObject({ tlp: 'AMBER', releasableTo: { states: ['AF'] } });
    expect(await afAlert(ids.b)).toBeUndefined();
    expect(await afAlert(ids.c)).toBeUndefined();
    // The received copy has history; its outbox row only lets AF re-evaluate onward sharing (not agreed here: it goes nowhere).
    const versions = await af.ctx.db.kysely.selectFrom('record_versions').select('version').where('record_id', '=', ids.a).execute();
    expect(versions.map((v) => Number(v.version))).toEqual([1]);
    expect((await af.ctx.db.kysely.selectFrom('outbox').select('op').where('record_id', '=', ids.a).execute()).map((r) => r.op)).toEqual(['receive']);
    // Both sides audit, with ids and versions only.
    const sent = await tj.ctx.db.kysely.selectFrom('audit_log').select(['entity_id', 'detail_json']).where('action', '=', 'federation.send').execute();
    expect(sent.map((s) => s.entity_id)).toEqual([ids.a]);
    const received = await af.ctx.db.kysely.selectFrom('audit_log').select(['entity_id', 'detail_json']).where('action', '=', 'federation.receive').execute();
    expect(received.map((s) => s.entity_id)).toEqual([ids.a]);
    expect([...sent, ...received].map((s) => s.detail_json).join(' ')).not.toMatch(/Раҳмонов|401234567/);
  });

  it('af.customs on the AF node gets a hit on the received alert from a Dari spelling', async () => {
    const res = await afCustoms.post('/api/screen', { name: 'جمشید رحمانوف' });
    expect(res.status).toBe(200);
    expect(res.body.hits.map((h: { alertId: string }) => h.alertId)).toContain(ids.a);
  });

  it('pulling again transfers nothing: everything sent was receipted, and the feed answers "nothing new"', async () => {
    const summary = await sync();
    expect(summary).toMatchObject({ stored: 0, ignored: 0, rejected: 0, backlog: 0 });
    const page = await feedAsAf();
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ envelopes: [], page: { count: 0, more: false, backlog: 0, from: tj.ctx.node.id, to: af.ctx.node.id, state: 'TJ' } });
    // TJ holds AF's signed receipt for the alert it sent.
    const receipts = await tj.ctx.db.kysely.selectFrom('fed_receipts').select(['receipt_json', 'direction']).execute();
    expect(receipts.map((r) => r.direction)).toEqual(['in']);
    expect(JSON.parse(receipts[0]!.receipt_json)).toMatchObject({ from: af.ctx.node.id, to: tj.ctx.node.id, items: [{ id: ids.a, version: 1, op: 'put', status: 'applied' }] });
  });

  it('an update on TJ reaches AF as version 2, linked to version 1', async () => {
    const upd = await analyst.patch(`/api/alerts/${ids.a}`, { reason: 'Wanted for trafficking of heroin and opium across the Panj', version: 1 });
    expect(upd.status, upd.text).toBe(200);
    expect(upd.body.version).toBe(2);
    const heard: RecordChange[] = [];
    const off = af.ctx.events.subscribe((c) => heard.push(c));
    expect(await sync()).toMatchObject({ stored: 1, rejected: 0 });
    off();
    // Announced after commit (screening index, SSE), with the marking as its audience.
    expect(heard).toEqual([
      expect.objectContaining({ type: 'alert', id: ids.a, version: 2, op: 'update', audience: expect.objectContaining({ marking: expect.objectContaining({ tlp: 'AMBER' }) }) }),
    ]);
    const copy = await afAlert(ids.a);
    expect(copy).toMatchObject({ version: 2, reason: 'Wanted for trafficking of heroin and opium across the Panj' });
    const stored = await af.ctx.db.kysely.selectFrom('received_envelopes').select(['version', 'envelope_json']).where('record_id', '=', ids.a).orderBy('version').execute();
    const [v1, v2] = stored.map((s) => JSON.parse(s.envelope_json) as SignedEnvelope);
    expect(v2!.prev).toBe(envelopeDigest(v1!));
  });

  it('local users on AF cannot modify the received alert; only the owner issues versions', async () => {
    for (const username of ['af.liaison', 'tj.analyst']) {
      const user = await af.as(username);
      const patch = await user.patch(`/api/alerts/${ids.a}`, { reason: 'changed on the AF node' });
      expect(patch.status).toBe(403);
      expect(patch.body.error.code).toBe('FORBIDDEN');
      expect((await user.post(`/api/alerts/${ids.a}/revoke`)).status).toBe(403);
    }
    // Even the store's local write path refuses it.
    const copy = (await afAlert(ids.a))!;
    await expect(
      inWriteTransaction(af.ctx.db, (trx) =>
        saveRecord(trx, {
          type: 'alert',
          id: ids.a,
          body: { subject: JSON.parse(copy.subject_json), reason: 'x'.repeat(5), action: 'arrest', validFrom: copy.valid_from, validUntil: null, source: 'local', sourceRef: null, active: false },
          marking: DEFAULT_ALERT_MARKING,
          owner: { node: af.ctx.node.id, state: 'AF', agencyId: null, unitId: null },
          actor: 'test',
        }),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await afAlert(ids.a)).toMatchObject({ version: 2, active: 1 });
  });

  it('revoking on TJ propagates: AF stops raising the alert', async () => {
    const revoked = await analyst.post(`/api/alerts/${ids.a}/revoke`, { version: 2 });
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body).toMatchObject({ version: 3, active: false });
    expect(await sync()).toMatchObject({ stored: 1 });
    expect(await afAlert(ids.a)).toMatchObject({ version: 3, active: 0 });
    const res = await afCustoms.post('/api/screen', { name: 'جمشید رحمانوف' });
    expect(res.body.hits.map((h: { alertId: string }) => h.alertId)).not.toContain(ids.a);
  });

  it('a tampered envelope is rejected and nothing is written; the genuine one is then accepted', async () => {
    const plate = await analyst.post('/api/alerts', {
      subject: { kind: 'vehicle', plate: '01 ТТ 7777', description: 'blue Kamaz' },
      reason: 'Carried precursors',
      action: 'discreet_check',
      marking: { tlp: 'AMBER', releasableTo: { states: ['AF'] } },
    });
    const peer = await peerOnAf();
    const page = await fetchFeedPage(af.ctx, peer, 50);
    const genuine = (page.envelopes as SignedEnvelope[]).find((e) => e.id === plate.body.id)!;
    expect(genuine).toBeDefined();
    const agreement = await currentAgreement(af.ctx.db.kysely, peer.id);
    const tampered: SignedEnvelope[] = [
      { ...genuine, body: { ...(genuine.body as object), action: 'arrest' } },
      { ...genuine, marking: { ...genuine.marking, hops: 5 } },
      { ...genuine, version: 7 },
    ];
    for (const t of tampered) {
      expect(await receiveEnvelope(af.ctx, peer, t, agreement)).toMatchObject({ status: 'rejected', reason: 'BAD_SIGNATURE' });
    }
    expect(await afAlert(plate.body.id)).toBeUndefined();
    expect(await af.ctx.db.kysely.selectFrom('record_versions').select('version').where('record_id', '=', plate.body.id).execute()).toEqual([]);
    expect(await af.ctx.db.kysely.selectFrom('received_envelopes').select('version').where('record_id', '=', plate.body.id).execute()).toEqual([]);
    const rejections = await af.ctx.db.kysely.selectFrom('audit_log').select('entity_id').where('action', '=', 'federation.reject').execute();
    expect(rejections.filter((r) => r.entity_id === plate.body.id)).toHaveLength(3);

    // A validly signed envelope from TJ cannot overwrite a record AF owns.
    const local = await (await af.as('af.liaison')).post('/api/alerts', {
      subject: { kind: 'vehicle', plate: 'KBL 1234', description: null },
      reason: 'Stolen vehicle',
      action: 'inform_owner',
      marking: { tlp: 'GREEN' },
    });
    expect(local.status).toBe(201);
    const { signature: _s, ...unsigned } = genuine;
    const hijack = signEnvelope({ ...unsigned, id: local.body.id, version: 9, prev: null }, (await nodeSigner(tj.ctx)).privateKey);
    expect(await receiveEnvelope(af.ctx, peer, hijack, agreement)).toMatchObject({ status: 'rejected', reason: 'CONFLICT' });
    expect(await afAlert(local.body.id)).toMatchObject({ version: 1, owner_node: af.ctx.node.id, reason: 'Stolen vehicle' });

    expect(await receiveEnvelope(af.ctx, peer, genuine, agreement)).toMatchObject({ status: 'stored' });
    expect(await receiveEnvelope(af.ctx, peer, genuine, agreement)).toMatchObject({ status: 'ignored' });
    expect(await afAlert(plate.body.id)).toMatchObject({ version: 1, subject_kind: 'vehicle' });
  });

  it('under an agreement without personal data, person alerts stay home (held ones are withdrawn) but a vehicle alert goes', async () => {
    const held = await analyst.post('/api/alerts', person('Олим Шарипов', ['AF']));
    expect(await sync()).toMatchObject({ stored: 1 });
    expect(await afAlert(held.body.id)).toMatchObject({ version: 1, deleted_at: null });
    const changed = await tjAdmin.post(`/api/federation/peers/${afPeerOnTj}/agreements`, { types: ['alert'], maxTlp: 'AMBER', personalData: false, redact: ['subject.description'] });
    expect(changed.status).toBe(201);
    const d = await analyst.post('/api/alerts', person('Шерали Каримов', ['AF']));
    const e = await analyst.post('/api/alerts', {
      subject: { kind: 'vehicle', plate: '02 ТТ 4321', description: 'white Kamaz truck' },
      reason: 'Vehicle used to carry precursors',
      action: 'discreet_check',
      marking: { tlp: 'AMBER', releasableTo: { states: ['AF'] } },
    });
    const summary = await sync();
    // The walk restarts at 0 under the new agreement: the person alerts AF holds (the new one and
    // the revoked (a), at the very version AF has) are withdrawn; the vehicle arrives.
    // The vehicle alert AF already held (the plate above) is re-sent redacted at the same version:
    // adding a redaction reaches copies already held.
    expect(summary).toMatchObject({ stored: 2, withdrawn: 2, rejected: 0 });
    const plateCopy = await af.ctx.db.kysely.selectFrom('alerts').select(['subject_json', 'version']).where('subject_kind', '=', 'vehicle').where('owner_node', '=', tj.ctx.node.id).execute();
    expect(plateCopy.map((p) => JSON.parse(p.subject_json).description)).toEqual([null, null]);
    expect((await afAlert(ids.a))!.deleted_at).not.toBeNull();
    expect(await afAlert(d.body.id)).toBeUndefined();
    const withdrawn = await afAlert(held.body.id);
    expect(withdrawn).toMatchObject({ version: 1 });
    expect(withdrawn!.deleted_at).not.toBeNull();
    expect((await afCustoms.post('/api/screen', { name: 'Olim Sharipov' })).body.hits.map((h: { alertId: string }) => h.alertId)).not.toContain(held.body.id);
    const vehicle = await afAlert(e.body.id);
    expect(vehicle).toMatchObject({ subject_kind: 'vehicle', owner_node: tj.ctx.node.id });
    // Redacted before signing: the receiver holds a validly signed copy without the field.
    expect(JSON.parse(vehicle!.subject_json)).toMatchObject({ plate: '02 ТТ 4321', description: null });
    const env = await af.ctx.db.kysely.selectFrom('received_envelopes').select('envelope_json').where('record_id', '=', e.body.id).executeTakeFirstOrThrow();
    expect(JSON.parse(env.envelope_json)).toMatchObject({ redacted: ['subject.description'] });
    expect(env.envelope_json).not.toMatch(/white Kamaz/);
    const res = await afCustoms.post('/api/screen', { plate: '02TT4321' });
    expect(res.body.hits.map((h: { alertId: string }) => h.alertId)).toContain(e.body.id);
    ids.e = e.body.id;
    ids.d = d.body.id;
    ids.held = held.body.id;
  });

  it('when TJ stops releasing an alert to AF, a signed withdrawal removes the copy AF holds', async () => {
    const tightened = await analyst.patch(`/api/alerts/${ids.e}`, { marking: { tlp: 'AMBER', releasableTo: { states: [] } }, version: 1 });
    expect(tightened.status, tightened.text).toBe(200);
    expect(await sync()).toMatchObject({ stored: 0, withdrawn: 1, rejected: 0 });
    const copy = await afAlert(ids.e);
    expect(copy).toMatchObject({ version: 2 });
    expect(copy!.deleted_at).not.toBeNull();
    const withdrawal = await af.ctx.db.kysely.selectFrom('received_envelopes').select('envelope_json').where('record_id', '=', ids.e).where('version', '=', 2).where('op', '=', 'withdraw').executeTakeFirstOrThrow();
    expect(JSON.parse(withdrawal.envelope_json)).toMatchObject({ op: 'withdraw', body: null });
    expect(withdrawal.envelope_json).not.toMatch(/02 ТТ 4321/);
    const res = await afCustoms.post('/api/screen', { plate: '02TT4321' });
    expect(res.body.hits.map((h: { alertId: string }) => h.alertId)).not.toContain(ids.e);
    const listed = await (await af.as('af.liaison')).get('/api/alerts');
    expect(listed.body.items.map((a: { id: string }) => a.id)).not.toContain(ids.e);
    // Released again: version 3 arrives and the copy is back.
    // Releasing further is lowering the marking: the owning agency's validator, with a reason.
    const validator = await tj.as('tj.validator');
    const released = await validator.patch(`/api/alerts/${ids.e}`, { marking: { tlp: 'AMBER', releasableTo: { states: ['AF'] } }, markingReason: 'AF border police asked for it again', version: 2 });
    expect(released.status, released.text).toBe(200);
    expect(await sync()).toMatchObject({ stored: 1 });
    expect(await afAlert(ids.e)).toMatchObject({ version: 3, deleted_at: null });
    // Sending is audited once per page: an entry names the record when it was alone in its page,
    // else the count and the sha256 of the page's "id@version" lines (checked in delivery.test.ts).
    const sent = await tj.ctx.db.kysely.selectFrom('audit_log').select(['action', 'entity_id', 'detail_json']).where('action', 'in', ['federation.send', 'federation.withdraw']).orderBy('seq').execute();
    const covering = sent.filter((a) => a.entity_id === ids.e || (a.entity_id === null && (JSON.parse(a.detail_json) as { count: number }).count > 1));
    expect(covering.map((a) => a.action).filter((a, i, all) => i === 0 || all[i - 1] !== a)).toEqual(['federation.send', 'federation.withdraw', 'federation.send']);
    expect(sent.filter((a) => a.entity_id === ids.e).map((a) => a.action).slice(-2)).toEqual(['federation.withdraw', 'federation.send']);
  });

  it('widening the agreement again restores copies withdrawn at the same version and sends what was held back', async () => {
    expect((await tjAdmin.post(`/api/federation/peers/${afPeerOnTj}/agreements`, { types: ['alert'], maxTlp: 'AMBER', personalData: true })).status).toBe(201);
    // 3 come back or arrive; the 2 vehicle alerts are re-sent without the redaction (it was lifted).
    expect(await sync()).toMatchObject({ stored: 5, withdrawn: 0, rejected: 0 });
    expect(await afAlert(ids.held)).toMatchObject({ version: 1, deleted_at: null, active: 1 });
    expect(await afAlert(ids.a)).toMatchObject({ version: 3, deleted_at: null, active: 0 });
    expect(await afAlert(ids.d)).toMatchObject({ version: 1, deleted_at: null });
    const res = await afCustoms.post('/api/screen', { name: 'Olim Sharipov' });
    expect(res.body.hits.map((h: { alertId: string }) => h.alertId)).toContain(ids.held);
    expect(await sync()).toMatchObject({ stored: 0, withdrawn: 0, ignored: 0 });
  });

  it('the alerts never released to AF never left TJ', async () => {
    const sent = await tj.ctx.db.kysely.selectFrom('audit_log').select('entity_id').where('action', '=', 'federation.send').execute();
    for (const id of [ids.b, ids.c]) {
      expect(sent.map((s) => s.entity_id)).not.toContain(id);
      expect(await afAlert(id)).toBeUndefined();
    }
  });

  it("both nodes' audit chains stay intact through sending, receiving, rejecting and withdrawing", async () => {
    for (const node of [tj, af]) expect(await verifyAuditChain(node.ctx.db)).toMatchObject({ ok: true });
    const actions = await af.ctx.db.kysely.selectFrom('audit_log').select('action').where('action', 'like', 'federation.%').execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['federation.peer_add', 'federation.agreement', 'federation.receive', 'federation.reject', 'federation.withdrawn']));
  });

  it('feed requests with an unknown node, a bad signature, a stale date, a replayed nonce or no signature get 401 with a stable code, and are recorded', async () => {
    expect((await feedAsAf()).status).toBe(200);
    const stranger = generateNodeKeyPair();
    const unknown = await feedAsAf({ nodeId: 'f1e2d3c4-0000-4000-8000-00000000dead', key: stranger.privateKeyPem });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('PEER_UNKNOWN');
    const forged = await feedAsAf({ key: stranger.privateKeyPem });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('SIGNATURE_INVALID');
    const stale = await feedAsAf({ now: new Date(Date.now() - 6 * 60_000) });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('SIGNATURE_STALE');
    const future = await feedAsAf({ now: new Date(Date.now() + 6 * 60_000) });
    expect(future.body.error.code).toBe('SIGNATURE_STALE');
    // A signature for one body does not cover another.
    const body = await feedBody(10);
    const headers = signRequest(af.ctx.node.id, 'POST', '/api/federation/feed', (await nodeSigner(af.ctx)).privateKey, new Date(), canonicalJson(body));
    const other = await feedAsAf({ body: { ...body, limit: 500 }, headers });
    expect(other.body.error.code).toBe('SIGNATURE_INVALID');
    // The same signed request twice: the nonce was used, the replay is refused.
    const first = await feedAsAf();
    expect(first.status).toBe(200);
    const replayed = await feedAsAf({ body: first.sentBody, headers: first.sentHeaders });
    expect(replayed.status).toBe(401);
    expect(replayed.body.error.code).toBe('REQUEST_REPLAYED');
    const none = await tj.anonymous().post('/api/federation/feed', body);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('SIGNATURE_INVALID');
    const recorded = await tj.ctx.db.kysely.selectFrom('fed_rejections').select(['code', 'peer_id']).where('kind', '=', 'request').execute();
    expect(recorded.map((r) => r.code)).toEqual(expect.arrayContaining(['PEER_UNKNOWN', 'SIGNATURE_INVALID', 'SIGNATURE_STALE', 'REQUEST_REPLAYED']));
  });
});
