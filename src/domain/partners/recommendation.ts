import { z } from 'zod';

/**
 * A recommendation or commitment of a meeting (the 2012 Dushanbe conference, later senior
 * officials' meetings) and what is being done about it: actions with owners, deadlines, status
 * and evidence. Kept on each node (not federated): each side tracks its own follow-up.
 */
export const RECOMMENDATION_STATUSES = ['not_started', 'in_progress', 'done', 'late', 'dropped'] as const;
export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

const day = z.iso.date();
export const evidenceSchema = z
  .object({
    text: z.string().trim().min(1).max(1000),
    url: z.url({ protocol: /^https?$/ }).max(500).nullable().default(null),
    /** An indicator of the registry (src/services/partners/indicators.ts) that shows progress. */
    indicator: z.string().max(60).nullable().default(null),
    at: day,
  })
  .strict();

export const actionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/),
    text: z.string().trim().min(1).max(1000),
    owner: z.string().trim().min(1).max(200),
    deadline: day.nullable(),
    status: z.enum(ACTION_STATUSES),
    evidence: z.array(evidenceSchema).max(50).default([]),
  })
  .strict();
export type RecommendationAction = z.output<typeof actionSchema>;

export const recommendationInputSchema = z
  .object({
    ref: z.string().regex(/^[a-z0-9][a-z0-9-.]{1,60}$/),
    meeting: z.string().trim().min(1).max(200),
    meetingDate: day,
    /** Lesson learned, way-forward item, or a later meeting's commitment. */
    kind: z.enum(['lesson', 'way_forward', 'commitment']),
    title: z.partialRecord(z.enum(['en', 'ru', 'tg', 'fa', 'ps']), z.string().trim().min(1).max(500)).refine((t) => 'en' in t, { message: 'an English title is required' }),
    text: z.string().trim().min(1).max(8000),
    source: z.string().trim().min(1).max(500),
    status: z.enum(RECOMMENDATION_STATUSES),
    actions: z.array(actionSchema).max(50).default([]),
  })
  .strict()
  .refine((r) => new Set(r.actions.map((a) => a.id)).size === r.actions.length, { message: 'action ids must be unique', path: ['actions'] });
export type RecommendationInput = z.output<typeof recommendationInputSchema>;

/** Actions past their deadline and not done or dropped: "what is late" in the progress report. */
export function lateActions(actions: readonly RecommendationAction[], today: string): RecommendationAction[] {
  return actions.filter((a) => a.deadline !== null && a.deadline < today && (a.status === 'planned' || a.status === 'in_progress'));
}

/** Month keys (YYYY-MM) covering [from, to): `to` is exclusive (ISO dates or instants). */
export function monthsBetween(from: string, to: string): string[] {
  const last = new Date(Date.parse(to) - 1).toISOString().slice(0, 7);
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (let key = from.slice(0, 7); key <= last && out.length < 240; ) {
    out.push(key);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
    key = `${y}-${String(m).padStart(2, '0')}`;
  }
  return out;
}
