import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedEnvelope } from '../domain/federation/envelope.ts';
import { signHop, type RelayedItem } from '../domain/federation/relay.ts';
import type { Marking } from '../domain/records/marking.ts';
import { testDialects } from '../server/testing/databases.ts';
import { startTestNode, type TestNode } from '../server/testing/test-node.ts';
import { verifyAuditChain } from '../store/audit.repository.ts';
import { currentAgreement, findPeer } from '../store/federation.repository.ts';
import { findRecord, saveRecord } from '../store/records.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { nodeSigner } from './keys.ts';
import { addPeer, nodeInfo, setAgreement, type AgreementInput } from './peers.ts';
import { pullFromPeer, receiveEnvelope } from './sync.ts';

/**
 * Onward sharing in a triangle: TJ shares with AF and lets it pass records on; AF shares with
 * UZ; UZ knows TJ's key but has no agreement with it. A TJ record reaches UZ through AF only
 * when its marking's hops and releasability allow, with TJ's signature unchanged and AF's hop;
 * TJ's revocations and withdrawals, and TJ turning onward sharing off, reach UZ the same way.
 */
const AGREEMENT: AgreementInput = { types: ['alert'], maxTlp: 'AMBER', personalData: true };
const SYSTEM = { kind: 'system', name: 'test' } as const;

describe.each(await testDialects())('onward sharing TJ → AF → UZ (%s)', { timeout: 300_000 }, (dialect) => {
  let tj: TestNode, af: TestNode, uz: TestNode;
  const peerIds: Record<string, string> = {};
  const ids: Record<string, string> = {};

  async function link(a: TestNode, b: TestNode, bName: string, bState: string, agreement: AgreementInput | null) {
    const i = await nodeInfo(b.ctx);
    const peer = await addPeer(a.ctx, SYSTEM, { name: bName, url: b.url, stateCode: bState, publicKey: i.publicKey, nodeId: i.nodeId });
    peerIds[`${a.ctx.node.stateCode}>${bState}`] = peer.id;
    if (agreement) await agree(a, bState, agreement);
  }
  const agree = (a: TestNode, bState: string, agreement: AgreementInput) => setAgreement(a.ctx, SYSTEM, { id: peerIds[`${a.ctx.node.stateCode}>${bState}`] }, agreement);
  const pull = (n: TestNode, from: string) => pullFromPeer(n.ctx, { id: peerIds[`${n.ctx.node.stateCode}>${from}`] });
  /** Pulls every direction until a whole round moves nothing; returns the rounds it took. */
  async function settle() {
    for (let round = 1; round <= 10; round++) {
      const moved = [await pull(af, 'TJ'), await pull(uz, 'AF'), await pull(tj, 'AF'), await pull(af, 'UZ')].reduce((n, s) => n + s.stored + s.withdrawn + s.rejected, 0);
      if (moved === 0) return round;
    }
    throw new Error('the triangle did not settle in 10 rounds');
  }
  const held = async (n: TestNode, id: string) => n.ctx.db.kysely.selectFrom('alerts').select(['version', 'deleted_at', 'active']).where('id', '=', id).executeTakeFirst();
  async function put(key: string, marking: Marking, active = true) {
    const owner = { node: tj.ctx.node.id, state: 'TJ', agencyId: null, unitId: null };
    ids[key] ??= randomUUID();
    const body = { subject: { kind: 'vehicle', plate: `01 TT ${1000 + Object.keys(ids).length}`, description: null }, reason: `Triangle ${key}`, action: 'discreet_check', validFrom: '2026-01-01', validUntil: null, source: 'local', sourceRef: null, active };
     
    await inWriteTransaction(tj.ctx.db, (trx) => saveRecord(trx, { type: 'alert', id: ids[key], body: body as any, marking, owner, actor: 'test' }));
  }
  const green = (hops: number): Marking => ({ tlp: 'GREEN', releasableTo: { states: [], agencies: [], units: [] }, hops });
  const amber = (states: string[], hops: number): Marking => ({ tlp: 'AMBER', releasableTo: { states, agencies: [], units: [] }, hops });

  beforeAll(async () => {
    [tj, af, uz] = await Promise.all([startTestNode(dialect), startTestNode(dialect, { nodeState: 'AF', nodeName: 'sarhad-af' }), startTestNode(dialect, { nodeState: 'UZ', nodeName: 'sarhad-uz' })]);
    await link(tj, af, 'sarhad-af', 'AF', { ...AGREEMENT, onward: true });
    await link(af, tj, 'sarhad-tj', 'TJ', { ...AGREEMENT, onward: true });
    await link(af, uz, 'sarhad-uz', 'UZ', AGREEMENT);
    await link(uz, af, 'sarhad-af', 'AF', AGREEMENT);
    // UZ knows TJ's key (to check TJ's signature) but exchanges nothing with it directly.
    await link(uz, tj, 'sarhad-tj', 'TJ', null);
    await put('twoHops', green(2));
    await put('oneHop', green(1));
    await put('amberAfOnly', amber(['AF'], 2));
    await put('amberBoth', amber(['AF', 'UZ'], 3));
    await put('strict', { tlp: 'AMBER+STRICT', releasableTo: { states: ['AF', 'UZ'], agencies: [], units: [] }, hops: 3 });
  }, 180_000);
  afterAll(async () => Promise.all([tj, af, uz].map((n) => n?.close())));

  it('a TJ record reaches UZ through AF only within its hops and releasability, and the triangle settles with no loops', async () => {
    expect(await settle()).toBeLessThanOrEqual(3);
    for (const k of ['twoHops', 'oneHop', 'amberAfOnly', 'amberBoth']) expect(await held(af, ids[k]!)).toMatchObject({ version: 1, deleted_at: null });
    expect(await held(af, ids.strict!)).toBeUndefined();
    expect(await held(uz, ids.twoHops!)).toMatchObject({ version: 1, deleted_at: null });
    expect(await held(uz, ids.amberBoth!)).toMatchObject({ version: 1, deleted_at: null });
    for (const k of ['oneHop', 'amberAfOnly', 'strict']) expect(await held(uz, ids[k]!)).toBeUndefined();
    // Nothing went back: TJ owns them, UZ never passes them back to AF (AF is on the path).
    expect(await tj.ctx.db.kysely.selectFrom('received_envelopes').select('record_id').execute()).toEqual([]);
    expect(await af.ctx.db.kysely.selectFrom('fed_incoming').select('peer_id').where('peer_id', '=', peerIds['AF>UZ']!).execute()).toEqual([]);
    // UZ keeps TJ's envelope unchanged with AF's signed hop: who made it and who passed it.
    const kept = await uz.ctx.db.kysely.selectFrom('received_envelopes').select('envelope_json').where('record_id', '=', ids.twoHops!).executeTakeFirstOrThrow();
    const item = JSON.parse(kept.envelope_json) as RelayedItem;
    expect(item.relayed.owner.node).toBe(tj.ctx.node.id);
    expect(item.hops.map((h) => [h.by, h.to, h.op])).toEqual([[af.ctx.node.id, uz.ctx.node.id, 'put']]);
    // And the copy is read-only on UZ, owned by TJ.
    expect(await findRecord(uz.ctx.db.kysely, 'alert', ids.twoHops!)).toMatchObject({ owner: { node: tj.ctx.node.id, state: 'TJ' } });
  });

  it("TJ's revocation and withdrawal follow the same path to UZ", async () => {
    const current = (await findRecord(tj.ctx.db.kysely, 'alert', ids.amberBoth!))!;
    await put('amberBoth', current.marking, false);
    await put('twoHops', amber(['AF'], 2));
    await settle();
    expect(await held(uz, ids.amberBoth!)).toMatchObject({ version: 2, active: 0, deleted_at: null });
    expect(await held(af, ids.twoHops!)).toMatchObject({ version: 2, deleted_at: null });
    expect((await held(uz, ids.twoHops!))?.deleted_at).not.toBeNull();
    expect(await settle()).toBe(1);
  });

  it('a relayed record beyond its hops is refused by the receiver (HOPS_EXCEEDED), one not allowed onward is never relayed', async () => {
    // AF forges a relay of the one-hop record: UZ refuses it by the owner's marking.
    const received = await af.ctx.db.kysely.selectFrom('received_envelopes').select('envelope_json').where('record_id', '=', ids.oneHop!).executeTakeFirstOrThrow();
    const origin = JSON.parse(received.envelope_json) as SignedEnvelope;
    const forged = signHop(origin, [], { by: af.ctx.node.id, to: uz.ctx.node.id, op: 'put', signedAt: new Date().toISOString() }, (await nodeSigner(af.ctx)).privateKey);
    const peer = (await findPeer(uz.ctx.db.kysely, { id: peerIds['UZ>AF'] }))!;
    expect(await receiveEnvelope(uz.ctx, peer, forged, await currentAgreement(uz.ctx.db.kysely, peer.id))).toMatchObject({ status: 'rejected', reason: 'HOPS_EXCEEDED' });
    // A hop that is not AF's own signature is refused too.
    const tampered = { ...forged, hops: [{ ...forged.hops[0]!, op: 'withdraw' }] };
    expect(await receiveEnvelope(uz.ctx, peer, tampered, await currentAgreement(uz.ctx.db.kysely, peer.id))).toMatchObject({ status: 'rejected', reason: 'BAD_SIGNATURE' });
    expect(await held(uz, ids.oneHop!)).toBeUndefined();
  });

  it('when TJ stops allowing onward sharing, every relayed copy leaves UZ while AF keeps its own', async () => {
    await agree(tj, 'AF', AGREEMENT);
    await settle();
    expect(await held(af, ids.amberBoth!)).toMatchObject({ deleted_at: null });
    expect((await held(uz, ids.amberBoth!))?.deleted_at).not.toBeNull();
    await put('late', green(3));
    await settle();
    expect(await held(af, ids.late!)).toMatchObject({ deleted_at: null });
    expect(await held(uz, ids.late!)).toBeUndefined();
    for (const n of [tj, af, uz]) expect(await verifyAuditChain(n.ctx.db)).toMatchObject({ ok: true });
  });
});
