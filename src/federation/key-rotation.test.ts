import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNodeKeyPair, privateKeyFromPem, signEnvelope, type SignedEnvelope } from '../domain/federation/envelope.ts';
import { signObject } from '../domain/federation/protocol.ts';
import { testDialects } from '../server/testing/databases.ts';
import { startPair, type Pair } from '../server/testing/federation-pair.ts';
import { currentAgreement, findPeer } from '../store/federation.repository.ts';
import { getNodeKeys } from '../store/federation.repository.ts';
import { acceptKeyHandover, rotateNodeKey } from './key-rotation.ts';
import { nodeSigner } from './keys.ts';
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
  const envelope = (signedAt: string, pem: string) =>
    signEnvelope(
      { id: '0b7c1f3e-1111-4a5b-9c0d-00000000abcd', type: 'alert', version: 1, op: 'put', owner: { node: pair.tj.ctx.node.id, state: 'TJ', agency: null, unit: null }, prev: null, marking: { tlp: 'GREEN', releasableTo: { states: [], agencies: [], units: [] }, hops: 1 }, body: { subject: { kind: 'vehicle', plate: '03 TT 3333', description: null }, reason: 'Key rotation probe', action: 'discreet_check', validFrom: '2026-01-01', validUntil: null, source: 'local', sourceRef: null, active: true }, redacted: [], signedAt },
      privateKeyFromPem(pem),
    );

  it('TJ rotates: AF accepts the new key through the hand-over signed by the old one, and syncs on with it', async () => {
    oldPem = (await getNodeKeys(pair.tj.ctx.db.kysely, pair.tj.ctx.node.id))!.privateKeyPem;
    before = envelope(new Date(Date.now() - 60_000).toISOString(), oldPem);
    const { handover, delivered } = await rotateNodeKey(pair.tj.ctx, async (peer, h) => void (await peerRequest(pair.tj.ctx, peer, '/api/federation/key', h)));
    expect(delivered).toEqual(['sarhad-af']);
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
    const after = envelope(new Date(Date.now() + 1000).toISOString(), oldPem);
    expect(await receiveEnvelope(pair.af.ctx, peer, { ...after, id: '0b7c1f3e-1111-4a5b-9c0d-00000000abce' }, agreement)).toMatchObject({ status: 'rejected', reason: 'BAD_SIGNATURE' });
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
});
