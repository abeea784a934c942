import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNodeKeyPair, privateKeyFromPem, signEnvelope, type SignedEnvelope } from '../domain/federation/envelope.ts';
import { signObject } from '../domain/federation/protocol.ts';
import { testDialects } from '../server/testing/databases.ts';
import { startPair, type Pair } from '../server/testing/federation-pair.ts';
import { currentAgreement, findPeer } from '../store/federation.repository.ts';
import { getNodeKeys } from '../store/federation.repository.ts';
import { acceptKeyHandover, rotateNodeKey } from './key-rotation.ts';
import { nodeSigner } from './keys.ts';
import { pullSerialised } from './push.ts';
import { peerRequest, pullFromPeer, receiveEnvelope } from './sync.ts';

describe.each(await testDialects())('key rotation (%s)', { timeout: 240_000 }, (dialect) => {
  let pair: Pair;
  let oldPem: string;
  let before: SignedEnvelope;
  beforeAll(async () => {
    pair = await startPair(dialect);
  }, 120_000);
  afterAll(async () => pair?.close());

  const tjPeerOnAf = async () => (await findPeer(pair.af.ctx.db.kysely, { id: pair.tjOnAf }))!;
  const envelope = (signedAt: string, pem: string, id = '0b7c1f3e-1111-4a5b-9c0d-00000000abcd') =>
    signEnvelope(
      { id, type: 'alert', version: 1, op: 'put', owner: { node: pair.tj.ctx.node.id, state: 'TJ', agency: null, unit: null }, prev: null, marking: { tlp: 'GREEN', releasableTo: { states: [], agencies: [], units: [] }, hops: 1 }, body: { subject: { kind: 'vehicle', plate: '03 TT 3333', description: null }, reason: 'Key rotation probe', action: 'discreet_check', validFrom: '2026-01-01', validUntil: null, source: 'local', sourceRef: null, active: true }, redacted: [], signedAt },
      privateKeyFromPem(pem),
    );

  it('TJ rotates: AF accepts the new key through the hand-over signed by the old one, and syncs on with it', async () => {
    oldPem = (await getNodeKeys(pair.tj.ctx.db.kysely, pair.tj.ctx.node.id))!.privateKeyPem;
    before = envelope(new Date(Date.now() - 60_000).toISOString(), oldPem);
    const { handover, delivered, pending } = await rotateNodeKey(pair.tj.ctx);
    expect(delivered).toEqual(['sarhad-af']);
    expect(pending).toEqual([]);
    expect((await tjPeerOnAf()).publicKey).toBe(handover.newKey);
    expect((await nodeSigner(pair.tj.ctx)).publicKey).toBe(handover.newKey);
    const created = await (await pair.tj.as('tj.analyst')).post('/api/alerts', { subject: { kind: 'vehicle', plate: '01 TT 4242', description: null }, reason: 'After rotation', action: 'discreet_check', marking: { tlp: 'GREEN' } });
    expect(created.status).toBe(201);
    expect(await pullFromPeer(pair.af.ctx, { id: pair.tjOnAf })).toMatchObject({ rejected: 0 });
    expect(await pair.af.ctx.db.kysely.selectFrom('alerts').select('id').where('id', '=', created.body.id).executeTakeFirst()).toBeDefined();
  });

  it('an envelope signed with the old key before the rotation still verifies; one signed with it after is refused', async () => {
    const peer = await tjPeerOnAf();
    const agreement = await currentAgreement(pair.af.ctx.db.kysely, peer.id);
    expect(await receiveEnvelope(pair.af.ctx, peer, before, agreement)).toMatchObject({ status: 'stored' });
    // (Signed with its own id: the refusal is for the key's retirement, not a tampered id.)
    const after = envelope(new Date(Date.now() + 1000).toISOString(), oldPem, '0b7c1f3e-1111-4a5b-9c0d-00000000abce');
    expect(await receiveEnvelope(pair.af.ctx, peer, after, agreement)).toMatchObject({ status: 'rejected', reason: 'BAD_SIGNATURE' });
  });

  it('a request signed with the old key is refused, and a hand-over not signed by the registered key is refused', async () => {
    const afPeerOnTj = (await findPeer(pair.tj.ctx.db.kysely, { id: pair.afOnTj }))!;
    // AF's view of TJ: requests from TJ must now be signed with the new key.
    const oldSigned = await fetch(`${pair.af.url}/api/federation/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await import('../domain/federation/request-signing.ts')).signRequest(pair.tj.ctx.node.id, 'POST', '/api/federation/notify', privateKeyFromPem(oldPem), new Date(), '{"at":"2026-01-01T00:00:00.000Z"}') },
      body: '{"at":"2026-01-01T00:00:00.000Z"}',
    });
    expect(oldSigned.status).toBe(401);
    expect(((await oldSigned.json()) as { error: { code: string } }).error.code).toBe('SIGNATURE_INVALID');
    const stranger = generateNodeKeyPair();
    const forged = signObject({ nodeId: pair.af.ctx.node.id, oldKey: afPeerOnTj.publicKey, newKey: stranger.publicKey, at: new Date().toISOString() }, privateKeyFromPem(stranger.privateKeyPem));
    await expect(acceptKeyHandover(pair.tj.ctx, afPeerOnTj, forged)).rejects.toMatchObject({ details: { code: 'HANDOVER_BAD_SIGNATURE' } });
    expect((await findPeer(pair.tj.ctx.db.kysely, { id: pair.afOnTj }))!.publicKey).toBe(afPeerOnTj.publicKey);
  });

  it('with --overlap, the old key still signs requests and envelopes until the overlap ends; a re-sent hand-over is answered alike', async () => {
    const prevPem = (await getNodeKeys(pair.tj.ctx.db.kysely, pair.tj.ctx.node.id))!.privateKeyPem;
    const week = 7 * 86_400_000;
    const { handover, delivered } = await rotateNodeKey(pair.tj.ctx, { overlapMs: week });
    expect(delivered).toEqual(['sarhad-af']);
    expect(handover.oldKeyValidUntil).toBe(new Date(Date.parse(handover.at) + week).toISOString());
    const kept = await pair.af.ctx.db.kysely.selectFrom('peer_keys').selectAll().where('public_key', '=', handover.oldKey).executeTakeFirstOrThrow();
    expect(kept.valid_until).toBe(handover.oldKeyValidUntil);
    // A process still holding the old key (a server not yet reloaded) is heard during the overlap.
    const body = '{"at":"2026-01-01T00:00:00.000Z"}';
    const { signRequest } = await import('../domain/federation/request-signing.ts');
    const res = await fetch(`${pair.af.url}/api/federation/notify`, { method: 'POST', headers: { 'content-type': 'application/json', ...signRequest(pair.tj.ctx.node.id, 'POST', '/api/federation/notify', privateKeyFromPem(prevPem), new Date(), body) }, body });
    expect(res.status).toBe(202);
    await pullSerialised(pair.af.ctx, pair.tjOnAf);
    const peer = await tjPeerOnAf();
    const during = envelope(new Date().toISOString(), prevPem, '0b7c1f3e-1111-4a5b-9c0d-00000000abcf');
    expect(await receiveEnvelope(pair.af.ctx, peer, during, await currentAgreement(pair.af.ctx.db.kysely, peer.id))).toMatchObject({ status: 'stored' });
    // Delivered again (its acknowledgement lost, say): accepted again, nothing changes.
    const again = await peerRequest(pair.tj.ctx, (await findPeer(pair.tj.ctx.db.kysely, { id: pair.afOnTj }))!, '/api/federation/key', { handovers: [handover] });
    expect(JSON.parse(again.text)).toEqual({ accepted: true, key: handover.newKey });
    expect((await tjPeerOnAf()).publicKey).toBe(handover.newKey);
  });
});
