import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../server/testing/databases.ts';
import { allowedOnAf, heldOnAf, mutateAlerts, prng, startLossyProxy, startPair, type Pair, type ProxyFault } from '../server/testing/federation-pair.ts';
import { verifyAuditChain } from '../store/audit.repository.ts';
import { currentAgreement, findPeer } from '../store/federation.repository.ts';
import { batchDigest } from '../store/received-batch.repository.ts';
import { pullFromPeer, receiveEnvelope } from './sync.ts';

const sortedEntries = <V>(m: Map<string, V>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

/** Pulls until a pull completes with nothing left for us (errors from a lossy link are retried). */
async function settle(pair: Pair, attempts = 200) {
  let errors = 0;
  for (let i = 0; i < attempts; i++) {
    try {
      const s = await pullFromPeer(pair.af.ctx, { id: pair.tjOnAf }, { limit: 40 });
      if (s.backlog === 0 && s.rejected === 0) return { errors, pulls: i + 1 };
    } catch {
      errors += 1;
    }
  }
  throw new Error(`did not settle in ${attempts} pulls`);
}

describe('delivery over a link that drops, repeats and reorders answers (sqlite)', { timeout: 300_000 }, () => {
  let pair: Pair;
  let proxy: Awaited<ReturnType<typeof startLossyProxy>>;
  const rnd = prng(20261202);
  const faultRnd = prng(9);
  const pick = (): ProxyFault => {
    const r = faultRnd();
    return r < 0.5 ? 'pass' : r < 0.6 ? 'drop-request' : r < 0.75 ? 'drop-response' : r < 0.9 ? 'repeat' : 'reorder';
  };
  beforeAll(async () => {
    pair = await startPair('sqlite', {
      tjUrlForAf: async (tjUrl) => {
        proxy = await startLossyProxy(tjUrl, pick);
        return proxy.url;
      },
    });
  });
  afterAll(async () => {
    await proxy?.close();
    await pair?.close();
  });

  it('ends with AF holding exactly what TJ allows it, each at its newest version', async () => {
    const ids: string[] = [];
    await mutateAlerts(pair.tj, ids, rnd, 300);
    let errors = 0;
    for (let round = 0; round < 8; round++) {
      // Changes land on TJ between (and during) lossy pulls.
      const pulling = pullFromPeer(pair.af.ctx, { id: pair.tjOnAf }, { limit: 40 }).catch(() => (errors += 1));
      await mutateAlerts(pair.tj, ids, rnd, 60);
      await pulling;
    }
    const { errors: late } = await settle(pair);
    expect(errors + late).toBeGreaterThan(0);
    expect(proxy.faults['drop-response'] + proxy.faults.repeat + proxy.faults.reorder).toBeGreaterThan(3);
    const allowed = await allowedOnAf(pair.tj);
    const held = await heldOnAf(pair.af, pair.tj.ctx.node.id);
    expect(allowed.size).toBeGreaterThan(50);
    expect(sortedEntries(held)).toEqual(sortedEntries(allowed));
    // Replayed and reordered pages were refused, not applied; they are on record for the peer page.
    const refused = await pair.af.ctx.db.kysely.selectFrom('fed_rejections').select('code').where('kind', '=', 'page').execute();
    expect(new Set(refused.map((r) => r.code))).toContain('PAGE_REPLAYED');
    // TJ holds a signed receipt for everything AF holds.
    const pending = await pair.tj.ctx.db.kysely.selectFrom('fed_outgoing').select('record_id').where('pending', '=', 1).execute();
    expect(pending).toEqual([]);
  });
});

describe.each(await testDialects())('newest wins, forged pages, peer checks, agreements that change what the peer holds (%s)', (dialect) => {
  let pair: Pair;
  const rnd = prng(77);
  const ids: string[] = [];
  const peerOnAf = async () => (await findPeer(pair.af.ctx.db.kysely, { id: pair.tjOnAf }))!;
  const pull = () => pullFromPeer(pair.af.ctx, { id: pair.tjOnAf });
  const liveOnAf = () => heldOnAf(pair.af, pair.tj.ctx.node.id);
  beforeAll(async () => {
    pair = await startPair(dialect);
    await mutateAlerts(pair.tj, ids, rnd, 60);
    await pull();
  }, 120_000);
  afterAll(async () => pair?.close());

  it('each page is audited once on each side, and the entry covers exactly the records of the page', async () => {
    const sent = await pair.tj.ctx.db.kysely.selectFrom('audit_log').select('detail_json').where('action', '=', 'federation.send').execute();
    const received = await pair.af.ctx.db.kysely.selectFrom('audit_log').select('detail_json').where('action', '=', 'federation.receive').execute();
    // The first pull was one page: one entry per side.
    expect(sent).toHaveLength(1);
    expect(received).toHaveLength(1);
    const puts = await pair.af.ctx.db.kysely.selectFrom('received_envelopes').select(['record_id', 'version']).where('op', '=', 'put').execute();
    const digest = batchDigest(puts.map((p) => ({ id: p.record_id, version: Number(p.version) })));
    for (const e of [...sent, ...received]) expect(JSON.parse(e.detail_json)).toMatchObject({ count: puts.length, idsSha256: digest });
    expect(puts.length).toBeGreaterThan(10);
    for (const node of [pair.tj, pair.af]) expect(await verifyAuditChain(node.ctx.db)).toMatchObject({ ok: true });
  });

  it('a replayed put never undoes a later withdrawal of the same version (or an older one)', async () => {
    const person = await pair.af.ctx.db.kysely
      .selectFrom('received_envelopes as e')
      .innerJoin('alerts as a', 'a.id', 'e.record_id')
      .select(['e.envelope_json', 'e.record_id'])
      .where('a.subject_kind', '=', 'person')
      .where('a.deleted_at', 'is', null)
      .where('e.op', '=', 'put')
      .whereRef('e.version', '=', 'a.version')
      .executeTakeFirstOrThrow();
    const oldPut = JSON.parse(person.envelope_json) as unknown;
    // TJ stops sending personal data: AF's copy is withdrawn at the very version it holds.
    const narrowed = await pair.tjAdmin.post(`/api/federation/peers/${pair.afOnTj}/agreements`, { types: ['alert'], maxTlp: 'AMBER', personalData: false });
    expect(narrowed.status).toBe(201);
    expect((await pull()).withdrawn).toBeGreaterThan(0);
    const copy = () => pair.af.ctx.db.kysely.selectFrom('alerts').select(['deleted_at', 'version']).where('id', '=', person.record_id).executeTakeFirstOrThrow();
    expect((await copy()).deleted_at).not.toBeNull();
    const peer = await peerOnAf();
    const outcome = await receiveEnvelope(pair.af.ctx, peer, oldPut, await currentAgreement(pair.af.ctx.db.kysely, peer.id));
    expect(outcome).toMatchObject({ status: 'rejected', reason: 'STALE_ENVELOPE' });
    expect((await copy()).deleted_at).not.toBeNull();
    const recorded = await pair.af.ctx.db.kysely.selectFrom('fed_rejections').select(['code', 'record_id']).where('code', '=', 'STALE_ENVELOPE').execute();
    expect(recorded.map((r) => r.record_id)).toContain(person.record_id);
    // Widened again: the owner signs that version again, later — it comes back.
    expect((await pair.tjAdmin.post(`/api/federation/peers/${pair.afOnTj}/agreements`, { types: ['alert'], maxTlp: 'AMBER', personalData: true })).status).toBe(201);
    await pull();
    expect((await copy()).deleted_at).toBeNull();
    expect(sortedEntries(await liveOnAf())).toEqual(sortedEntries(await allowedOnAf(pair.tj)));
  });

  it('a forged, malformed or replayed feed page is refused and recorded; it cannot stall the receiver', async () => {
    const genuine = fetch;
    let lastFeed: string | null = null;
    const capture: typeof fetch = async (input, init) => {
      const res = await genuine(input, init);
      if (String(input).endsWith('/api/federation/feed')) {
        lastFeed = await res.clone().text();
      }
      return res;
    };
    await pullFromPeer(pair.af.ctx, { id: pair.tjOnAf }, { fetchImpl: capture });
    expect(lastFeed).not.toBeNull();
    const answer = (body: string): typeof fetch => async (input, init) =>
      String(input).endsWith('/api/federation/feed') ? new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }) : genuine(input, init);
    await expect(pullFromPeer(pair.af.ctx, { id: pair.tjOnAf }, { fetchImpl: answer(JSON.stringify({ envelopes: [], cursor: 10_000_000, more: false })) })).rejects.toMatchObject({ code: 'PAGE_MALFORMED' });
    await expect(pullFromPeer(pair.af.ctx, { id: pair.tjOnAf }, { fetchImpl: answer(lastFeed!) })).rejects.toMatchObject({ code: 'PAGE_REPLAYED' });
    const page = JSON.parse(lastFeed!) as { page: { backlog: number } };
    page.page.backlog = 10_000_000;
    await expect(pullFromPeer(pair.af.ctx, { id: pair.tjOnAf }, { fetchImpl: answer(JSON.stringify(page)) })).rejects.toMatchObject({ code: 'PAGE_FORGED' });
    const codes = (await pair.af.ctx.db.kysely.selectFrom('fed_rejections').select('code').where('kind', '=', 'page').execute()).map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['PAGE_MALFORMED', 'PAGE_REPLAYED', 'PAGE_FORGED']));
    // The receiver keeps no cursor to poison: the next genuine pull goes on as before.
    await mutateAlerts(pair.tj, ids, rnd, 20);
    expect(await pull()).toMatchObject({ rejected: 0, backlog: 0 });
    expect(sortedEntries(await liveOnAf())).toEqual(sortedEntries(await allowedOnAf(pair.tj)));
  });

  it("a peer's published state is checked when it is added and on every contact", async () => {
    const tjInfo = (await pair.tj.anonymous().get('/api/federation/node')).body;
    const wrong = await pair.afAdmin.post('/api/federation/peers', { name: 'tj-as-uz', url: pair.tj.url, stateCode: 'UZ', publicKey: tjInfo.publicKey });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('PEER_MISMATCH');
    // Registered as UZ (e.g. while it was unreachable): the first contact refuses it, and says so.
    await pair.af.ctx.db.kysely.updateTable('peers').set({ state_code: 'UZ' }).where('id', '=', pair.tjOnAf).execute();
    await expect(pull()).rejects.toMatchObject({ code: 'PEER_MISMATCH' });
    // TJ, for its part, refuses a caller whose signed terms name another state than it registered.
    await pair.tj.ctx.db.kysely.updateTable('peers').set({ state_code: 'TM' }).where('id', '=', pair.afOnTj).execute();
    await pair.af.ctx.db.kysely.updateTable('peers').set({ state_code: 'TJ' }).where('id', '=', pair.tjOnAf).execute();
    await expect(pull()).rejects.toMatchObject({ status: 409, code: 'PEER_MISMATCH' });
    await pair.tj.ctx.db.kysely.updateTable('peers').set({ state_code: 'AF' }).where('id', '=', pair.afOnTj).execute();
    const onAf = await pair.af.ctx.db.kysely.selectFrom('fed_rejections').select('code').where('kind', '=', 'contact').execute();
    const onTj = await pair.tj.ctx.db.kysely.selectFrom('fed_rejections').select('code').where('kind', '=', 'contact').execute();
    expect(onAf.map((r) => r.code)).toContain('PEER_MISMATCH');
    expect(onTj.map((r) => r.code)).toContain('PEER_MISMATCH');
    expect(await pull()).toMatchObject({ rejected: 0 });
  });

  it('suspending the agreement on either side withdraws every copy; a redaction added reaches copies held; lifting them brings all back', async () => {
    expect((await liveOnAf()).size).toBeGreaterThan(5);
    // AF suspends its side: the effective agreement is the stricter one, so TJ withdraws everything.
    expect((await pair.afAdmin.post(`/api/federation/peers/${pair.tjOnAf}/agreements`, { types: ['alert'], maxTlp: 'AMBER', personalData: true, active: false })).status).toBe(201);
    await pull();
    expect((await liveOnAf()).size).toBe(0);
    expect((await pair.afAdmin.post(`/api/federation/peers/${pair.tjOnAf}/agreements`, { types: ['alert'], maxTlp: 'AMBER', personalData: true })).status).toBe(201);
    await pull();
    expect(sortedEntries(await liveOnAf())).toEqual(sortedEntries(await allowedOnAf(pair.tj)));
    // TJ suspends.
    expect((await pair.tjAdmin.post(`/api/federation/peers/${pair.afOnTj}/agreements`, { types: ['alert'], maxTlp: 'AMBER', personalData: true, active: false })).status).toBe(201);
    await pull();
    expect((await liveOnAf()).size).toBe(0);
    // TJ resumes with a redaction: the vehicle descriptions are gone from every copy.
    expect((await pair.tjAdmin.post(`/api/federation/peers/${pair.afOnTj}/agreements`, { types: ['alert'], maxTlp: 'AMBER', personalData: true, redact: ['subject.description'] })).status).toBe(201);
    await pull();
    expect(sortedEntries(await liveOnAf())).toEqual(sortedEntries(await allowedOnAf(pair.tj)));
    const vehicles = await pair.af.ctx.db.kysely.selectFrom('alerts').select('subject_json').where('subject_kind', '=', 'vehicle').where('deleted_at', 'is', null).execute();
    expect(vehicles.length).toBeGreaterThan(0);
    expect(vehicles.map((v) => JSON.parse(v.subject_json).description)).toEqual(vehicles.map(() => null));
    // Narrowing AF's side to GREEN: AMBER copies are withdrawn by TJ (the stricter of the two).
    expect((await pair.afAdmin.post(`/api/federation/peers/${pair.tjOnAf}/agreements`, { types: ['alert'], maxTlp: 'GREEN', personalData: true })).status).toBe(201);
    await pull();
    const live = await liveOnAf();
    for (const [, v] of live) expect((v.marking as { tlp: string }).tlp).not.toBe('AMBER');
    expect(live.size).toBe([...(await allowedOnAf(pair.tj)).values()].filter((v) => (v.marking as { tlp: string }).tlp !== 'AMBER').length);
  });

  it('the status API shows, per peer, contact, backlog both ways, unacknowledged records, refusals with reasons and counts per type', async () => {
    await mutateAlerts(pair.tj, ids, rnd, 10);
    const onTj = await pair.tjAdmin.get('/api/federation/status');
    expect(onTj.status).toBe(200);
    const af = onTj.body.items[0];
    expect(af).toMatchObject({ peer: { name: 'sarhad-af', stateCode: 'AF' }, agreements: { ours: { maxTlp: 'AMBER' }, theirs: { maxTlp: 'GREEN', state: 'AF' }, effective: { maxTlp: 'GREEN' } } });
    expect(af.lastContactAt).not.toBeNull();
    expect(af.outgoing.backlog).toBeGreaterThan(0);
    expect(af.outgoing.byType[0]).toMatchObject({ type: 'alert' });
    expect(af.rejections.byCode.PEER_MISMATCH).toBeGreaterThan(0);
    await pull();
    const after = (await pair.tjAdmin.get('/api/federation/status')).body.items[0];
    expect(after.outgoing).toMatchObject({ unacked: 0, backlog: 0 });
    expect(after.outgoing.byType[0].delivered).toBeGreaterThan(0);
    expect(after.outgoing.lastReceiptAt).not.toBeNull();
    const onAf = (await pair.afAdmin.get('/api/federation/status')).body.items[0];
    expect(onAf.incoming.backlog).toBe(0);
    expect(onAf.incoming.byType[0].held).toBe((await liveOnAf()).size);
    for (const code of ['STALE_ENVELOPE', 'PAGE_REPLAYED', 'PAGE_FORGED', 'PAGE_MALFORMED', 'PEER_MISMATCH']) expect(onAf.rejections.byCode[code], code).toBeGreaterThan(0);
    expect(onAf.rejections.recent[0]).toMatchObject({ code: expect.any(String), kind: expect.any(String), at: expect.any(String) });
    expect((await (await pair.af.as('af.liaison')).get('/api/federation/status')).status).toBe(403);
  });
}, 180_000);
