import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

const inDays = (d: number, hour = 6) => {
  const t = new Date(Date.now() + d * 86_400_000);
  t.setUTCHours(hour, 0, 0, 0);
  return t.toISOString();
};
const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

/** The unit of a signed-in user and the unit facing it across the river. */
async function unitOf(client: ApiClient) {
  const me = (await client.get('/api/auth/me')).body.user;
  const units = (await client.get('/api/units')).body.items as { id: string; ref: string; pairedWithId: string | null; stateCode: string }[];
  return { me, unit: units.find((u) => u.id === me.unitId)!, units };
}

function parseIcs(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe.each(await testDialects())('BLO meetings over HTTP (%s)', { timeout: 120_000 }, (dialect) => {
  let tj: TestNode;
  let commander: ApiClient;
  let afLiaison: ApiClient;
  let reporter: ApiClient;
  let participants: string[];

  beforeAll(async () => {
    tj = await startTestNode(dialect);
    [commander, afLiaison, reporter] = await Promise.all([tj.as('tj.commander'), tj.as('af.liaison'), tj.as('tj.reporter')]);
    const { unit } = await unitOf(afLiaison);
    // The Afghan liaison officer's BLO and the Tajik BLO facing it.
    participants = [unit.id, unit.pairedWithId!];
  }, 120_000);
  afterAll(async () => tj?.close());

  const meeting = (over: Record<string, unknown> = {}) => ({
    title: 'Monthly BLO meeting',
    startsAt: inDays(3, 5),
    endsAt: inDays(3, 7),
    timeZone: 'Asia/Dushanbe',
    location: 'Panji Poyon BLO, meeting room',
    participantUnitIds: participants,
    agenda: ['Exchange of statistics', 'Flood season preparations'],
    ...over,
  });

  it('schedules a meeting both participating sides see; others do not', async () => {
    const res = await commander.post('/api/meetings', meeting());
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: 'scheduled', version: 1, ownerState: 'TJ', abilities: { edit: true, addAction: true } });
    expect(res.body.participants.map((p: { stateCode: string }) => p.stateCode).sort()).toEqual(['AF', 'TJ']);
    const mine = await afLiaison.get('/api/meetings');
    expect(mine.body.items.map((m: { id: string }) => m.id)).toContain(res.body.id);
    expect((await afLiaison.get(`/api/meetings/${res.body.id}`)).body.abilities.edit).toBe(false);
    expect((await reporter.get('/api/meetings')).body.items.map((m: { id: string }) => m.id)).not.toContain(res.body.id);
    expect((await reporter.get(`/api/meetings/${res.body.id}`)).status).toBe(404);
    expect((await (await tj.as('partner.observer')).get('/api/meetings')).status).toBe(403);
  });

  it('the iCalendar feed parses with ical.js, with a Bearer token, and leaves out meetings of other units', async () => {
    const created = (await commander.post('/api/meetings', meeting({ title: 'Ishkashim handover talks', location: 'Ishkashim bridge' }))).body;
    const token = (await afLiaison.post('/api/me/tokens', { name: 'calendar', expiresInDays: 30 })).body.secret as string;
    const feed = await fetch(`${tj.url}/api/meetings.ics`, { headers: { authorization: `Bearer ${token}` } });
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const events = parseIcs(await feed.text());
    const ev = events.find((e) => e.uid === `${created.id}@sarhad`)!;
    expect(ev, 'the meeting is in the feed').toBeDefined();
    expect(ev.summary).toBe('Ishkashim handover talks');
    expect(ev.location).toBe('Ishkashim bridge');
    expect(ev.startDate.toJSDate().toISOString()).toBe(created.startsAt);
    expect(ev.endDate.toJSDate().toISOString()).toBe(created.endsAt);
    expect(ev.sequence).toBe(1);
    expect(ev.description).toContain('Exchange of statistics');

    // Cancelled: same UID, higher SEQUENCE, STATUS:CANCELLED.
    const cancelled = await commander.patch(`/api/meetings/${created.id}`, { version: 1, status: 'cancelled' });
    expect(cancelled.status, cancelled.text).toBe(200);
    const again = parseIcs(await (await fetch(`${tj.url}/api/meetings.ics`, { headers: { authorization: `Bearer ${token}` } })).text()).find((e) => e.uid === `${created.id}@sarhad`)!;
    expect(again.sequence).toBe(2);
    expect(again.component.getFirstPropertyValue('status')).toBe('CANCELLED');

    // The session cookie works too; a user of a unit that does not take part gets a calendar without it.
    expect(parseIcs((await commander.get('/api/meetings.ics')).text).some((e) => e.uid === `${created.id}@sarhad`)).toBe(true);
    const other = (await reporter.post('/api/me/tokens', { name: 'calendar', expiresInDays: 30 })).body.secret as string;
    const theirs = await fetch(`${tj.url}/api/meetings.ics`, { headers: { authorization: `Bearer ${other}` } });
    expect(theirs.status).toBe(200);
    expect(parseIcs(await theirs.text()).map((e) => e.uid)).not.toContain(`${created.id}@sarhad`);
    expect((await fetch(`${tj.url}/api/meetings.ics`, { headers: { authorization: 'Bearer sarhad_nope' } })).status).toBe(401);
  });

  it('action items: owner and due date, closed by the side that answers for it, overdue flagged', async () => {
    const m = (await commander.post('/api/meetings', meeting())).body;
    const { unit } = await unitOf(afLiaison);
    const item = await commander.post(`/api/meetings/${m.id}/actions`, { title: 'Share the list of flood-prone crossing points', owner: { kind: 'unit', id: unit.id }, dueDate: day(10) });
    expect(item.status, item.text).toBe(201);
    expect(item.body).toMatchObject({ status: 'open', overdue: false, owner: { kind: 'unit', stateCode: 'AF' } });
    const late = await commander.post(`/api/meetings/${m.id}/actions`, { title: 'Return the seized boat', owner: { kind: 'unit', id: unit.pairedWithId }, dueDate: day(-2) });
    expect(late.body).toMatchObject({ status: 'open', overdue: true });

    // The Afghan side answers for the first item and closes it; the reporter of an unrelated post may not.
    expect((await reporter.post(`/api/actions/${item.body.id}/status`, { status: 'done' })).status).toBe(404);
    const done = await afLiaison.post(`/api/actions/${item.body.id}/status`, { status: 'done', note: 'List sent by courier' });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', statusByState: 'AF', overdue: false });
    const detail = (await commander.get(`/api/meetings/${m.id}`)).body;
    expect(detail.actions.map((a: { title: string; status: string; overdue: boolean }) => [a.title, a.status, a.overdue])).toEqual([
      ['Return the seized boat', 'open', true],
      ['Share the list of flood-prone crossing points', 'done', false],
    ]);
    const all = (await afLiaison.get('/api/actions')).body.items as { id: string; meetingTitle: string }[];
    expect(all.find((a) => a.id === item.body.id)?.meetingTitle).toBe('Monthly BLO meeting');
  });

  it('minutes, attendance and decisions are recorded by the recording side, version-checked', async () => {
    const m = (await commander.post('/api/meetings', meeting())).body;
    const upd = await commander.patch(`/api/meetings/${m.id}`, { version: 1, minutes: 'Both sides agreed to meet monthly.', decisions: ['Monthly meetings on the first Tuesday'], attendance: [{ unitRef: 'tj-blo-panji-poyon', stateCode: 'TJ', position: 'Head of BLO' }] });
    expect(upd.status, upd.text).toBe(200);
    expect(upd.body).toMatchObject({ version: 2, decisions: ['Monthly meetings on the first Tuesday'] });
    expect((await commander.patch(`/api/meetings/${m.id}`, { version: 1, minutes: 'stale' })).body.error.code).toBe('VERSION_CONFLICT');
    expect((await afLiaison.patch(`/api/meetings/${m.id}`, { version: 2, minutes: 'from the other side' })).status).toBe(403);
  });

  it('bad input answers with stable codes and writes nothing', async () => {
    const before = (await commander.get('/api/meetings')).body.items.length;
    const past = await commander.post('/api/meetings', meeting({ startsAt: inDays(-1, 5), endsAt: inDays(-1, 7) }));
    expect([past.status, past.body.error.code]).toEqual([400, 'MEETING_IN_PAST']);
    const reversed = await commander.post('/api/meetings', meeting({ endsAt: inDays(3, 4) }));
    expect([reversed.status, reversed.body.error.code]).toEqual([400, 'END_BEFORE_START']);
    expect((await commander.post('/api/meetings', meeting({ participantUnitIds: ['00000000-0000-4000-8000-000000000000'] }))).body.error.code).toBe('VALIDATION_FAILED');
    expect((await commander.get('/api/meetings')).body.items.length).toBe(before);

    const m = (await commander.post('/api/meetings', meeting())).body;
    const noOwner = await commander.post(`/api/meetings/${m.id}/actions`, { title: 'Somebody should do this', dueDate: day(5) });
    expect([noOwner.status, noOwner.body.error.code]).toEqual([400, 'ACTION_OWNER_REQUIRED']);
    expect((await commander.post(`/api/meetings/${m.id}/actions`, { title: 'x', owner: null, dueDate: day(5) })).body.error.code).toBe('ACTION_OWNER_REQUIRED');
    expect((await commander.get(`/api/meetings/${m.id}`)).body.actions).toEqual([]);
    const moved = await commander.patch(`/api/meetings/${m.id}`, { version: 1, startsAt: inDays(-2) });
    expect(moved.body.error.code).toBe('MEETING_IN_PAST');
  });
});
