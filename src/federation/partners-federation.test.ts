import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../server/testing/api-client.ts';
import { startPair, type Pair } from '../server/testing/federation-pair.ts';
import { startSyncLoop } from './sync-loop.ts';

/**
 * The partner view across both states: the Tajik node keeps the 3W register (seeded), the
 * Afghan node receives it under an agreement that lists the three kinds, shows it read-only, and
 * counts what it received in the information-exchanges indicator. SQLite only: the record layer
 * and the federation run on both dialects in their own tests.
 */
describe('partners 3W across the federation', { timeout: 180_000 }, () => {
  let pair: Pair;
  let loop: ReturnType<typeof startSyncLoop>;
  let afLiaison: ApiClient;
  let tjObserver: ApiClient;

  beforeAll(async () => {
    pair = await startPair('sqlite', { agreement: { types: ['initiative', 'training', 'equipment'], maxTlp: 'GREEN', personalData: false } });
    [afLiaison, tjObserver] = await Promise.all([pair.af.as('af.liaison'), pair.tj.as('partner.observer')]);
    loop = startSyncLoop(pair.af.ctx, 500);
    await loop.runNow();
  }, 180_000);
  afterAll(async () => {
    await loop?.stop();
    await pair?.close();
  });

  it('the Afghan node shows the Tajik register read-only, and counts the envelopes it received', async () => {
    const kinds = ['initiatives', 'trainings', 'equipment'] as const;
    const onTj = await Promise.all(kinds.map(async (k) => (await tjObserver.get(`/api/${k}`)).body.items as { id: string }[]));
    let onAf: { id: string; ownerNode: string; can: { update: boolean } }[][] = [];
    for (let i = 0; i < 40; i++) {
      onAf = await Promise.all(kinds.map(async (k) => (await afLiaison.get(`/api/${k}`)).body.items));
      if (onAf.every((list, j) => list.length === onTj[j]!.length)) break;
      await loop.runNow();
    }
    kinds.forEach((_, j) => expect(onAf[j]!.map((r) => r.id).sort()).toEqual(onTj[j]!.map((r) => r.id).sort()));
    const copy = onAf[0]![0]!;
    expect(copy.ownerNode).not.toBe(pair.af.ctx.node.id);
    expect(copy.can.update).toBe(false);
    const patch = await afLiaison.request('PATCH', `/api/initiatives/${copy.id}`, { status: 'completed' }, { headers: { 'if-match': '"1"' } });
    expect(patch.status).toBe(403);
    // The partner view spans both states.
    const undp = (await afLiaison.get('/api/partners')).body.items.find((p: { partner: string }) => p.partner === 'UNDP');
    expect(undp.states).toEqual(['AF']);
    const japan = (await afLiaison.get('/api/partners')).body.items.find((p: { partner: string }) => p.partner === 'JAPAN');
    expect(japan.states).toEqual(['AF', 'TJ']);
    // Information exchanges this month on the Afghan node: one envelope per record received.
    const from = new Date().toISOString().slice(0, 8) + '01';
    const to = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 8) + '01';
    const ind = (await afLiaison.get(`/api/indicators?from=${from}&to=${to}`)).body.items.find((i: { id: string }) => i.id === 'information-exchanges');
    expect(ind.value).toBe(onTj.flat().length);
    expect(ind.byMonth[0]).toEqual({ month: from.slice(0, 7), value: onTj.flat().length });
  });
});
