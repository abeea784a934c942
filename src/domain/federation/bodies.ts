import type { z } from 'zod';
import { alertBodySchema } from '../alerts/alert.ts';
import { eventBodySchema } from '../events/event.ts';
import { seizureBodySchema } from '../events/seizure.ts';
import type { RecordKind } from '../records/bodies.ts';
import { assessmentBodySchema } from '../risk/assessment-record.ts';
import { agencyBodySchema, communityBodySchema, sectionBodySchema, stateBodySchema, unitBodySchema } from '../registry/entities.ts';

/** Body schema per record type: a received body is validated like a locally written one. */
export const RECORD_BODY_SCHEMAS: Record<RecordKind, z.ZodType> = {
  state: stateBodySchema,
  agency: agencyBodySchema,
  unit: unitBodySchema,
  section: sectionBodySchema,
  community: communityBodySchema,
  alert: alertBodySchema,
  event: eventBodySchema,
  seizure: seizureBodySchema,
  assessment: assessmentBodySchema,
};

export function isRecordKind(type: string): type is RecordKind {
  return Object.hasOwn(RECORD_BODY_SCHEMAS, type);
}
