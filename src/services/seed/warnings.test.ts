import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { isActiveWarning } from '../../domain/warnings/cap.ts';
import { resourceGaps } from '../../domain/warnings/damage.ts';
import { createLogger } from '../../logger.ts';
import { testDialects, createPgDatabase } from '../../server/testing/databases.ts';
import { readingsOf } from '../../store/gauges.repository.ts';
import { listRecords } from '../../store/records.repository.ts';
import { loadScenario } from '../../store/seed/scenarios.ts';
import type { AppContext } from '../context.ts';
import { openNode } from '../node.ts';
import { seedScenario } from '../seed.service.ts';

describe.each(await testDialects())('the warnings part of the tj-af scenario (%s)', { timeout: 120_000 }, (dialect) => {
  let ctx: AppContext;
  let dataDir: string;
  let pgDb: Awaited<ReturnType<typeof createPgDatabase>> | null = null;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-seed-w-'));
    pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
    ctx = await openNode({ ...loadConfig({}), dataDir, databaseUrl: pgDb?.url ?? null }, createLogger('silent'));
  });
  afterAll(async () => {
    await ctx?.db.close();
    await pgDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const counts = async () => {
    const n = async (t: 'gauges' | 'gauge_readings' | 'warnings' | 'damage_reports' | 'resources' | 'record_versions' | 'audit_log') =>
      Number((await ctx.db.kysely.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { gauges: await n('gauges'), readings: await n('gauge_readings'), warnings: await n('warnings'), damage: await n('damage_reports'), resources: await n('resources'), versions: await n('record_versions'), audit: await n('audit_log') };
  };

  it('gauges on the Panj and Amu Darya, a season of readings, a spring flood and a mudflow on both banks in several languages', async () => {
    await seedScenario(ctx, loadScenario('tj-af'));
    const gauges = await listRecords(ctx.db.kysely, 'gauge');
    expect(gauges.map((g) => g.body.river).sort()).toEqual(['Amu Darya', 'Panj', 'Panj', 'Panj', 'Panj']);
    expect(gauges.every((g) => g.owner.state === 'TJ' && g.body.sectionId !== null)).toBe(true);
    const khorog = gauges.find((g) => g.body.ref === 'gauge-tj-khorog')!;
    const readings = await readingsOf(ctx.db.kysely, khorog.id);
    expect(readings.length).toBeGreaterThanOrEqual(119);
    expect(readings[readings.length - 1]!.levelCm).toBeGreaterThanOrEqual(khorog.body.thresholds.warningCm);

    const warnings = await listRecords(ctx.db.kysely, 'warning');
    expect(warnings).toHaveLength(2);
    expect(warnings.every((w) => isActiveWarning(w.body, new Date()) && w.body.crossBorder && w.marking.tlp === 'CLEAR')).toBe(true);
    const languages = warnings.map((w) => w.body.cap.info.map((i) => i.language));
    expect(languages).toEqual(expect.arrayContaining([['en', 'ru', 'tg', 'fa', 'ps'], ['en', 'ru', 'tg', 'fa']]));
    const damage = await listRecords(ctx.db.kysely, 'damage');
    expect(new Set(damage.map((d) => d.body.stateCode))).toEqual(new Set(['TJ', 'AF']));
    expect(damage.filter((d) => d.body.kind === 'road').map((d) => d.body.stateCode).sort()).toEqual(['AF', 'TJ']);
    const gaps = resourceGaps((await listRecords(ctx.db.kysely, 'resource')).map((r) => r.body), ['AF', 'TJ']);
    expect(gaps.find((g) => g.kind === 'helicopter')!.gapEverywhere).toBe(true);
  });

  it('seeding again changes nothing', async () => {
    const before = await counts();
    await seedScenario(ctx, loadScenario('tj-af'));
    expect(await counts()).toEqual(before);
  });
});
