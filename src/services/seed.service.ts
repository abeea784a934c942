import { randomUUID } from 'node:crypto';
import { CLEAR_MARKING } from '../domain/records/marking.ts';
import type { RecordKind } from '../domain/records/bodies.ts';
import type { Scenario } from '../domain/registry/scenario.ts';
import { idsByRef, stateIdsByCode } from '../store/records.repository.ts';
import type { AppContext } from './context.ts';
import { writeRecords, type WriteRecord } from './records.service.ts';
import type { Actor } from './users.service.ts';
import { seedTrade } from './seed/trade.ts';
import { seedEvents } from './seed/events.ts';
import { seedWarnings } from './seed/warnings.ts';
import { seedRisk } from './seed/risk.ts';
import { seedLiaison } from './seed/liaison.ts';
import { seedMeetings } from './seed/meetings.ts';
import { seedPartners } from './seed/partners.ts';

export interface SeedSummary {
  scenario: string;
  created: number;
  updated: number;
  unchanged: number;
}

const SEEDER: Actor = { kind: 'system', name: 'seed' };

/**
 * Loads a border scenario (data only — a second border pair is another JSON file). Records are
 * matched by their scenario ref, so seeding again changes nothing unless the data changed.
 */
export async function seedScenario(ctx: AppContext, scenario: Scenario, options: { events?: boolean; liaison?: boolean } = {}): Promise<SeedSummary> {
  const summary: SeedSummary = { scenario: scenario.id, created: 0, updated: 0, unchanged: 0 };
  const tally = (results: { change: { op: string } | null }[]) => {
    for (const r of results) {
      if (!r.change) summary.unchanged += 1;
      else if (r.change.op === 'create') summary.created += 1;
      else summary.updated += 1;
    }
  };
  const marking = CLEAR_MARKING;
  type Lookup = (type: Exclude<RecordKind, 'state'>) => Promise<Map<string, string>>;
  // Look-ups go through the transaction: SQLite has one connection, and the transaction holds it.
  const step = async <T extends RecordKind>(build: (lookup: Lookup, states: () => Promise<Map<string, string>>) => Promise<WriteRecord<T>[]>) => {
    tally(await writeRecords<T>(ctx, SEEDER, (trx) => build((type) => idsByRef(trx, type), () => stateIdsByCode(trx))));
  };

  await step<'state'>(async (_ids, states) => {
    const existing = await states();
    return scenario.states.map((s) => ({ type: 'state', id: existing.get(s.code), body: { code: s.code, name: s.name }, marking }));
  });
  await step<'agency'>(async (ids) => {
    const existing = await ids('agency');
    return scenario.agencies.map((a) => ({
      type: 'agency',
      id: existing.get(a.id),
      body: { ref: a.id, stateCode: a.state, kind: a.kind, name: a.name },
      marking,
    }));
  });
  await step<'section'>(async (ids) => {
    const existing = await ids('section');
    return scenario.sections.map((s) => ({
      type: 'section',
      id: existing.get(s.id),
      body: {
        ref: s.id,
        scenario: scenario.id,
        order: s.order,
        name: s.name,
        terrain: s.terrain,
        riverName: s.riverName,
        provinces: s.provinces,
        patrolCoverage: s.patrolCoverage,
        lengthKm: s.lengthKm,
        geometry: s.geometry,
        impactLevel: null,
        ...(s.crossingPoints === undefined ? {} : { crossingPoints: s.crossingPoints }),
      },
      marking,
    }));
  });
  // Units refer to each other in pairs: give new units their ids up front so one pass links them.
  await step<'unit'>(async (ids) => {
    const units = await ids('unit');
    for (const u of scenario.units) if (!units.has(u.id)) units.set(u.id, randomUUID());
    const agencies = await ids('agency');
    const sections = await ids('section');
    return scenario.units.map((u) => {
      const agency = scenario.agencies.find((a) => a.id === u.agency)!;
      return {
        type: 'unit',
        id: units.get(u.id),
        body: {
          ref: u.id,
          agencyId: agencies.get(u.agency)!,
          stateCode: agency.state,
          kind: u.kind,
          name: u.name,
          location: u.location,
          approximate: u.approximate,
          locode: u.locode,
          sectionId: u.section ? sections.get(u.section) ?? null : null,
          pairedWithId: u.pairedWith ? units.get(u.pairedWith) ?? null : null,
          ...(u.staffing === undefined ? {} : { staffing: u.staffing }),
        },
        marking,
      };
    });
  });
  await step<'community'>(async (ids) => {
    const existing = await ids('community');
    const sections = await ids('section');
    return scenario.communities.map((c) => ({
      type: 'community',
      id: existing.get(c.id),
      body: {
        ref: c.id,
        stateCode: c.state,
        name: c.name,
        location: c.location,
        sectionId: sections.get(c.section) ?? null,
        population: c.population,
      },
      marking,
    }));
  });
  await seedTrade(ctx);
  // A year of published events and seizures (src/services/seed/events.ts); tests that need none say so.
  if (options.events !== false) await seedEvents(ctx, scenario);
  await seedWarnings(ctx, scenario);
  await seedRisk(ctx);
  // Half a year of liaison channels, RFIs and messages (src/services/seed/liaison.ts).
  if (options.liaison !== false) await seedLiaison(ctx);
  // Half a year of BLO meetings and one joint operation on the seeded events (docs/meetings.md).
  if (options.events !== false) await seedMeetings(ctx);
  await seedPartners(ctx, scenario);
  return summary;
}
