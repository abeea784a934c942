import { z } from 'zod';

export const localizedNameSchema = z
  .object({
    en: z.string().trim().min(1).max(200),
    ru: z.string().trim().min(1).max(200),
    tg: z.string().trim().min(1).max(200),
    fa: z.string().trim().min(1).max(200),
    ps: z.string().trim().min(1).max(200),
  })
  .strict();
export type LocalizedNameValue = z.output<typeof localizedNameSchema>;

export const AGENCY_KINDS = ['border_guard', 'customs', 'drug_control', 'police', 'emergency', 'partner'] as const;
export const UNIT_KINDS = ['border_post', 'crossing_point', 'blo', 'headquarters'] as const;
export const TERRAINS = ['river_plain', 'foothills', 'mountain', 'high_mountain', 'gorge'] as const;
export const IMPACT_LEVELS = ['low', 'medium', 'high', 'critical'] as const;

export const lonLatSchema = z.tuple([
  z.number().finite().min(-180).max(180),
  z.number().finite().min(-90).max(90),
]);

const stateCode = z.string().regex(/^[A-Z]{2}$/);
const uuid = z.uuid();

export const stateBodySchema = z.object({ code: stateCode, name: localizedNameSchema }).strict();
export type StateBody = z.output<typeof stateBodySchema>;

export const agencyBodySchema = z
  .object({ ref: z.string().nullable(), stateCode, kind: z.enum(AGENCY_KINDS), name: localizedNameSchema })
  .strict();
export type AgencyBody = z.output<typeof agencyBodySchema>;

export const unitBodySchema = z
  .object({
    ref: z.string().nullable(),
    agencyId: uuid,
    stateCode,
    kind: z.enum(UNIT_KINDS),
    name: localizedNameSchema,
    location: lonLatSchema,
    approximate: z.boolean(),
    locode: z.string().regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'UN/LOCODE such as TJDYU').nullable(),
    sectionId: uuid.nullable(),
    pairedWithId: uuid.nullable(),
    /** share of the authorised strength present, 0..1 (risk model); absent = not known */
    staffing: z.number().min(0).max(1).optional(),
  })
  .strict();
export type UnitBody = z.output<typeof unitBodySchema>;

// RFC 7946 allows an optional altitude as a third element; the border is drawn in 2-D, so it is dropped.
const positionSchema = z.union([
  lonLatSchema,
  z.tuple([lonLatSchema.def.items[0], lonLatSchema.def.items[1], z.number().finite()]).transform(([lon, lat]): [number, number] => [lon, lat]),
]);

export const lineStringSchema = z
  .object({ type: z.literal('LineString'), coordinates: z.array(positionSchema).min(2).max(20_000) })
  .strict();

export const sectionBodySchema = z
  .object({
    ref: z.string().nullable(),
    scenario: z.string().min(1).max(64),
    order: z.number().int().min(0),
    name: localizedNameSchema,
    terrain: z.enum(TERRAINS),
    riverName: z.string().nullable(),
    provinces: z.record(z.string(), z.string()),
    patrolCoverage: z.number().min(0).max(1),
    lengthKm: z.number().min(0),
    geometry: lineStringSchema,
    impactLevel: z.enum(IMPACT_LEVELS).nullable(),
    /** known informal crossing points: fords, ferry points (risk model); absent = the terrain's default */
    crossingPoints: z.number().int().min(0).max(1000).optional(),
  })
  .strict();
export type SectionBody = z.output<typeof sectionBodySchema>;

export const communityBodySchema = z
  .object({
    ref: z.string().nullable(),
    stateCode,
    name: localizedNameSchema,
    location: lonLatSchema,
    sectionId: uuid.nullable(),
    population: z.number().int().min(0).nullable(),
  })
  .strict();
export type CommunityBody = z.output<typeof communityBodySchema>;
