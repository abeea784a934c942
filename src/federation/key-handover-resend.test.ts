import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../server/testing/databases.ts';
import { startGate, startPair, type Pair } from '../server/testing/federation-pair.ts';
import { findPeer } from '../store/federation.repository.ts';
import { keyFingerprint, rotateNodeKey } from './key-rotation.ts';
import { startSyncLoop } from './sync-loop.ts';
import { pullFromPeer } from './sync.ts';

/**
 * TJ rotates its key while AF is down (TJ reaches AF through a gate that is closed): AF cannot
 * get the hand-over then and refuses what TJ signs with the new key. When AF is back, TJ's next
 * sync round hands the key over (once), and AF accepts envelopes signed with the new key.
 */
describe.each(await testDialects())('key hand-over re-sent to a peer that was down (%s)', { timeout: 240_000 }, (dialect) => {
  let pair: Pair;
  let gate: Awaited<ReturnType<typeof startGate>>;
  beforeAll(async () => {
    pair = await startPair(dialect, {
      afUrlForTj: async (afUrl) => {
        gate = await startGate(afUrl);
        return gate.url;
      },
    });
  }, 120_000);
  afterAll(async () => {
    await gate?.close();
    await pair?.close();
  });

  const handovers = () => pair.tj.ctx.db.kysely.selectFrom('fed_key_handovers').selectAll().where('peer_id', '=', pair.afOnTj).execute();
  const tjKeyOnAf = async () => (await findPeer(pair.af.ctx.db.kysely, { id: pair.tjOnAf }))!.publicKey;

  it('is re-sent on the next round until AF accepts it, then AF takes envelopes signed with the new key', async () => {
    const oldKey = await tjKeyOnAf();
    await gate.down();
    const rotated = await rotateNodeKey(pair.tj.ctx, { overlapMs: 0 });
    expect(rotated.delivered).toEqual([]);
    expect(rotated.pending.map((p) => p.peer)).toEqual(['sarhad-af']);
    expect(rotated.fingerprint).toBe(keyFingerprint(rotated.handover.newKey));
    expect(await tjKeyOnAf()).toBe(oldKey);
    expect(await handovers()).toMatchObject([{ new_key: rotated.handover.newKey, attempts: 1, accepted_at: null }]);

    const analyst = await pair.tj.as('tj.analyst');
    const created = await analyst.post('/api/alerts', { subject: { kind: 'vehicle', plate: '01 TT 7001', description: null }, reason: 'Signed with the new key', action: 'discreet_check', marking: { tlp: 'GREEN' } });
    expect(created.status).toBe(201);
    // AF (it can reach TJ) still knows only the old key: the page signed with the new one is refused.
    await expect(pullFromPeer(pair.af.ctx, { id: pair.tjOnAf })).rejects.toMatchObject({ code: 'PAGE_FORGED' });

    // Still down: the round tries again and records the attempt.
    const loop = startSyncLoop(pair.tj.ctx, 3_600_000);
    await loop.runNow();
    // (AF's refused pull also made TJ try again in the background: attempts only grow.)
    const stillDown = (await handovers())[0]!;
    expect(stillDown.attempts).toBeGreaterThanOrEqual(2);
    expect(stillDown.accepted_at).toBeNull();
    expect(stillDown.last_error).toBeTruthy();

    await gate.up();
    await loop.runNow();
    await loop.stop();
    const [row] = await handovers();
    expect(row!.attempts).toBeGreaterThan(stillDown.attempts);
    expect(row!.last_error).toBeNull();
    expect(row!.accepted_at).not.toBeNull();
    expect(await tjKeyOnAf()).toBe(rotated.handover.newKey);
    const audit = await pair.tj.ctx.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'federation.key_handover_delivered').execute();
    expect(audit).toHaveLength(1);

    const pulled = await pullFromPeer(pair.af.ctx, { id: pair.tjOnAf });
    expect(pulled).toMatchObject({ stored: 1, rejected: 0 });
    expect(await pair.af.ctx.db.kysely.selectFrom('alerts').select('id').where('id', '=', created.body.id).executeTakeFirst()).toBeDefined();
    const kept = await pair.af.ctx.db.kysely.selectFrom('received_envelopes').select('envelope_json').where('record_id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(JSON.parse(kept.envelope_json)).toMatchObject({ owner: { node: pair.tj.ctx.node.id } });

    // Acknowledged: later rounds send nothing more.
    await pullFromPeer(pair.tj.ctx, { id: pair.afOnTj });
    expect((await handovers())[0]).toMatchObject({ attempts: row!.attempts });
  });
});
