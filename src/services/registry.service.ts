import { z } from 'zod';
import { allows, authorize } from '../domain/policy/authorize.ts';
import { registryTarget } from '../domain/policy/registry.policy.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { CLEAR_MARKING, markingSchema } from '../domain/records/marking.ts';
import type { RecordKind } from '../domain/records/bodies.ts';
import { localizedNameSchema, lonLatSchema, UNIT_KINDS } from '../domain/registry/entities.ts';
import { validation } from '../errors.ts';
import { findRecord, listRecords, type SavedRecord } from '../store/records.repository.ts';
import type { AppContext } from './context.ts';
import { writeRecord } from './records.service.ts';

/** Registry records the subject may see, by role and by each record's marking. */
export async function listVisible<T extends RecordKind>(
  ctx: AppContext,
  subject: Subject,
  type: T,
  filter: Record<string, string> = {},
): Promise<SavedRecord<T>[]> {
  authorize(subject, 'registry:read');
  const records = await listRecords(ctx.db.kysely, type, filter);
  return records.filter((r) => allows(subject, 'registry:read', registryTarget(ctx.node.id, r)));
}

export const createUnitSchema = z
  .object({
    agencyId: z.uuid(),
    kind: z.enum(UNIT_KINDS),
    name: localizedNameSchema,
    location: lonLatSchema,
    approximate: z.boolean().default(false),
    locode: z.string().regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'UN/LOCODE such as TJDYU').nullable().default(null),
    sectionId: z.uuid().nullable().default(null),
    marking: markingSchema.default(CLEAR_MARKING),
  })
  .strict();
export type CreateUnitInput = z.output<typeof createUnitSchema>;

export async function createUnit(ctx: AppContext, subject: Subject, input: CreateUnitInput) {
  authorize(subject, 'registry:write');
  const agency = await findRecord(ctx.db.kysely, 'agency', input.agencyId);
  if (!agency) throw validation('agencyId does not name a known agency', { field: 'agencyId' });
  if (input.sectionId && !(await findRecord(ctx.db.kysely, 'section', input.sectionId))) {
    throw validation('sectionId does not name a known section', { field: 'sectionId' });
  }
  const { marking, ...rest } = input;
  const result = await writeRecord(ctx, { kind: 'user', subject }, {
    type: 'unit',
    body: { ...rest, ref: null, stateCode: agency.body.stateCode, pairedWithId: null },
    marking,
  });
  return result.record;
}
