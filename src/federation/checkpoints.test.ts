import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCheckpoint, type SignedCheckpoint } from '../domain/audit/checkpoint.ts';
import { verifyObject } from '../domain/federation/protocol.ts';
import { checkCheckpoint, writeCheckpoint } from '../services/audit-checkpoints.service.ts';
import { testDialects } from '../server/testing/databases.ts';
import { startPair, type Pair } from '../server/testing/federation-pair.ts';
import { verifyAuditChain } from '../store/audit.repository.ts';
import { latestPeerCheckpoint } from '../store/fed-checkpoints.repository.ts';
import { findPeer } from '../store/federation.repository.ts';
import { acceptPeerCheckpoint, type Cosignature } from './checkpoints.ts';
import { nodeSigner } from './keys.ts';
import { pullFromPeer } from './sync.ts';

describe.each(await testDialects())('audit checkpoints exchanged and co-signed between peers (%s)', { timeout: 240_000 }, (dialect) => {
  let pair: Pair;
  let mine: SignedCheckpoint;
  beforeAll(async () => {
    pair = await startPair(dialect);
  }, 120_000);
  afterAll(async () => pair?.close());

  it('AF sends its newest checkpoint when it syncs; TJ keeps it, AF keeps TJ’s co-signature (once per checkpoint)', async () => {
    mine = await writeCheckpoint(pair.af.ctx, 'test');
    await pullFromPeer(pair.af.ctx, { id: pair.tjOnAf });
    const theirs = await latestPeerCheckpoint(pair.tj.ctx.db.kysely, pair.afOnTj, 'theirs');
    expect(theirs).toMatchObject({ nodeId: pair.af.ctx.node.id, seq: mine.seq, headHash: mine.headHash });
    const ours = await latestPeerCheckpoint(pair.af.ctx.db.kysely, pair.tjOnAf, 'ours');
    const cosig = JSON.parse(ours!.cosignatureJson) as Cosignature;
    expect(cosig).toMatchObject({ by: pair.tj.ctx.node.id, seq: mine.seq, checkpoint: mine.signature });
    expect(verifyObject(cosig, (await nodeSigner(pair.tj.ctx)).publicKeyObject)).toBe(true);
    await pullFromPeer(pair.af.ctx, { id: pair.tjOnAf });
    const n = await pair.tj.ctx.db.kysely.selectFrom('fed_checkpoints').select('id').where('direction', '=', 'theirs').execute();
    expect(n).toHaveLength(1);
  });

  it('a rewritten history is detected: the copy TJ holds no longer matches AF’s chain, and a contradicting checkpoint is refused', async () => {
    const afPeer = (await findPeer(pair.tj.ctx.db.kysely, { id: pair.afOnTj }))!;
    const key = (await nodeSigner(pair.af.ctx)).privateKey;
    // AF (or whoever holds its key and database) presents another history for the same seq, or a shorter one.
    const forked = signCheckpoint({ ...mine, headHash: 'f'.repeat(64), at: new Date().toISOString() }, key);
    await expect(acceptPeerCheckpoint(pair.tj.ctx, afPeer, { checkpoint: forked })).rejects.toMatchObject({ details: { code: 'CHECKPOINT_FORKED' } });
    const shorter = signCheckpoint({ ...mine, seq: mine.seq - 1, headHash: 'e'.repeat(64) }, key);
    await expect(acceptPeerCheckpoint(pair.tj.ctx, afPeer, { checkpoint: shorter })).rejects.toMatchObject({ details: { code: 'CHECKPOINT_REGRESSED' } });
    const codes = await pair.tj.ctx.db.kysely.selectFrom('fed_rejections').select('code').where('peer_id', '=', pair.afOnTj).execute();
    expect(codes.map((c) => c.code)).toEqual(expect.arrayContaining(['CHECKPOINT_FORKED', 'CHECKPOINT_REGRESSED']));
    // A checkpoint signed by another key is refused.
    const stranger = signCheckpoint(mine, (await nodeSigner(pair.tj.ctx)).privateKey);
    await expect(acceptPeerCheckpoint(pair.tj.ctx, afPeer, { checkpoint: stranger })).rejects.toMatchObject({ details: { code: 'CHECKPOINT_BAD_SIGNATURE' } });
    // AF rewrites an old audit entry: the checkpoint TJ holds proves it.
    const held = JSON.parse((await latestPeerCheckpoint(pair.tj.ctx.db.kysely, pair.afOnTj, 'theirs'))!.checkpointJson) as SignedCheckpoint;
    expect(await checkCheckpoint(pair.af.ctx, held, await verifyAuditChain(pair.af.ctx.db))).toMatchObject({ ok: true });
    await pair.af.ctx.db.kysely.updateTable('audit_log').set({ detail_json: '{"rewritten":true}' }).where('seq', '=', 2).execute();
    const verdict = await checkCheckpoint(pair.af.ctx, held, await verifyAuditChain(pair.af.ctx.db));
    expect(verdict.ok).toBe(false);
  });
});
