import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../server/testing/databases.ts';
import { startTestNode, type TestNode } from '../../server/testing/test-node.ts';
import { loadScenario } from '../../store/seed/scenarios.ts';
import { listRecords } from '../../store/records.repository.ts';
import { SEEDED_EVENTS, seedEvents } from './events.ts';

describe.each(await testDialects())('seeded year of events (%s)', (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode(dialect);
  }, 120_000);
  afterAll(async () => node?.close());

  it('several hundred published events over a year, narcotics peaking in winter and floods in spring, with seizures; seeding again changes nothing', async () => {
    const t0 = Date.now();
    const first = await seedEvents(node.ctx, loadScenario('tj-af'));
    const seconds = (Date.now() - t0) / 1000;
    expect(first.created).toBeGreaterThan(400);
    expect(first.created).toBeLessThanOrEqual(SEEDED_EVENTS);
    const events = await listRecords(node.ctx.db.kysely, 'event');
    expect(events.length).toBe(first.created);
    for (const e of events) {
      expect(['published', 'closed']).toContain(e.body.status);
      expect(e.body.sectionId).not.toBeNull();
      expect(Date.parse(e.body.occurredAt)).toBeLessThan(Date.now() - 47 * 3_600_000);
      expect(Date.parse(e.body.occurredAt)).toBeGreaterThan(Date.now() - 366 * 86_400_000);
    }
    const month = (e: (typeof events)[number]) => new Date(e.body.occurredAt).getUTCMonth();
    const of = (cat: string, months: number[]) => events.filter((e) => e.body.category === cat && months.includes(month(e))).length;
    expect(of('smuggling_narcotics', [11, 0, 1])).toBeGreaterThan(of('smuggling_narcotics', [6, 7, 8]));
    expect(of('flood', [3, 4, 5]) + of('mudflow', [3, 4, 5])).toBeGreaterThan(of('flood', [8, 9, 10]) + of('mudflow', [8, 9, 10]));
    const armed = events.filter((e) => e.body.category === 'armed_incident').length;
    expect(armed).toBeGreaterThan(0);
    expect(armed).toBeLessThan(20);
    const seizures = await listRecords(node.ctx.db.kysely, 'seizure');
    expect(seizures.length).toBeGreaterThan(50);
    expect(new Set(seizures.map((s) => s.body.substance))).toContain('heroin');
    const versions = await node.ctx.db.kysely.selectFrom('record_versions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(await seedEvents(node.ctx, loadScenario('tj-af'))).toEqual({ created: 0 });
    expect((await node.ctx.db.kysely.selectFrom('record_versions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n).toEqual(versions.n);
    console.log(`seeded ${first.created} events and ${seizures.length} seizures in ${seconds.toFixed(1)} s (${dialect})`);
  }, 120_000);
});
