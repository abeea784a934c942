import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';
import { partnerWorkbook, rawGet, upload, zipBomb } from './fixtures.testing.ts';

const INIT_HEAD = ['Ref', 'Partner', 'Title', 'State', 'Beneficiary agencies', 'Locations', 'Start', 'End', 'Budget', 'Currency', 'Status', 'Outputs'];
const EQ_HEAD = ['Ref', 'Partner', 'Initiative ref', 'Kind', 'Quantity', 'Unit', 'Condition', 'State', 'Location', 'Agency', 'Delivered on'];
const TR_HEAD = ['Ref', 'Partner', 'Initiative ref', 'Course', 'State', 'Location', 'Start', 'End', 'Trainees (agency:female/male)'];

describe.each(await testDialects())('partners 3W over HTTP (%s)', { timeout: 120_000 }, (dialect) => {
  let tj: TestNode;
  let liaison: ApiClient; // af.liaison: a partner coordinator of the Afghan side
  let commander: ApiClient;
  let analyst: ApiClient;
  let observer: ApiClient;
  let reporter: ApiClient;

  beforeAll(async () => {
    tj = await startTestNode(dialect);
    [liaison, commander, analyst, observer, reporter] = await Promise.all([tj.as('af.liaison'), tj.as('tj.commander'), tj.as('tj.analyst'), tj.as('partner.observer'), tj.as('tj.reporter')]);
  }, 120_000);
  afterAll(async () => tj?.close());

  it('imports a partner sheet: bad rows reported with row number and code, good rows kept, never half-written', async () => {
    const sheet = await partnerWorkbook({
      Initiatives: [
        INIT_HEAD,
        ['T-GOOD-1', 'OSCE', 'Patrol leadership course series', 'TJ', 'tj-border-troops', 'tj-post-zorkul; tj-af-21', '2026-01-10', '2026-12-31', 120000, 'EUR', 'ongoing', 'Course 1; Course 2'],
        ['T-BAD-CUR', 'OSCE', 'Budget in a made-up currency', 'TJ', '', '', '2026-01-10', '', 5000, 'XYZ', 'ongoing', ''],
        ['T-BAD-DATE', 'EU', 'End before start', 'TJ', '', '', '2026-05-10', '2026-01-01', '', '', 'planned', ''],
        ['T-BAD-PLACE', 'EU', 'Somewhere unknown', 'TJ', '', 'tj-post-atlantis', '2026-01-10', '', '', '', 'planned', ''],
        ['', 'EU', 'No ref', 'TJ', '', '', '2026-01-10', '', '', '', 'planned', ''],
        ['T-GOOD-2', 'GIZ', 'Border market support', 'TJ', 'tj-customs', 'tj-bcp-tem', new Date(Date.UTC(2026, 1, 1)), '', '', '', 'planned', ''],
        ['T-GOOD-2', 'GIZ', 'The same ref twice', 'TJ', '', '', '2026-02-01', '', '', '', 'planned', ''],
        ['T-FORMULA', 'EU', 'Budget by formula', 'TJ', '', '', '2026-02-01', '', { formula: 'SUM(1,6)' }, 'EUR', 'planned', ''],
      ],
      Equipment: [
        EQ_HEAD,
        ['T-EQ-1', 'OSCE', 'T-GOOD-1', 'night_vision', 4, 'piece', 'new', 'TJ', 'tj-post-zorkul', 'tj-border-troops', '2026-03-01'],
        ['T-EQ-2', 'OSCE', 'NO-SUCH', 'vehicle', 1, 'piece', 'new', 'TJ', 'tj-post-zorkul', 'tj-border-troops', '2026-03-01'],
        ['T-EQ-3', 'OSCE', '', 'teleporter', 1, 'piece', 'new', 'TJ', '', '', '2026-03-01'],
        ['T-EQ-4', 'OSCE', '', 'radio', 2, 'piece', 'new', 'TJ', '', 'tj-unknown-agency', '2026-03-01'],
      ],
      Trainings: [TR_HEAD, ['T-TR-1', 'OSCE', 'T-GOOD-1', 'Patrol leadership 1', 'TJ', 'tj-hq-dushanbe', '2026-02-01', '2026-02-05', 'tj-border-troops:2/10; af-border-police:0/4'], ['T-TR-2', 'OSCE', '', 'No trainees', 'TJ', '', '2026-02-01', '2026-02-05', 'twelve people']],
    });
    const res = await upload(liaison, sheet);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ rows: 14, created: 4 });
    const codes = res.body.rejected.map((p: { sheet: string; row: number; code: string }) => `${p.sheet}:${p.row}:${p.code}`);
    expect(codes).toEqual([
      'initiatives:3:ROW_INVALID_CURRENCY',
      'initiatives:4:ROW_INVALID_VALUE',
      'initiatives:5:ROW_UNKNOWN_PLACE',
      'initiatives:6:ROW_MISSING_FIELD',
      'initiatives:8:ROW_DUPLICATE_REF',
      'initiatives:9:ROW_FORMULA',
      'trainings:3:ROW_INVALID_VALUE',
      'equipment:3:ROW_UNKNOWN_INITIATIVE',
      'equipment:4:ROW_INVALID_VALUE',
      'equipment:5:ROW_UNKNOWN_AGENCY',
    ]);
    const inits = (await observer.get('/api/initiatives?partner=OSCE')).body.items;
    const good = inits.find((i: { ref: string }) => i.ref === 'T-GOOD-1');
    expect(good).toMatchObject({ budget: 120000, currency: 'EUR', stateCode: 'TJ', ownerState: 'AF', outputs: ['Course 1', 'Course 2'] });
    expect(good.places.map((p: { ref: string }) => p.ref)).toEqual(['tj-post-zorkul', 'tj-af-21']);
    const giz = (await observer.get('/api/initiatives?partner=GIZ')).body.items.find((i: { ref: string }) => i.ref === 'T-GOOD-2');
    expect(giz).toMatchObject({ start: '2026-02-01', title: 'Border market support' });
    // Nothing of a bad row was written.
    for (const ref of ['T-BAD-CUR', 'T-BAD-DATE', 'T-BAD-PLACE', 'T-FORMULA']) expect(inits.some((i: { ref: string }) => i.ref === ref)).toBe(false);
    const eq = (await observer.get('/api/equipment?partner=OSCE')).body.items;
    expect(eq.map((e: { ref: string }) => e.ref)).toEqual(['T-EQ-1']);
    expect(eq[0].initiativeId).toBe(good.id);
    const tr = (await observer.get('/api/trainings?partner=OSCE')).body.items.filter((t: { ref: string }) => t.ref.startsWith('T-'));
    expect(tr).toHaveLength(1);
    expect(tr[0].trainees).toEqual([{ agency: 'tj-border-troops', female: 2, male: 10 }, { agency: 'af-border-police', female: 0, male: 4 }]);

    // The same sheet again changes nothing; the export carries what was imported and re-imports as is.
    const again = await upload(liaison, sheet);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const exported = await rawGet(observer, '/api/initiatives/export.xlsx');
    expect(exported.status).toBe(200);
    expect(exported.type).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Initiatives', 'Trainings', 'Equipment']);
    const refs = wb.getWorksheet('Initiatives')!.getColumn(1).values;
    expect(refs).toContain('T-GOOD-1');
    expect(refs).toContain('BOMCA-9');
    const round = await upload(liaison, exported.bytes);
    expect(round.status, round.text).toBe(200);
    expect(round.body.created).toBe(0);
    // Records the Tajik node's seed owns are not the Afghan liaison officer's to change.
    expect(round.body.rejected.every((p: { code: string }) => p.code === 'ROW_NOT_OWNER')).toBe(true);
    expect(round.body.rejected.length).toBeGreaterThan(0);
  });

  it('refuses what is not a workbook, a zip bomb, an oversized file and a sheet without its columns', async () => {
    const notXlsx = await upload(liaison, Buffer.from('%PDF-1.4 not a workbook'));
    expect([notXlsx.status, notXlsx.body.error.code]).toEqual([415, 'NOT_A_SPREADSHEET']);
    const bomb = await upload(liaison, zipBomb());
    expect([bomb.status, bomb.body.error.code]).toEqual([413, 'SPREADSHEET_TOO_LARGE']);
    const big = await upload(liaison, Buffer.alloc(tj.config.partnerImportMaxBytes + 10, 1));
    expect([big.status, big.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const wrongSheet = await upload(liaison, await partnerWorkbook({ Sheet1: [['a', 'b'], [1, 2]] }));
    expect([wrongSheet.status, wrongSheet.body.error.code]).toEqual([400, 'SPREADSHEET_LAYOUT']);
    const noColumn = await upload(liaison, await partnerWorkbook({ Initiatives: [['Ref', 'Partner'], ['X', 'EU']] }));
    expect([noColumn.status, noColumn.body.error.code]).toEqual([400, 'SPREADSHEET_LAYOUT']);
    expect(noColumn.body.error.details.missing).toContain('Title');
    const byReporter = await upload(reporter, await partnerWorkbook({ Initiatives: [INIT_HEAD] }));
    expect([byReporter.status, byReporter.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('imports and exports CSV, neutralising formula-like text', async () => {
    const csv = 'Ref,Partner,Title,State,Start,Status,Outputs\r\nCSV-1,UNODC,"=HYPERLINK(""http://x"")",TJ,2026-04-01,planned,"a; b"\r\nCSV-2,UNODC,Bad status,TJ,2026-04-01,maybe,\r\n';
    const res = await upload(analyst, Buffer.from(csv), 'text/csv', '?sheet=initiatives');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ created: 1, rejected: [{ sheet: 'initiatives', row: 3, code: 'ROW_INVALID_VALUE', field: 'status' }] });
    const out = await observer.get('/api/initiatives/export.csv?sheet=initiatives');
    expect(out.status).toBe(200);
    expect(out.headers.get('content-type')).toContain('text/csv');
    expect(out.text.split('\r\n')[0]).toMatch(/^Ref,Partner,Title,/);
    expect(out.text).toContain(`CSV-1,UNODC,"'=HYPERLINK(""http://x"")"`);
  });

  it('the gaps view lists a post that lacks a vehicle, and drops it once one is delivered', async () => {
    const gaps = async () => (await observer.get('/api/partners/gaps')).body.gaps as { rule: string; stateCode: string; place: { ref: string } | null }[];
    const before = await gaps();
    const vehicleGaps = before.filter((g) => g.rule === 'post-without-vehicle').map((g) => g.place!.ref);
    expect(vehicleGaps).toContain('tj-post-zorkul');
    expect(vehicleGaps).not.toContain('tj-post-panj'); // seeded: Japan's vehicles
    expect(before.filter((g) => g.rule === 'state-without-helicopter').map((g) => g.stateCode).sort()).toEqual(['AF', 'TJ']);
    const units = (await observer.get('/api/units')).body;
    const zorkul = (units.features ?? units.items ?? units).find((u: { properties?: { ref: string }; ref?: string }) => (u.properties?.ref ?? u.ref) === 'tj-post-zorkul');
    const zorkulId = zorkul.id ?? zorkul.properties.id;
    const broken = await commander.post('/api/equipment', { ref: 'T-Z-0', partner: 'RUSSIA', kind: 'vehicle', quantity: 1, condition: 'out_of_service', place: { type: 'unit', id: zorkulId }, deliveredOn: '2026-06-01' });
    expect(broken.status, broken.text).toBe(201);
    expect((await gaps()).some((g) => g.rule === 'post-without-vehicle' && g.place!.ref === 'tj-post-zorkul')).toBe(true);
    const ok = await commander.post('/api/equipment', { ref: 'T-Z-1', partner: 'RUSSIA', kind: 'vehicle', quantity: 2, place: { type: 'unit', id: zorkulId }, deliveredOn: '2026-06-01' });
    expect(ok.status, ok.text).toBe(201);
    expect((await gaps()).some((g) => g.rule === 'post-without-vehicle' && g.place!.ref === 'tj-post-zorkul')).toBe(false);
  });

  it('an indicator computed from fixture trainings equals the hand count', async () => {
    // 2019: no seeded data. Three trainings end in March and May; one ends 1 June (outside [Mar, Jun)).
    const t = (ref: string, start: string, end: string, trainees: { agency: string; female: number; male: number }[]) => commander.post('/api/trainings', { ref, partner: 'EU', course: `Course ${ref}`, start, end, trainees });
    expect((await t('H-1', '2019-03-01', '2019-03-05', [{ agency: 'tj-border-troops', female: 2, male: 8 }])).status).toBe(201);
    expect((await t('H-2', '2019-03-20', '2019-03-31', [{ agency: 'tj-customs', female: 5, male: 0 }, { agency: 'af-customs', female: 1, male: 3 }])).status).toBe(201);
    expect((await t('H-3', '2019-05-02', '2019-05-03', [{ agency: 'tj-border-troops', female: 0, male: 7 }])).status).toBe(201);
    expect((await t('H-4', '2019-05-28', '2019-06-01', [{ agency: 'tj-border-troops', female: 0, male: 50 }])).status).toBe(201);
    const res = await observer.get('/api/indicators?from=2019-03-01&to=2019-06-01');
    expect(res.status, res.text).toBe(200);
    const get = (id: string) => res.body.items.find((i: { id: string }) => i.id === id);
    expect(get('trainings-delivered')).toMatchObject({ value: 3, byMonth: [{ month: '2019-03', value: 2 }, { month: '2019-04', value: 0 }, { month: '2019-05', value: 1 }] });
    expect(get('people-trained')).toMatchObject({ value: 2 + 8 + 5 + 1 + 3 + 7, byMonth: [{ month: '2019-03', value: 19 }, { month: '2019-04', value: 0 }, { month: '2019-05', value: 7 }] });
    expect(get('seizures-kg').source).toMatch(/seizure/);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(['information-exchanges', 'seizures-kg', 'events-published', 'crossing-time-median-hours', 'trainings-delivered', 'people-trained', 'rfi-response-time', 'blo-meetings-held', 'joint-operations']);
  });

  it('who may write and read: coordinators write their own side, observers and reporters read', async () => {
    const body = { ref: `P-${Date.now()}`, partner: 'EU', title: 'Permission test', start: '2026-01-01', status: 'planned' };
    expect((await observer.post('/api/initiatives', body)).body.error.code).toBe('FORBIDDEN');
    expect((await reporter.post('/api/initiatives', body)).status).toBe(403);
    const mine = await liaison.post('/api/initiatives', body);
    expect(mine.status, mine.text).toBe(201);
    expect(mine.body).toMatchObject({ stateCode: 'AF', ownerState: 'AF', version: 1 });
    // A Tajik commander does not change an Afghan-entered initiative; the Afghan officer does.
    const other = await commander.request('PATCH', `/api/initiatives/${mine.body.id}`, { status: 'ongoing' }, { headers: { 'if-match': '"1"' } });
    expect([other.status, other.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const own = await liaison.request('PATCH', `/api/initiatives/${mine.body.id}`, { status: 'ongoing' }, { headers: { 'if-match': '"1"' } });
    expect(own.status, own.text).toBe(200);
    expect(own.body).toMatchObject({ status: 'ongoing', version: 2 });
    const stale = await liaison.request('PATCH', `/api/initiatives/${mine.body.id}`, { status: 'completed' }, { headers: { 'if-match': '"1"' } });
    expect([stale.status, stale.body.error.code]).toEqual([412, 'VERSION_CONFLICT']);
    expect((await liaison.patch(`/api/initiatives/${mine.body.id}`, { status: 'completed' })).body.error.code).toBe('PRECONDITION_REQUIRED');
    expect((await observer.get(`/api/initiatives/${mine.body.id}`)).body.can).toEqual({ update: false });
    expect((await reporter.get('/api/partners')).status).toBe(200);
    expect((await tj.anonymous().get('/api/initiatives')).status).toBe(401);
  });

  it('bad inputs answer stable codes and write nothing', async () => {
    const before = (await observer.get('/api/initiatives')).body.items.length;
    const bad = async (patch: object) => (await commander.post('/api/initiatives', { ref: `B-${Math.random()}`, partner: 'EU', title: 'Bad', start: '2026-01-01', status: 'planned', ...patch })).body.error?.code;
    expect(await bad({ budget: 100, currency: 'ABC' })).toBe('VALIDATION_FAILED');
    expect(await bad({ budget: 100 })).toBe('VALIDATION_FAILED'); // a budget without its currency
    expect(await bad({ end: '2025-01-01' })).toBe('VALIDATION_FAILED');
    expect(await bad({ status: 'imaginary' })).toBe('VALIDATION_FAILED');
    expect(await bad({ partner: 'lower case' })).toBe('VALIDATION_FAILED');
    expect(await bad({ places: [{ type: 'unit', id: '00000000-0000-4000-8000-000000000000' }] })).toBe('VALIDATION_FAILED');
    expect(await bad({ ref: 'BOMCA-9', partner: 'EU' })).toBe('CONFLICT');
    expect((await commander.post('/api/equipment', { ref: 'B-E', partner: 'EU', kind: 'time_machine', quantity: 1, deliveredOn: '2026-01-01' })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await commander.post('/api/equipment', { ref: 'B-E', partner: 'EU', kind: 'radio', quantity: 0, deliveredOn: '2026-01-01' })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await observer.get('/api/initiatives/export.csv?sheet=people')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await observer.get('/api/indicators?from=2026-05-01&to=2026-01-01')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await observer.get('/api/initiatives')).body.items.length).toBe(before);
  });
});
