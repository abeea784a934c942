import { z } from 'zod';
import { markingSchema } from '../../../domain/records/marking.ts';
import {
  AGENCY_KINDS,
  IMPACT_LEVELS,
  localizedNameSchema,
  TERRAINS,
  UNIT_KINDS,
} from '../../../domain/registry/entities.ts';
import type { SavedRecord } from '../../../store/records.repository.ts';
import { assessmentView } from '../assessments/schema.ts';

const meta = { id: z.string(), version: z.number().int(), marking: markingSchema, ownerNode: z.string() };
const position = z.tuple([z.number(), z.number()]);

export const stateView = z.object({ ...meta, code: z.string(), name: localizedNameSchema });
export const agencyView = z.object({ ...meta, ref: z.string().nullable(), stateCode: z.string(), kind: z.enum(AGENCY_KINDS), name: localizedNameSchema });
export const unitView = z.object({
  ...meta,
  ref: z.string().nullable(),
  agencyId: z.string(),
  stateCode: z.string(),
  kind: z.enum(UNIT_KINDS),
  name: localizedNameSchema,
  location: position,
  approximate: z.boolean(),
  locode: z.string().nullable(),
  sectionId: z.string().nullable(),
  pairedWithId: z.string().nullable(),
});
export const communityView = z.object({
  ...meta,
  ref: z.string().nullable(),
  stateCode: z.string(),
  name: localizedNameSchema,
  location: position,
  sectionId: z.string().nullable(),
  population: z.number().nullable(),
});
export const sectionFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(position) }),
  properties: z.object({
    id: z.string(),
    ref: z.string().nullable(),
    version: z.number().int(),
    name: localizedNameSchema,
    order: z.number().int(),
    terrain: z.enum(TERRAINS),
    riverName: z.string().nullable(),
    lengthKm: z.number(),
    provinces: z.record(z.string(), z.string()),
    patrolCoverage: z.number(),
    impactLevel: z.enum(IMPACT_LEVELS).nullable(),
    crossingPoints: z.number().int().optional(),
    /** The live risk assessment (GET /api/sections; docs/risk-model.md); impactLevel is its level. */
    assessment: assessmentView.nullable().optional(),
  }),
});
export const sectionCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(sectionFeature) });

const metaOf = (r: SavedRecord<never> | SavedRecord<'unit'> | SavedRecord<'agency'> | SavedRecord<'state'> | SavedRecord<'community'>) => ({
  id: r.id,
  version: r.version,
  marking: r.marking,
  ownerNode: r.owner.node,
});

export const presentState = (r: SavedRecord<'state'>) => ({ ...metaOf(r), ...r.body });
export const presentAgency = (r: SavedRecord<'agency'>) => ({ ...metaOf(r), ...r.body });
export const presentUnit = (r: SavedRecord<'unit'>) => ({ ...metaOf(r), ...r.body });
export const presentCommunity = (r: SavedRecord<'community'>) => ({ ...metaOf(r), ...r.body });

/** RFC 7946 Feature: geometry as stored, the rest as properties. */
export function presentSection(r: SavedRecord<'section'>): z.output<typeof sectionFeature> {
  const { geometry, scenario: _scenario, ...props } = r.body;
  return { type: 'Feature', id: r.id, geometry, properties: { id: r.id, version: r.version, ...props } };
}
