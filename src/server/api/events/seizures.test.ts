import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';
import { report } from './fixtures.ts';

const seizure = (over: Record<string, unknown> = {}) => ({
  itemKind: 'narcotics',
  substance: 'heroin',
  quantity: { value: 24.5, unit: 'kg' },
  concealment: 'vehicle_compartment',
  concealmentDetail: 'behind the rear seat',
  conveyance: 'car',
  route: { origin: 'AF', transit: ['TJ'], destination: 'RU' },
  detectionMethod: 'canine',
  persons: [
    { role: 'courier', nationality: 'TJ', gender: 'male', name: 'Farhod Ismoilov', document: 'A1234567' },
    { role: 'suspect', nationality: 'AF', name: 'Gul Ahmad' },
  ],
  ...over,
});

describe.each(await testDialects())('seizures over HTTP (%s)', (dialect) => {
  let node: TestNode;
  let reporter: ApiClient;
  let validator: ApiClient;
  let observer: ApiClient;
  let analyst: ApiClient;
  let eventId: string;

  const count = async () => Number((await node.ctx.db.kysely.selectFrom('seizures').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    node = await startTestNode(dialect);
    [reporter, validator, observer, analyst] = await Promise.all([node.as('tj.reporter'), node.as('tj.validator'), node.as('partner.observer'), node.as('tj.analyst')]);
    const e = await reporter.post('/api/events', report({ submit: true, marking: { tlp: 'GREEN' } }));
    eventId = e.body.id;
    await validator.request('POST', `/api/events/${eventId}/validate`, { version: 1 });
    await validator.request('POST', `/api/events/${eventId}/publish`, { version: 2 });
  }, 120_000);
  afterAll(async () => node?.close());

  it('records a seizure with its kilograms; litres of acetic anhydride by density; counted items without', async () => {
    const heroin = await reporter.post(`/api/events/${eventId}/seizures`, seizure());
    expect(heroin.status, heroin.text).toBe(201);
    expect(heroin.body).toMatchObject({ eventId, substance: 'heroin', quantityKg: 24.5, marking: { tlp: 'GREEN' }, route: { origin: 'AF', transit: ['TJ'], destination: 'RU' } });
    const grams = await reporter.post(`/api/events/${eventId}/seizures`, seizure({ substance: 'opium', quantity: { value: 1500, unit: 'g' } }));
    expect(grams.body.quantityKg).toBe(1.5);
    const aa = await reporter.post(`/api/events/${eventId}/seizures`, seizure({ itemKind: 'precursors', substance: 'acetic_anhydride', quantity: { value: 200, unit: 'l' }, persons: [] }));
    expect(aa.body.quantityKg).toBe(216);
    const rounds = await validator.post(`/api/events/${eventId}/seizures`, seizure({ itemKind: 'ammunition', substance: 'ammunition', quantity: { value: 740, unit: 'rounds' }, persons: [] }));
    expect(rounds.body.quantityKg).toBeNull();
    const cash = await reporter.post(`/api/events/${eventId}/seizures`, seizure({ itemKind: 'cash', substance: 'cash', quantity: { value: 15000, unit: 'amount', currency: 'USD' }, persons: [] }));
    expect(cash.status, cash.text).toBe(201);
  });

  it('negative, zero, absurd or mismatched quantities are refused and nothing is written', async () => {
    const before = await count();
    const bad = [
      seizure({ quantity: { value: -5, unit: 'kg' } }),
      seizure({ quantity: { value: 0, unit: 'kg' } }),
      seizure({ quantity: { value: 5_000_000, unit: 'kg' } }),
      seizure({ quantity: { value: 1e300, unit: 'g' } }),
      seizure({ quantity: { value: '12', unit: 'kg' } }),
      seizure({ quantity: { value: 12, unit: 'rounds' } }),
      seizure({ substance: 'firearm' }),
      seizure({ substance: 'plutonium' }),
      seizure({ itemKind: 'cash', substance: 'cash', quantity: { value: 100, unit: 'amount' } }),
      seizure({ route: { origin: 'Afghanistan' } }),
      seizure({ seizedAt: new Date(Date.now() + 86_400_000).toISOString() }),
    ];
    for (const body of bad) {
      const res = await reporter.post(`/api/events/${eventId}/seizures`, body);
      expect(res.status, JSON.stringify(body.quantity)).toBe(400);
      expect(['VALIDATION_FAILED', 'DATE_IN_FUTURE']).toContain(res.body.error.code);
    }
    const negative = await reporter.post(`/api/events/${eventId}/seizures`, seizure({ quantity: { value: -5, unit: 'kg' } }));
    expect(JSON.stringify(negative.body.error.details)).toMatch(/more than 0/);
    const absurd = await reporter.post(`/api/events/${eventId}/seizures`, seizure({ quantity: { value: 5_000_000, unit: 'kg' } }));
    expect(JSON.stringify(absurd.body.error.details)).toMatch(/not a plausible seizure/);
    expect(await count()).toBe(before);
  });

  it('only the owning side adds seizures; partner observers see them without names', async () => {
    expect((await observer.post(`/api/events/${eventId}/seizures`, seizure())).status).toBe(403);
    const seen = await observer.get(`/api/events/${eventId}/seizures`);
    expect(seen.status).toBe(200);
    expect(seen.body.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(seen.body)).not.toMatch(/Farhod|A1234567|Gul Ahmad/);
    expect(JSON.stringify((await analyst.get(`/api/events/${eventId}/seizures`)).body)).toMatch(/Farhod Ismoilov/);
  });

  it('the statistics export (CSV and JSON) carries no personal data at all', async () => {
    const json = await analyst.get('/api/seizures/export');
    expect(json.status, json.text).toBe(200);
    const mine = json.body.items.filter((r: { eventId: string }) => r.eventId === eventId);
    expect(mine.length).toBe(5);
    const heroin = mine.find((r: { substance: string }) => r.substance === 'heroin');
    expect(heroin).toMatchObject({ quantityKg: 24.5, persons: 2, nationalities: 'AF:1 TJ:1', routeOrigin: 'AF', routeTransit: 'TJ', routeDestination: 'RU', reportingState: 'TJ' });
    const csv = await analyst.get('/api/seizures/export?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^seizureId,eventId,seizedAt,/);
    expect(csv.text).toMatch(/heroin/);
    for (const text of [csv.text, json.text]) {
      expect(text).not.toMatch(/Farhod|Ismoilov|A1234567|Gul Ahmad|behind the rear seat|inner tube|tj\.reporter/);
      expect(text).not.toMatch(/createdBy|narrative/);
    }
    // Partner observers produce statistics too; reporters do not.
    expect((await observer.get('/api/seizures/export')).status).toBe(200);
    expect((await reporter.get('/api/seizures/export')).status).toBe(403);
  });

  it('seizures of events not yet published stay out of the export', async () => {
    const draft = await reporter.post('/api/events', report());
    expect((await reporter.post(`/api/events/${draft.body.id}/seizures`, seizure())).status).toBe(201);
    const json = await analyst.get('/api/seizures/export');
    expect(json.body.items.some((r: { eventId: string }) => r.eventId === draft.body.id)).toBe(false);
  });
});
