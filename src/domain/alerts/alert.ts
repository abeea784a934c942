import { z } from 'zod';

export const ALERT_SUBJECTS = ['person', 'vehicle', 'document'] as const;
/** What the officer at the crossing must do on a confirmed hit. */
export const HIT_ACTIONS = ['arrest', 'inform_owner', 'discreet_check', 'deny_entry'] as const;
export const ALERT_SOURCES = ['local', 'un_sc'] as const;

const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD');
const birthDate = z.union([
  z.object({ kind: z.literal('exact'), date: isoDate }).strict(),
  z.object({ kind: z.literal('approximate'), year: z.number().int().min(1900).max(2100) }).strict(),
  z.object({ kind: z.literal('between'), from: z.number().int().min(1900).max(2100), to: z.number().int().min(1900).max(2100) }).strict(),
]);
export type AlertBirthDate = z.output<typeof birthDate>;

const personSubject = z
  .object({
    kind: z.literal('person'),
    names: z
      .array(z.object({ name: z.string().trim().min(1).max(300), quality: z.enum(['good', 'low']).default('good') }).strict())
      .min(1)
      .max(200),
    birthDates: z.array(birthDate).max(20).default([]),
    nationalities: z.array(z.string().regex(/^[A-Z]{2}$/)).max(10).default([]),
    documents: z.array(z.string().trim().min(3).max(40)).max(20).default([]),
  })
  .strict();
const vehicleSubject = z.object({ kind: z.literal('vehicle'), plate: z.string().trim().min(2).max(20), description: z.string().max(300).nullable().default(null) }).strict();
const documentSubject = z.object({ kind: z.literal('document'), number: z.string().trim().min(3).max(40), documentType: z.string().max(60).nullable().default(null) }).strict();

export const alertSubjectSchema = z.discriminatedUnion('kind', [personSubject, vehicleSubject, documentSubject]);
export type AlertSubject = z.output<typeof alertSubjectSchema>;

export const alertBodySchema = z
  .object({
    subject: alertSubjectSchema,
    reason: z.string().trim().min(3).max(2000),
    action: z.enum(HIT_ACTIONS),
    validFrom: z.iso.date(),
    validUntil: z.iso.date().nullable(),
    source: z.enum(ALERT_SOURCES),
    /** Id in the source list (UN reference number) when imported. */
    sourceRef: z.string().max(100).nullable(),
    active: z.boolean(),
  })
  .strict()
  .refine((a) => a.validUntil === null || a.validUntil >= a.validFrom, { message: 'validUntil is before validFrom', path: ['validUntil'] });
export type AlertBody = z.output<typeof alertBodySchema>;

/** Alerts on persons hold personal data: they travel only under agreements that allow it. */
export function holdsPersonalData(body: AlertBody): boolean {
  return body.subject.kind === 'person';
}

export function isInForce(body: AlertBody, today: string): boolean {
  return body.active && body.validFrom <= today && (body.validUntil === null || body.validUntil >= today);
}
