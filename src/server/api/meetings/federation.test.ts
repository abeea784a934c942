import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startPair, type Pair } from '../../testing/federation-pair.ts';

const AGREEMENT = { types: ['meeting', 'action_item', 'action_update', 'joint_operation', 'operation_report'], maxTlp: 'GREEN', personalData: false };
const inDays = (d: number, hour = 6) => {
  const t = new Date(Date.now() + d * 86_400_000);
  t.setUTCHours(hour, 0, 0, 0);
  return t.toISOString();
};

/**
 * A meeting recorded on the Tajik node appears on the Afghan node for the Afghan BLO; the Afghan
 * side closes an action item it answers for (an update record of its own) and the Tajik side
 * then shows it closed, with the same time.
 */
describe.each(await testDialects())('meetings between a TJ and an AF node (%s)', { timeout: 180_000 }, (dialect) => {
  let pair: Pair;
  let tjCommander: ApiClient;
  let afLiaison: ApiClient;
  let afUnitRef: string;
  let tjUnits: { id: string; ref: string; pairedWithId: string | null }[];
  const state = { meetingId: '', itemId: '' };

  const sync = async (client: ApiClient, peer: string) => {
    const res = await client.post(`/api/federation/peers/${peer}/sync`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.rejected, JSON.stringify(res.body.rejections)).toBe(0);
    return res.body as { stored: number };
  };

  beforeAll(async () => {
    pair = await startPair(dialect, { agreement: AGREEMENT });
    [tjCommander, afLiaison] = await Promise.all([pair.tj.as('tj.commander'), pair.af.as('af.liaison')]);
    // The Afghan liaison officer's BLO, by ref (each node has its own registry ids).
    const me = (await afLiaison.get('/api/auth/me')).body.user;
    afUnitRef = ((await afLiaison.get('/api/units')).body.items as { id: string; ref: string }[]).find((u) => u.id === me.unitId)!.ref;
    tjUnits = (await tjCommander.get('/api/units')).body.items;
  }, 180_000);
  afterAll(async () => pair?.close());

  it('a meeting created on TJ appears on AF for the participating BLO', async () => {
    const afBlo = tjUnits.find((u) => u.ref === afUnitRef)!;
    const res = await tjCommander.post('/api/meetings', {
      title: 'BLO meeting: spring flood preparations',
      startsAt: inDays(5, 5),
      endsAt: inDays(5, 8),
      timeZone: 'Asia/Kabul',
      location: 'Sher Khan Bandar BLO',
      participantUnitIds: [afBlo.id, afBlo.pairedWithId],
      agenda: ['Gauge readings exchange', 'Evacuation routes'],
    });
    expect(res.status, res.text).toBe(201);
    state.meetingId = res.body.id;
    const item = await tjCommander.post(`/api/meetings/${state.meetingId}/actions`, { title: 'Send the evacuation route map', owner: { kind: 'unit', id: afBlo.id }, dueDate: inDays(12).slice(0, 10) });
    expect(item.status, item.text).toBe(201);
    state.itemId = item.body.id;
    // Recorded late: already past its due day, so flagged overdue on both sides.
    const late = await tjCommander.post(`/api/meetings/${state.meetingId}/actions`, { title: 'Return the seized boat', owner: { kind: 'unit', id: afBlo.pairedWithId }, dueDate: inDays(-3).slice(0, 10) });
    expect(late.body.overdue).toBe(true);

    expect((await sync(pair.afAdmin, pair.tjOnAf)).stored).toBe(3);
    const onAf = await afLiaison.get(`/api/meetings/${state.meetingId}`);
    expect(onAf.status, onAf.text).toBe(200);
    expect(onAf.body).toMatchObject({ title: 'BLO meeting: spring flood preparations', ownerState: 'TJ', timeZone: 'Asia/Kabul', abilities: { edit: false } });
    expect(onAf.body.actions.map((a: { title: string; overdue: boolean }) => [a.title, a.overdue])).toEqual([
      ['Return the seized boat', true],
      ['Send the evacuation route map', false],
    ]);
    const mine = onAf.body.actions.find((a: { id: string }) => a.id === state.itemId);
    expect(mine).toMatchObject({ status: 'open', abilities: { changeStatus: true } });
    // The AF node's own reporter at a post that does not take part sees nothing of it.
    expect((await (await pair.af.as('af.customs')).get(`/api/meetings/${state.meetingId}`)).status).toBe(404);
  });

  it('an action item closed on AF shows closed on TJ, with the same time', async () => {
    const closed = await afLiaison.post(`/api/actions/${state.itemId}/status`, { status: 'done', note: 'Map handed over at the bridge' });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body).toMatchObject({ status: 'done', statusByState: 'AF' });
    // The item itself stays the Tajik record; the closing is an Afghan record that travels back.
    expect((await sync(pair.tjAdmin, pair.afOnTj)).stored).toBe(1);
    const onTj = (await tjCommander.get(`/api/meetings/${state.meetingId}`)).body.actions.find((a: { id: string }) => a.id === state.itemId);
    expect(onTj).toMatchObject({ id: state.itemId, status: 'done', statusByState: 'AF', statusAt: closed.body.statusAt, version: 1, ownerState: 'TJ' });
    const onAf = (await afLiaison.get('/api/actions')).body.items.find((a: { id: string }) => a.id === state.itemId);
    expect(onAf).toMatchObject({ status: 'done', statusAt: closed.body.statusAt });
  });
});
