import { z } from 'zod';
import { lonLatSchema } from '../registry/entities.ts';

export const DAMAGE_KINDS = ['road', 'bridge', 'border_post', 'building', 'power', 'water_supply', 'crossing_point', 'other'] as const;
export const DAMAGE_LEVELS = ['minor', 'major', 'destroyed'] as const;
export const NEEDS = ['shelter', 'food', 'water', 'medical', 'evacuation', 'engineering', 'boats', 'communications'] as const;

/** A damage and needs report, usually linked to the warning of the hazard that caused it. */
export const damageBodySchema = z
  .object({
    warningId: z.uuid().nullable(),
    sectionId: z.uuid().nullable(),
    stateCode: z.string().regex(/^[A-Z]{2}$/),
    location: lonLatSchema.nullable(),
    kind: z.enum(DAMAGE_KINDS),
    level: z.enum(DAMAGE_LEVELS),
    description: z.string().trim().min(3).max(4000),
    peopleAffected: z.number().int().min(0).max(10_000_000),
    peopleDisplaced: z.number().int().min(0).max(10_000_000),
    needs: z.array(z.enum(NEEDS)).max(NEEDS.length),
    observedAt: z.iso.datetime({ offset: true }),
  })
  .strict()
  .refine((d) => d.peopleDisplaced <= d.peopleAffected, { message: 'displaced people are among the affected', path: ['peopleDisplaced'] });
export type DamageBody = z.output<typeof damageBodySchema>;

export const RESOURCE_KINDS = ['vehicle_4x4', 'truck', 'boat', 'medical_team', 'helicopter', 'excavator', 'rescue_team', 'tents', 'generator'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** What one side can send: vehicles, boats, medical teams… held at a unit. */
export const resourceBodySchema = z
  .object({
    stateCode: z.string().regex(/^[A-Z]{2}$/),
    unitId: z.uuid().nullable(),
    kind: z.enum(RESOURCE_KINDS),
    quantity: z.number().int().min(0).max(100_000),
    note: z.string().trim().max(1000).nullable(),
  })
  .strict();
export type ResourceBody = z.output<typeof resourceBodySchema>;

export interface DamageSummary {
  sectionId: string | null;
  reports: number;
  byKind: Partial<Record<(typeof DAMAGE_KINDS)[number], number>>;
  peopleAffected: number;
  peopleDisplaced: number;
  needs: Partial<Record<(typeof NEEDS)[number], number>>;
  states: string[];
}

/** Damage per border section (null: reports outside any section), sections in first-seen order. */
export function damageBySection(reports: readonly DamageBody[]): DamageSummary[] {
  const out = new Map<string | null, DamageSummary>();
  for (const r of reports) {
    const s = out.get(r.sectionId) ?? { sectionId: r.sectionId, reports: 0, byKind: {}, peopleAffected: 0, peopleDisplaced: 0, needs: {}, states: [] };
    s.reports += 1;
    s.byKind[r.kind] = (s.byKind[r.kind] ?? 0) + 1;
    s.peopleAffected += r.peopleAffected;
    s.peopleDisplaced += r.peopleDisplaced;
    for (const n of r.needs) s.needs[n] = (s.needs[n] ?? 0) + 1;
    if (!s.states.includes(r.stateCode)) s.states.push(r.stateCode);
    out.set(r.sectionId, s);
  }
  return [...out.values()];
}

export interface ResourceRow {
  kind: ResourceKind;
  byState: Record<string, number>;
  /** No side has any. */
  gapEverywhere: boolean;
  /** States that have none while another has some. */
  missingIn: string[];
}

/** Resources per kind and side, and the gaps: kinds no side has (e.g. helicopters), or a side lacks. */
export function resourceGaps(resources: readonly ResourceBody[], states: readonly string[]): ResourceRow[] {
  return RESOURCE_KINDS.map((kind) => {
    const byState = Object.fromEntries(states.map((s) => [s, 0])) as Record<string, number>;
    for (const r of resources) if (r.kind === kind) byState[r.stateCode] = (byState[r.stateCode] ?? 0) + r.quantity;
    const total = Object.values(byState).reduce((a, b) => a + b, 0);
    return { kind, byState, gapEverywhere: total === 0, missingIn: total === 0 ? [] : Object.keys(byState).filter((s) => byState[s] === 0) };
  });
}
