import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMessage } from '../../../services/liaison/liaison.service.ts';
import { findUserByUsername } from '../../../store/users.repository.ts';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startPair, type Pair } from '../../testing/federation-pair.ts';

const AGREEMENT = { types: ['liaison_channel', 'liaison_message'], maxTlp: 'AMBER', personalData: true };
const CYRILLIC = /[\u0400-\u04ff]/;
const ARABIC = /[\u0600-\u06ff]/;
const DARI_TITLE = 'درخواست معلومات در مورد یک شخص';

/**
 * The RFI round trip between a Tajik and an Afghan node: each side owns only what it wrote (the
 * RFI; the answer), and both derive the same state and times from the same two records.
 */
describe.each(await testDialects())('liaison between a TJ and an AF node (%s)', (dialect) => {
  let pair: Pair;
  let tjLiaison: ApiClient;
  let afLiaison: ApiClient;
  let channelId = '';
  let rfiId = '';

  const afPulls = async () => {
    const res = await pair.afAdmin.post(`/api/federation/peers/${pair.tjOnAf}/sync`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.rejected, JSON.stringify(res.body.rejections)).toBe(0);
  };
  const tjPulls = async () => {
    const res = await pair.tjAdmin.post(`/api/federation/peers/${pair.afOnTj}/sync`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.rejected, JSON.stringify(res.body.rejections)).toBe(0);
  };
  const rfiOn = async (client: ApiClient, id: string, lang = 'en') => {
    const view = await client.get(`/api/liaison/channels/${channelId}?lang=${lang}`);
    expect(view.status, view.text).toBe(200);
    return view.body.history.find((h: { id: string }) => h.id === id);
  };

  beforeAll(async () => {
    pair = await startPair(dialect, { agreement: AGREEMENT });
    [tjLiaison, afLiaison] = await Promise.all([pair.tj.as('tj.liaison'), pair.af.as('af.liaison')]);
    const created = await tjLiaison.post('/api/liaison/channels', {
      ref: 'blo-pp-skb-test',
      title: 'BLO Panji Poyon – Sher Khan Bandar',
      kind: 'blo',
      members: [
        { state: 'TJ', unitRef: 'tj-blo-panji-poyon' },
        { state: 'AF', unitRef: 'af-blo-sher-khan-bandar' },
      ],
      procedures: 'Urgent RFIs within 6 h.',
      contacts: [{ state: 'TJ', unitRef: 'tj-blo-panji-poyon', name: 'Jamshed Sharipov', position: 'Liaison officer', phone: '+992 93 555 01 12', radio: null, languages: ['tg', 'ru'] }],
    });
    expect(created.status, created.text).toBe(201);
    channelId = created.body.id;
  }, 180_000);
  afterAll(async () => pair?.close());

  it('a Tajik RFI written in Cyrillic reads in Dari on the Afghan node, with the name in Perso-Arabic', async () => {
    const sent = await tjLiaison.post(`/api/liaison/channels/${channelId}/messages`, {
      templateId: 'rfi_person',
      fields: { person: 'Ҷамшед Раҳмонов', birthDate: '1984-03-12' },
      freeText: 'Дар соҳили дарё дида шуд.',
      lang: 'tg',
      rfi: { deadline: new Date(Date.now() + 48 * 3_600_000).toISOString(), priority: 'urgent' },
    });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body).toMatchObject({ kind: 'rfi', ownerState: 'TJ', lang: 'tg', marking: { tlp: 'AMBER', releasableTo: { states: ['AF'] } } });
    rfiId = sent.body.id;

    await afPulls();
    const onAf = await rfiOn(afLiaison, rfiId, 'fa');
    expect(onAf).toMatchObject({ kind: 'rfi', ownerState: 'TJ', ours: false, rfi: { state: 'open', priority: 'urgent', overdue: false } });
    expect(onAf.rendered.title).toBe(DARI_TITLE);
    const person = onAf.rendered.fields.find((f: { key: string }) => f.key === 'person');
    expect(person).toMatchObject({ value: 'Ҷамшед Раҳмонов', transliterated: true, label: 'نام کامل' });
    expect(person.display).toMatch(ARABIC);
    expect(person.display).not.toMatch(CYRILLIC);
    // The Dari template text carries the name in Perso-Arabic, no Cyrillic at all.
    expect(onAf.rendered.text).toContain(person.display);
    expect(onAf.rendered.text).not.toMatch(CYRILLIC);
    // Free text stays as written, labelled untranslated.
    expect(onAf.rendered.freeText).toEqual({ text: 'Дар соҳили дарё дида шуд.', lang: 'tg', untranslated: true });
    // The copy is read-only on AF: nothing the AF side can change on the TJ record.
    expect((await pair.af.ctx.db.kysely.selectFrom('liaison_messages').select(['owner_node']).where('id', '=', rfiId).executeTakeFirstOrThrow()).owner_node).toBe(pair.tj.ctx.node.id);
  });

  it('the Afghan answer is a record of its own; both sides see the RFI answered with the same times', async () => {
    const answer = await afLiaison.post(`/api/liaison/rfis/${rfiId}/answer`, { freeText: 'این شخص برای ما شناخته‌شده نیست.', lang: 'fa' });
    expect(answer.status, answer.text).toBe(201);
    expect(answer.body).toMatchObject({ kind: 'answer', ownerState: 'AF', replyTo: rfiId });
    const onAf = await rfiOn(afLiaison, rfiId);
    expect(onAf.rfi).toMatchObject({ state: 'answered', answerId: answer.body.id, answeredOnTime: true });

    await tjPulls();
    const onTj = await rfiOn(tjLiaison, rfiId);
    expect(onTj.rfi).toEqual(onAf.rfi);
    expect(onTj.rfi.answeredAt).toBe(answer.body.sentAt);
    // The RFI record itself was never rewritten by the other side.
    expect(onTj.version).toBe(1);
    const answerOnTj = (await tjLiaison.get(`/api/liaison/channels/${channelId}?lang=tg`)).body.history.find((h: { id: string }) => h.id === answer.body.id);
    expect(answerOnTj).toMatchObject({ kind: 'answer', ownerState: 'AF', rendered: { freeText: { lang: 'fa', untranslated: true } } });
    // Response times per counterpart on both dashboards agree.
    const tjDash = (await tjLiaison.get('/api/cooperation/dashboard')).body.pairs.find((p: { pairKey: string }) => p.pairKey === 'AF-TJ');
    const afDash = (await afLiaison.get('/api/cooperation/dashboard')).body.pairs.find((p: { pairKey: string }) => p.pairKey === 'AF-TJ');
    expect(tjDash.ourRequests).toMatchObject({ sent: 1, answered: 1, answeredOnTimeShare: 1 });
    expect(afDash.theirRequests).toEqual(tjDash.ourRequests);
  });

  it('an overdue RFI is flagged on both sides', async () => {
    // Written ten hours ago with a six-hour deadline (the service takes the clock; the API refuses past deadlines).
    const row = (await findUserByUsername(pair.tj.ctx.db.kysely, 'tj.liaison'))!;
    const then = new Date(Date.now() - 10 * 3_600_000);
    const subject = { userId: row.id, roles: row.roles, stateCode: row.stateCode, agencyId: row.agencyId, unitId: row.unitId };
    const late = await postMessage(pair.tj.ctx, { subject, displayName: row.displayName, locale: 'tg' }, channelId, { templateId: 'rfi_vehicle', fields: { plate: '01 ТТ 4471' }, rfi: { deadline: new Date(then.getTime() + 6 * 3_600_000).toISOString(), priority: 'priority' } }, then);
    const onTj = await rfiOn(tjLiaison, late.id);
    expect(onTj.rfi).toMatchObject({ state: 'overdue', overdue: true, answeredAt: null });
    await afPulls();
    const onAf = await rfiOn(afLiaison, late.id, 'fa');
    expect(onAf.rfi).toMatchObject({ state: 'overdue', overdue: true, deadline: onTj.rfi.deadline });
    const list = (await afLiaison.get('/api/liaison/channels')).body.items.find((c: { id: string }) => c.id === channelId);
    expect(list).toMatchObject({ overdueRfis: 1 });
  });

  it('only the channel\'s units see it, on either node', async () => {
    const [afCustoms, tjCommander, tjReporter] = await Promise.all([pair.af.as('af.customs'), pair.tj.as('tj.commander'), pair.tj.as('tj.reporter')]);
    expect((await afCustoms.get(`/api/liaison/channels/${channelId}`)).status).toBe(403);
    for (const other of [tjCommander, tjReporter]) {
      const res = await other.get(`/api/liaison/channels/${channelId}`);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('NOT_CHANNEL_MEMBER');
      expect((await other.get('/api/liaison/channels')).body.items.map((c: { id: string }) => c.id)).not.toContain(channelId);
    }
    // The Afghan side may not close the Tajik request, nor the Tajik side answer its own.
    expect((await afLiaison.post(`/api/liaison/rfis/${rfiId}/close`, {})).status).toBe(403);
    expect((await tjLiaison.post(`/api/liaison/rfis/${rfiId}/answer`, { freeText: 'x' })).status).toBe(403);
    // Closed by the Tajik side: the close travels, both sides show it closed, no more answers.
    expect((await tjLiaison.post(`/api/liaison/rfis/${rfiId}/close`, {})).status).toBe(201);
    await afPulls();
    expect((await rfiOn(afLiaison, rfiId)).rfi).toMatchObject({ state: 'closed', answeredOnTime: true });
    const again = await afLiaison.post(`/api/liaison/rfis/${rfiId}/answer`, { freeText: 'more' });
    expect([again.status, again.body.error.code]).toEqual([409, 'RFI_STATE']);
  });
});
