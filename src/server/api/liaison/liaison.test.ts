import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRecord } from '../../../services/records.service.ts';
import { seedLiaison } from '../../../services/seed/liaison.ts';
import { idsByRef } from '../../../store/records.repository.ts';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../../testing/test-node.ts';

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

/** Liaison on one node: bad input with stable codes, channel rights, continuity, the seeded half year. */
describe.each(await testDialects())('liaison channels (%s)', (dialect) => {
  let node: TestNode;
  let tjLiaison: ApiClient;
  let afLiaison: ApiClient;
  let channelId = '';
  let otherChannelId = '';

  beforeAll(async () => {
    node = await startTestNode(dialect);
    [tjLiaison, afLiaison] = await Promise.all([node.as('tj.liaison'), node.as('af.liaison')]);
    const res = await tjLiaison.post('/api/liaison/channels', {
      ref: 'blo-pp-skb',
      title: 'BLO Panji Poyon – Sher Khan Bandar',
      kind: 'blo',
      members: [
        { state: 'TJ', unitRef: 'tj-blo-panji-poyon' },
        { state: 'AF', unitRef: 'af-blo-sher-khan-bandar' },
      ],
      procedures: 'Handover at the middle of the bridge.',
      contacts: [{ state: 'AF', unitRef: 'af-blo-sher-khan-bandar', name: 'Ahmad Zia Rahimi', position: 'Liaison officer', phone: '+93 79 555 0412', radio: 'SHERKHAN-1', languages: ['fa', 'ps'] }],
    });
    expect(res.status, res.text).toBe(201);
    channelId = res.body.id;
    // A channel between two posts, which the BLO officers are not in.
    const other = await writeRecord(node.ctx, { kind: 'system', name: 'test' }, {
      type: 'liaison_channel',
      body: { ref: 'posts-panj', title: 'Panj – Dasht-e Archi', kind: 'post_to_post', members: [{ state: 'TJ', unitRef: 'tj-post-panj' }, { state: 'AF', unitRef: 'af-post-dasht-e-archi' }], procedures: '', contacts: [] },
      marking: { tlp: 'AMBER', releasableTo: { states: ['AF'], agencies: [], units: [] }, hops: 1 },
    });
    otherChannelId = other.record.id;
  }, 120_000);
  afterAll(async () => node?.close());

  const rfi = (extra: object = {}) => ({ templateId: 'rfi_person', fields: { person: 'Абдулло Каримов' }, rfi: { deadline: inDays(2), priority: 'routine' }, ...extra });

  it('an RFI on a channel the user is not in: 403 NOT_CHANNEL_MEMBER', async () => {
    const res = await tjLiaison.post(`/api/liaison/channels/${otherChannelId}/messages`, rfi());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('NOT_CHANNEL_MEMBER');
    expect((await tjLiaison.get(`/api/liaison/channels/${otherChannelId}`)).body.error.code).toBe('NOT_CHANNEL_MEMBER');
  });

  it('unknown template, missing or unknown fields, a past deadline: stable codes', async () => {
    const post = (body: object) => tjLiaison.post(`/api/liaison/channels/${channelId}/messages`, body);
    const unknown = await post(rfi({ templateId: 'rfi_spaceship' }));
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'UNKNOWN_TEMPLATE']);
    const missing = await post(rfi({ fields: { birthDate: '1980-01-01' } }));
    expect([missing.status, missing.body.error.code]).toEqual([400, 'TEMPLATE_FIELDS_INVALID']);
    expect(missing.body.error.details).toEqual({ missing: ['person'], unknown: [] });
    const extra = await post(rfi({ fields: { person: 'Абдулло Каримов', shoeSize: '44' } }));
    expect(extra.body.error).toMatchObject({ code: 'TEMPLATE_FIELDS_INVALID', details: { missing: [], unknown: ['shoeSize'] } });
    const past = await post(rfi({ rfi: { deadline: inDays(-1), priority: 'urgent' } }));
    expect([past.status, past.body.error.code]).toEqual([400, 'DEADLINE_IN_PAST']);
    const noDeadline = await post({ templateId: 'rfi_vehicle', fields: { plate: '01 ТТ 4471' } });
    expect([noDeadline.status, noDeadline.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const empty = await post({});
    expect([empty.status, empty.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await tjLiaison.post(`/api/liaison/channels/${crypto.randomUUID()}/messages`, rfi())).status).toBe(404);
    // Answering something that is not a request.
    const note = await post({ templateId: 'hazard', fields: { hazard: 'Mudflow', place: 'Panj river, km 12', when: '2026-12-03 06:00' } });
    expect(note.status, note.text).toBe(201);
    const answer = await afLiaison.post(`/api/liaison/rfis/${note.body.id}/answer`, { freeText: 'ok' });
    expect([answer.status, answer.body.error.code]).toEqual([400, 'NOT_AN_RFI']);
  });

  it('a notification renders in every language from the same record; free text is labelled untranslated', async () => {
    const sent = await afLiaison.post(`/api/liaison/channels/${channelId}/messages`, { templateId: 'handover_persons', fields: { count: '2', person: 'عبدالله رحیمی', place: 'bridge checkpoint', when: '2026-12-05 10:00' }, freeText: 'با ترجمان', lang: 'fa' });
    expect(sent.status, sent.text).toBe(201);
    const read = async (lang: string) => (await tjLiaison.get(`/api/liaison/channels/${channelId}?lang=${lang}`)).body.history.find((h: { id: string }) => h.id === sent.body.id).rendered;
    const tg = await read('tg');
    expect(tg.title).toBe('Супоридани шахсони боздоштшуда');
    expect(tg.fields.find((f: { key: string }) => f.key === 'person').display).toMatch(/^[\u0400-\u04ff ]+$/);
    expect(tg.freeText).toEqual({ text: 'با ترجمان', lang: 'fa', untranslated: true });
    expect((await read('en')).title).toBe('Handover of detained persons');
    const templates = await tjLiaison.get('/api/liaison/templates?lang=ps');
    expect(templates.body.items.map((t: { id: string }) => t.id)).toEqual(['rfi_person', 'rfi_vehicle', 'incident', 'hazard', 'meeting_request', 'handover_persons', 'handover_goods']);
    expect(templates.body.items[0]).toMatchObject({ rfi: true, title: 'د یو کس په اړه د معلوماتو غوښتنه' });
  });

  it('a newly posted officer sees history, open requests, procedures and counterpart contacts on day one', async () => {
    expect((await tjLiaison.post(`/api/liaison/channels/${channelId}/messages`, rfi())).status).toBe(201);
    const admin = await node.as('admin');
    const units = await idsByRef(node.ctx.db.kysely, 'unit');
    const agencies = await idsByRef(node.ctx.db.kysely, 'agency');
    const created = await admin.post('/api/users', { username: 'tj.newofficer', displayName: 'Nodir Yusufov', password: TEST_PASSWORD, roles: ['liaison_officer'], agencyId: agencies.get('tj-border-troops'), unitId: units.get('tj-blo-panji-poyon'), locale: 'ru' });
    expect(created.status, created.text).toBe(201);
    const fresh = await node.as('tj.newofficer');
    const view = await fresh.get(`/api/liaison/channels/${channelId}`);
    expect(view.status, view.text).toBe(200);
    expect(view.body.procedures).toBe('Handover at the middle of the bridge.');
    expect(view.body.counterpartContacts).toEqual([expect.objectContaining({ state: 'AF', name: 'Ahmad Zia Rahimi', radio: 'SHERKHAN-1' })]);
    expect(view.body.history.length).toBeGreaterThanOrEqual(3);
    expect(view.body.openRequests).toEqual([expect.objectContaining({ kind: 'rfi', rfi: expect.objectContaining({ state: 'open' }) })]);
    expect(view.body.history[0].rendered.title).toBe('Предупреждение об опасности');
    expect(view.body.abilities).toEqual({ write: true, manage: true });
  });

  it('the owning side edits agreed procedures with a version; the other side cannot', async () => {
    const view = await tjLiaison.get(`/api/liaison/channels/${channelId}`);
    expect((await tjLiaison.request('PATCH', `/api/liaison/channels/${channelId}`, { procedures: 'x' })).status).toBe(428);
    const ok = await tjLiaison.request('PATCH', `/api/liaison/channels/${channelId}`, { procedures: 'Handover at the middle of the bridge, 10:00.' }, { headers: { 'if-match': `"${view.body.version}"` } });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.procedures).toBe('Handover at the middle of the bridge, 10:00.');
    const af = await afLiaison.request('PATCH', `/api/liaison/channels/${channelId}`, { procedures: 'mine' }, { headers: { 'if-match': `"${ok.body.version}"` } });
    expect(af.status).toBe(403);
    expect((await afLiaison.get(`/api/liaison/channels/${channelId}`)).body.abilities).toEqual({ write: true, manage: false });
  });

  it('the seeded half year: channels with answered and overdue RFIs, a dashboard per border pair', async () => {
    const first = await seedLiaison(node.ctx);
    expect(first.channels).toBe(7);
    expect(first.messages).toBeGreaterThan(150);
    expect((await seedLiaison(node.ctx)).messages).toBe(0);
    const channels = (await tjLiaison.get('/api/liaison/channels')).body.items;
    expect(channels.map((c: { ref: string }) => c.ref)).toEqual(expect.arrayContaining(['blo-panji-poyon', 'blo-pp-skb']));
    expect(channels.map((c: { ref: string }) => c.ref)).not.toContain('posts-panj-dasht-e-archi');
    const commander = await node.as('tj.commander');
    const dash = await commander.get('/api/cooperation/dashboard');
    expect(dash.status, dash.text).toBe(200);
    const pair = dash.body.pairs.find((p: { pairKey: string }) => p.pairKey === 'AF-TJ');
    expect(pair.months.length).toBeGreaterThanOrEqual(6);
    expect(pair.months.every((m: { sent: number; received: number }) => m.sent + m.received > 0)).toBe(true);
    expect(pair.ourRequests.answered).toBeGreaterThan(10);
    expect(pair.ourRequests.p90Hours).toBeGreaterThanOrEqual(pair.ourRequests.medianHours);
    expect(pair.ourRequests.answeredOnTimeShare).toBeGreaterThan(0.5);
    expect(pair.ourRequests.answeredOnTimeShare).toBeLessThan(1);
    expect(pair.ourRequests.overdue + pair.theirRequests.overdue).toBeGreaterThan(0);
    expect(pair.perChannel.length).toBeGreaterThanOrEqual(7);
    // Meetings, action items and joint operations join the same answer (src/services/cooperation/meeting-figures.ts).
    expect(dash.body.sources).toEqual(['liaison', 'meetings']);
    expect(pair).toHaveProperty('meetings');
    const bad = await commander.get('/api/cooperation/dashboard?from=2026-12-01&to=2026-01-01');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await (await node.as('tj.customs')).get('/api/cooperation/dashboard')).status).toBe(403);
  });
});
