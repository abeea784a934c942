import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTrade } from '../../../services/seed/trade.ts';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';
import { crossingPoints } from './trade-fixtures.ts';

// The crossing-point editor's endpoint (docs/trade.md, "Crossing-point profiles"): the point's
// own side edits hours, lanes, capacity, UN/LOCODE and yearly holidays with If-Match; every bad
// value has its stable code and leaves the profile, its versions and the audit log untouched.
describe.each(await testDialects())('crossing-point profiles: edit and aligned hours (%s)', (dialect) => {
  let node: TestNode;
  let admin: ApiClient;
  let analyst: ApiClient;
  let customs: ApiClient;
  let panji: string;
  let sherKhan: string;

  beforeAll(async () => {
    node = await startTestNode(dialect);
    [admin, analyst, customs] = await Promise.all([node.as('admin'), node.as('tj.analyst'), node.as('tj.customs')]);
    const points = await crossingPoints(admin);
    panji = points.get('tj-bcp-panji-poyon')!;
    sherKhan = points.get('af-bcp-sher-khan-bandar')!;
  }, 120_000);
  afterAll(async () => node?.close());

  const edit = (over: Record<string, unknown> = {}) => ({
    hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, { open: '10:00', close: '20:00' }])),
    lanes: { cargo: 5, passenger: 2 },
    capacityTrucksPerDay: 340,
    locode: null,
    holidays: ['03-21', '03-22', '09-09'],
    ...over,
  });
  const put = (client: ApiClient, id: string, body: unknown, ifMatch?: string) => client.request('PUT', `/api/crossing-points/${id}`, body, { headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });
  const current = async (id = panji) => {
    const res = await admin.get(`/api/crossing-points/${id}`);
    expect(res.status, res.text).toBe(200);
    return { etag: res.headers.get('etag')!, body: res.body };
  };
  const auditRows = async (entityId: string) =>
    node.ctx.db.kysely.selectFrom('audit_log').select(['action', 'actor', 'detail_json']).where('entity_id', '=', entityId).orderBy('seq').execute();
  const versions = async (recordId: string) => (await node.ctx.db.kysely.selectFrom('record_versions').select('version').where('record_id', '=', recordId).execute()).length;

  it('lists every point with its profile and whether the caller may edit it', async () => {
    const items = (await admin.get('/api/crossing-points')).body.items as { unitId: string; profile: { holidays: string[]; version: number }; abilities: { configure: boolean } }[];
    const mine = items.find((p) => p.unitId === panji)!;
    expect(mine.abilities.configure).toBe(true);
    expect(mine.profile.holidays).toEqual(['03-21', '03-22', '09-09']);
    expect(items.find((p) => p.unitId === sherKhan)!.abilities.configure).toBe(false);
    const asCustoms = (await customs.get('/api/crossing-points')).body.items as typeof items;
    expect(asCustoms.every((p) => !p.abilities.configure)).toBe(true);
  });

  it('the administrator edits the Tajik side: new version, audited, the aligned hours follow', async () => {
    const before = await current();
    const aligned = (await admin.get(`/api/crossing-points/${panji}/aligned-hours`)).body;
    // Seeded: TJ 08:00–20:00 (UTC+5) Mon–Sat, AF 08:00–16:30 (UTC+4:30) Sat–Thu → 5 × 8.5 h.
    expect(aligned.minutes.both).toBe(42.5 * 60);
    expect(aligned.point.ref).toBe('tj-bcp-panji-poyon');
    expect(aligned.paired.ref).toBe('af-bcp-sher-khan-bandar');

    const res = await put(admin, panji, edit({ locode: 'tj pjp', holidays: ['09-09', '03-21'] }), before.etag);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${before.body.profile.version + 1}"`);
    expect(res.body.profile).toMatchObject({ capacityTrucksPerDay: 340, locode: 'TJPJP', holidays: ['03-21', '09-09'], lanes: { cargo: 5, passenger: 2 }, utcOffsetMinutes: 300 });
    expect(res.body.profile.hours.mon).toEqual({ open: '10:00', close: '20:00' });
    expect(res.body.profile.feesUsd).toEqual(before.body.profile.feesUsd);

    // TJ now 05:00–15:00 UTC: both open 05:00–12:00 on Mon–Thu and Sat = 35 h.
    const after = (await customs.get(`/api/crossing-points/${panji}/aligned-hours`)).body;
    expect(after.minutes.both).toBe(35 * 60);
    expect(after.both[0]).toEqual({ day: 'mon', from: '05:00', to: '12:00', minutes: 420 });

    const audit = await auditRows(before.body.profile.id);
    const edited = audit.filter((a) => a.action === 'crossing_point.profile_edited');
    expect(edited).toHaveLength(1);
    const detail = JSON.parse(edited[0]!.detail_json) as { changed: string[]; fromVersion: number };
    expect(detail.fromVersion).toBe(before.body.profile.version);
    expect(detail.changed.sort()).toEqual(['capacityTrucksPerDay', 'holidays', 'hours', 'lanes', 'locode']);
    expect(audit.at(-1)!.action).toBe('record.update');
  });

  it('refuses each bad value with its stable code and changes nothing', async () => {
    const before = await current();
    const id = before.body.profile.id as string;
    const [auditBefore, versionsBefore] = [(await auditRows(id)).length, await versions(id)];
    const cases: [Record<string, unknown>, string, string][] = [
      [{ hours: { mon: { open: '8:00', close: '20:00' } } }, 'HOURS_FORMAT', 'hours.mon.open'],
      [{ hours: { tue: { open: '09:00', close: '24:30' } } }, 'HOURS_FORMAT', 'hours.tue.close'],
      [{ hours: { wed: { open: '18:00', close: '08:00' } } }, 'HOURS_ORDER', 'hours.wed.close'],
      [{ holidays: ['03-21', '02-30'] }, 'HOLIDAY_FORMAT', 'holidays.1'],
      [{ holidays: ['2026-03-21'] }, 'HOLIDAY_FORMAT', 'holidays.0'],
      [{ locode: 'TJ-1' }, 'LOCODE_FORMAT', 'locode'],
      [{ locode: 'AFSHE' }, 'LOCODE_COUNTRY', 'locode'],
    ];
    for (const [over, code, path] of cases) {
      const res = await put(analyst, panji, edit(over), before.etag);
      expect(res.status, `${code}: ${res.text}`).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.details[0]).toMatchObject({ code, path });
    }
    // Shape errors stay the generic code.
    const shape = await put(analyst, panji, edit({ capacityTrucksPerDay: -1 }), before.etag);
    expect(shape.status).toBe(400);
    expect(shape.body.error.code).toBe('VALIDATION_FAILED');

    const after = await current();
    expect(after.etag).toBe(before.etag);
    expect(after.body.profile).toEqual(before.body.profile);
    expect((await auditRows(id)).length).toBe(auditBefore);
    expect(await versions(id)).toBe(versionsBefore);
  });

  it('the other state\'s point is refused; a stale or missing If-Match too; customs may not edit', async () => {
    const afPoint = await current(sherKhan);
    const other = await put(admin, sherKhan, edit({ locode: 'AFSHE' }), afPoint.etag);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('CROSSING_POINT_NOT_OWN');

    const before = await current();
    const stale = await put(admin, panji, edit({ capacityTrucksPerDay: 999 }), `"${before.body.profile.version - 1}"`);
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const missing = await put(admin, panji, edit({ capacityTrucksPerDay: 999 }));
    expect(missing.status).toBe(428);
    expect(missing.body.error.code).toBe('PRECONDITION_REQUIRED');
    const notConfigurer = await put(customs, panji, edit(), before.etag);
    expect(notConfigurer.status).toBe(403);
    expect(notConfigurer.body.error.code).toBe('FORBIDDEN');
    const unknown = await put(admin, '00000000-0000-4000-8000-000000000000', edit(), '"1"');
    expect(unknown.status).toBe(404);

    const after = await current();
    expect(after.body.profile.capacityTrucksPerDay).toBe(before.body.profile.capacityTrucksPerDay);
    expect(after.etag).toBe(before.etag);
    // "version" in the body works as If-Match does.
    const byBody = await put(analyst, panji, { ...edit({ capacityTrucksPerDay: 360 }), version: before.body.profile.version });
    expect(byBody.status, byBody.text).toBe(200);
    expect(byBody.body.profile.capacityTrucksPerDay).toBe(360);
  });

  it('seeding again keeps the edited profile and still refreshes the untouched ones', async () => {
    const edited = await current();
    const untouched = await current(sherKhan);
    const summary = await seedTrade(node.ctx);
    expect(summary.profiles).toBe(0);
    const after = await current();
    expect(after.etag).toBe(edited.etag);
    expect(after.body.profile.hours.mon).toEqual({ open: '10:00', close: '20:00' });
    expect((await current(sherKhan)).etag).toBe(untouched.etag);
  });
});

// The federation demo's observer node (UZ) has no crossing point of its own: it must not
// invent Tajik–Afghan trade history of its own (docs/trade.md, "Seed").
describe('an observer node seeds no trade history of its own', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode('sqlite', { nodeState: 'UZ', nodeName: 'sarhad-uz', seedTradeHistory: true });
  }, 120_000);
  afterAll(async () => node?.close());

  it('no declarations, transits or crossings on the UZ node', async () => {
    const db = node.ctx.db.kysely;
    for (const table of ['declarations', 'transits', 'crossings'] as const) {
      const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n), table).toBe(0);
    }
  });
});
