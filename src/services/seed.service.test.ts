import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createPgDatabase, testDialects } from '../server/testing/databases.ts';
import { verifyAuditChain } from '../store/audit.repository.ts';
import { listRecords, recordHistory } from '../store/records.repository.ts';
import { loadScenario } from '../store/seed/scenarios.ts';
import type { AppContext } from './context.ts';
import { openNode } from './node.ts';
import { seedScenario } from './seed.service.ts';

describe.each(await testDialects())('seeding a scenario (%s)', (dialect) => {
  let ctx: AppContext;
  let dataDir: string;
  let pgDb: Awaited<ReturnType<typeof createPgDatabase>> | null = null;
  const scenario = loadScenario('tj-af');
  const total = scenario.states.length + scenario.agencies.length + scenario.sections.length + scenario.units.length + scenario.communities.length;
  // Seeding also writes one trade profile per crossing point (src/services/seed/trade.ts); its year of history is off here.
  const tradeProfiles = scenario.units.filter((u) => u.kind === 'crossing_point').length;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-seed-'));
    pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
    ctx = await openNode({ ...loadConfig({}), seedTradeHistory: false, dataDir, databaseUrl: pgDb?.url ?? null }, createLogger('silent'));
  });
  afterAll(async () => {
    await ctx?.db.close();
    await pgDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const counts = async () => {
    const n = async (t: 'record_versions' | 'outbox' | 'audit_log' | 'sections' | 'units') =>
      Number((await ctx.db.kysely.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    // Registry records only: the scenario's warnings part (seed/warnings.ts) has its own test.
    // Registry records plus the trade profile of each crossing point (warnings, gauges and the
    // rest of the scenario's activity are counted by their own seed tests).
    const registry = ['state', 'agency', 'section', 'unit', 'community', 'crossing_point'];
    const ofRegistry = async (t: 'record_versions' | 'outbox') =>
      Number((await ctx.db.kysely.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).where('type', 'in', registry).executeTakeFirstOrThrow()).n);
    return { versions: await ofRegistry('record_versions'), outbox: await ofRegistry('outbox'), audit: await n('audit_log'), sections: await n('sections'), units: await n('units') };
  };

  it('the first run creates every record of the scenario once', async () => {
    const summary = await seedScenario(ctx, scenario, { events: false });
    expect(summary).toEqual({ scenario: 'tj-af', created: total, updated: 0, unchanged: 0 });
    const c = await counts();
    expect(c).toMatchObject({ versions: total + tradeProfiles, outbox: total + tradeProfiles, sections: scenario.sections.length, units: scenario.units.length });
    // Paired crossing points point at each other by node id.
    const units = await listRecords(ctx.db.kysely, 'unit');
    const byId = new Map(units.map((u) => [u.id, u]));
    const paired = units.filter((u) => u.body.pairedWithId);
    expect(paired.length).toBe(scenario.units.filter((u) => u.pairedWith).length);
    for (const u of paired) expect(byId.get(u.body.pairedWithId!)?.body.pairedWithId).toBe(u.id);
  });

  it('a second run changes nothing: 0 created, 0 updated, no new versions, outbox rows or audit entries', async () => {
    const before = await counts();
    const summary = await seedScenario(ctx, scenario, { events: false });
    expect(summary).toEqual({ scenario: 'tj-af', created: 0, updated: 0, unchanged: total });
    expect(await counts()).toEqual(before);
  });

  it('a variant with one section renamed updates exactly that section to version 2', async () => {
    const variant = structuredClone(scenario);
    const target = variant.sections[3]!;
    target.name = { ...target.name, en: `${target.name.en} (renamed)` };
    const before = await counts();
    const summary = await seedScenario(ctx, variant, { events: false });
    expect(summary).toEqual({ scenario: 'tj-af', created: 0, updated: 1, unchanged: total - 1 });
    expect(await counts()).toEqual({ ...before, versions: before.versions + 1, outbox: before.outbox + 1, audit: before.audit + 1 });
    const section = (await listRecords(ctx.db.kysely, 'section')).find((s) => s.body.ref === target.id)!;
    expect(section.version).toBe(2);
    expect(section.body.name.en).toBe(target.name.en);
    expect((await recordHistory(ctx.db.kysely, section.id)).map((h) => h.version)).toEqual([1, 2]);
    // and seeding the variant again is a no-op too
    expect((await seedScenario(ctx, variant, { events: false })).updated).toBe(0);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
  });
});
