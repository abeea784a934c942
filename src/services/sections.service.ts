import { z } from 'zod';
import { authorize } from '../domain/policy/authorize.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { CLEAR_MARKING, markingSchema } from '../domain/records/marking.ts';
import { lineStringSchema, localizedNameSchema, TERRAINS } from '../domain/registry/entities.ts';
import { lineLengthKm } from '../domain/geo/geo.ts';
import type { AppContext } from './context.ts';
import { writeRecord } from './records.service.ts';

/** A new border section arrives as an RFC 7946 Feature with a LineString geometry. */
export const createSectionSchema = z
  .object({
    type: z.literal('Feature'),
    geometry: lineStringSchema,
    properties: z
      .object({
        scenario: z.string().min(1).max(64),
        order: z.number().int().min(0),
        name: localizedNameSchema,
        terrain: z.enum(TERRAINS),
        riverName: z.string().max(100).nullable().default(null),
        provinces: z.record(z.string().regex(/^[A-Z]{2}$/), z.string().max(100)).default({}),
        patrolCoverage: z.number().min(0).max(1).default(0.5),
      })
      .strict(),
    marking: markingSchema.default(CLEAR_MARKING),
  })
  .strict();
export type CreateSectionInput = z.output<typeof createSectionSchema>;

export async function createSection(ctx: AppContext, subject: Subject, input: CreateSectionInput) {
  authorize(subject, 'registry:write');
  const result = await writeRecord(ctx, { kind: 'user', subject }, {
    type: 'section',
    body: {
      ...input.properties,
      ref: null,
      geometry: input.geometry,
      lengthKm: Math.round(lineLengthKm(input.geometry.coordinates) * 10) / 10,
      impactLevel: null,
    },
    marking: input.marking,
  });
  return result.record;
}
