/**
 * The shareable record of a section's assessment (kind `assessment`): one per section and
 * owner node, a new version when its level, computed level or override changes — not on
 * every change of score, so peers are not flooded. `notice` is set on a version where the
 * section rose to medium or higher: it names the counterpart units across the river.
 */
import { z } from 'zod';
import { RISK_LEVELS } from './config.ts';

const level = z.enum(RISK_LEVELS);
const localized = z.record(z.string().max(8), z.string().max(200));

export const explanationItemSchema = z
  .object({
    key: z.string().min(1).max(64),
    share: z.number().finite(),
    params: z.record(z.string().max(64), z.union([z.string().max(1000), z.number().finite(), z.null(), localized])),
  })
  .strict();

export const assessmentOverrideSchema = z
  .object({ level, reason: z.string().max(1000), expiresAt: z.iso.datetime({ offset: true }), setAt: z.iso.datetime({ offset: true }) })
  .strict();

export const assessmentNoticeSchema = z
  .object({
    from: level,
    to: level,
    /** states across the river told of it */
    states: z.array(z.string().regex(/^[A-Z]{2}$/)).max(10),
    /** their units in (or paired with units of) the section: ids here, refs for a peer with its own ids */
    unitIds: z.array(z.uuid()).max(100),
    unitRefs: z.array(z.string().max(200)).max(100),
  })
  .strict();

export const assessmentBodySchema = z
  .object({
    sectionId: z.uuid(),
    /** the scenario ref (e.g. tj-af-03): peers hold the same section under their own id */
    sectionRef: z.string().max(200).nullable(),
    level,
    computedLevel: level,
    score: z.number().finite().min(0),
    override: assessmentOverrideSchema.nullable(),
    explanation: z.array(explanationItemSchema).max(30),
    computedAt: z.iso.datetime({ offset: true }),
    notice: assessmentNoticeSchema.nullable(),
  })
  .strict();
export type AssessmentBody = z.output<typeof assessmentBodySchema>;
export type AssessmentNotice = z.output<typeof assessmentNoticeSchema>;
