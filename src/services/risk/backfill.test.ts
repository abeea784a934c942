import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report } from '../../server/api/events/fixtures.ts';
import type { ApiClient } from '../../server/testing/api-client.ts';
import { testDialects } from '../../server/testing/databases.ts';
import { startTestNode, type TestNode } from '../../server/testing/test-node.ts';
import { loadScenario } from '../../store/seed/scenarios.ts';
import { riskEngine } from '../risk.service.ts';
import { seedScenario } from '../seed.service.ts';

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();
const dayKey = (d: number) => new Date(Date.now() - d * DAY).toISOString().slice(0, 10);

interface Row {
  id: string;
  section_id: string;
  at: string;
  level: string;
  score: number;
}

/**
 * Start-up (a node started with a scenario seeds again, and seeding backfills the risk history)
 * computes only the daily snapshots that are missing, reading only the events their windows need.
 */
describe.each(await testDialects())('risk history backfill at start-up (%s)', (dialect) => {
  let node: TestNode;
  let reporter: ApiClient;
  let validator: ApiClient;
  let hot: string;
  let quiet: string;

  const startUp = () => seedScenario(node.ctx, loadScenario('tj-af'), { events: false, liaison: false });
  const dailyRows = async (): Promise<Map<string, Row>> => {
    const today = `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
    const rows = (await node.ctx.db.kysely.selectFrom('assessment_snapshots').select(['id', 'section_id', 'at', 'level', 'score']).where('cause', '=', 'daily').where('at', '<', today).execute()) as Row[];
    return new Map(rows.map((r) => [`${r.section_id}|${r.at.slice(0, 10)}`, { ...r, score: Number(r.score) }]));
  };
  const dropDays = (sectionIds: string[], days: number[]) =>
    node.ctx.db.kysely
      .deleteFrom('assessment_snapshots')
      .where('cause', '=', 'daily')
      .where('section_id', 'in', sectionIds)
      .where((eb) => eb.or(days.map((d) => eb.and([eb('at', '>=', `${dayKey(d)}T00:00:00.000Z`), eb('at', '<', `${dayKey(d)}T23:59:59.999Z`)]))))
      .execute();

  async function publish(occurredAt: string) {
    const created = await reporter.request('POST', '/api/events', report({ occurredAt, submit: true }));
    expect(created.status, created.text).toBe(201);
    const e = created.body as { id: string; properties: { version: number; sectionId: string } };
    expect((await validator.request('POST', `/api/events/${e.id}/validate`, {}, { headers: { 'if-match': `"${e.properties.version}"` } })).status).toBe(200);
    expect((await validator.request('POST', `/api/events/${e.id}/publish`, {}, { headers: { 'if-match': `"${e.properties.version + 1}"` } })).status).toBe(200);
    return e.properties.sectionId;
  }

  beforeAll(async () => {
    node = await startTestNode(dialect);
    [reporter, validator] = await Promise.all([node.as('tj.reporter'), node.as('tj.validator')]);
    // a history: seizures 3, 10, 20 and 100 days ago in one section (Panji Poyon)
    for (const d of [3, 10, 20, 100]) hot = await publish(daysAgo(d));
    await riskEngine(node.ctx).settled();
    const sections = (await reporter.get('/api/sections')).body.features as { id: string }[];
    quiet = sections.find((s) => s.id !== hot)!.id;
  }, 180_000);
  afterAll(async () => node?.close());

  it('computes only the missing days of the sections that miss them, reads only their events, and gives the same result as a full computation', async () => {
    // the full history, as a first start computes it (every past daily snapshot is missing)
    await node.ctx.db.kysely.deleteFrom('assessment_snapshots').where('cause', '=', 'daily').where('at', '<', `${dayKey(0)}T00:00:00.000Z`).execute();
    await startUp();
    const engine = riskEngine(node.ctx);
    expect(engine.lastBackfill).toEqual({ written: 24 * 30, eventsRead: 4 });
    const full = await dailyRows();
    expect(full.size).toBe(24 * 30);
    // the seizures raise the hot section in the days after them
    expect(full.get(`${hot}|${dayKey(9)}`)!.score).toBeGreaterThan(0);
    expect(full.get(`${quiet}|${dayKey(9)}`)!.score).toBe(0);

    // two days lost in two sections: the next start computes those four snapshots and nothing else
    await dropDays([hot, quiet], [5, 12]);
    await startUp();
    // the events of days 10, 20 and 100 stand in the windows of days 12 and 5; day 3 is after both
    expect(engine.lastBackfill).toEqual({ written: 4, eventsRead: 3 });
    const after = await dailyRows();
    expect(after.size).toBe(full.size);
    for (const [key, row] of after) {
      const before = full.get(key)!;
      const recomputed = [hot, quiet].includes(row.section_id) && [dayKey(5), dayKey(12)].includes(row.at.slice(0, 10));
      if (recomputed) expect(row.id).not.toBe(before.id);
      else expect(row.id, `${key} was computed again`).toBe(before.id);
      expect({ at: row.at, level: row.level, score: row.score }).toEqual({ at: before.at, level: before.level, score: before.score });
    }

    // nothing missing: no snapshot written, no event read
    await startUp();
    expect(engine.lastBackfill).toEqual({ written: 0, eventsRead: 0 });
  }, 120_000);
});
