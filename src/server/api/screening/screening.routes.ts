import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADJUSTMENT_DETAILS, ADJUSTMENT_KINDS } from '../../../domain/names/types.ts';
import { LOCALES, type Locale } from '../../../domain/policy/roles.ts';
import type { AppContext } from '../../../services/context.ts';
import { decideHit, decisionSchema, runScreening, screenQuerySchema } from '../../../services/screening.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { falsePositiveRoutes } from './false-positives.routes.ts';
import { hitReportRoutes } from './hit-reports.routes.ts';
import { errorResponses } from '../schemas.ts';

const explanationView = z.object({
  matchedName: z.string(),
  aliasQuality: z.enum(['good', 'low']),
  nameScore: z.number(),
  parts: z.array(z.object({
    query: z.string().nullable(),
    entry: z.string().nullable(),
    how: z.enum(['exact', 'translit', 'phonetic', 'fuzzy', 'optional-suffix', 'compound', 'unmatched']),
    similarity: z.number(),
    weight: z.number(),
  })),
  adjustments: z.array(z.object({ kind: z.enum(ADJUSTMENT_KINDS), detail: z.enum(ADJUSTMENT_DETAILS), effect: z.number() })),
}).meta({ description: 'Which name parts matched how, and what moved the score (stable codes)' });

const hitView = z.object({
  alertId: z.string(),
  score: z.number(),
  matchedName: z.string(),
  matchedNameInReaderScript: z.string(),
  explanation: explanationView,
  alert: z.object({
    subjectKind: z.enum(['person', 'vehicle', 'document']),
    reason: z.string(),
    action: z.enum(['arrest', 'inform_owner', 'discreet_check', 'deny_entry']),
    source: z.enum(['local', 'un_sc']),
    sourceRef: z.string().nullable(),
    tlp: z.string(),
    ownerState: z.string().meta({ description: 'State that owns the alert' }),
  }),
  person: z
    .object({
      birthDates: z.array(z.union([
        z.object({ kind: z.literal('exact'), date: z.string() }),
        z.object({ kind: z.literal('approximate'), year: z.number() }),
        z.object({ kind: z.literal('between'), from: z.number(), to: z.number() }),
      ])),
      nationalities: z.array(z.string()),
      documents: z.array(z.string()),
    })
    .nullable()
    .meta({ description: 'The listed person\'s identifiers, to compare with the traveller (null for vehicles and documents)' }),
  suppressed: z
    .object({ falsePositiveId: z.string(), expiresAt: z.string() })
    .nullable()
    .meta({ description: 'Set when a false-positive decision of the caller\'s agency suppresses this hit until expiresAt' }),
});
const suppressionView = z.object({ falsePositiveId: z.string(), expiresAt: z.string() });
const screeningView = z.object({
  id: z.string(),
  at: z.string(),
  threshold: z.number(),
  hitCount: z.number().meta({ description: 'Hits raised (suppressed ones not included)' }),
  suppressedCount: z.number().meta({ description: 'Hits suppressed by the caller\'s agency\'s false-positive decisions' }),
  hits: z.array(hitView).meta({ description: 'Raised hits first, then suppressed ones' }),
});

export async function screeningRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  await falsePositiveRoutes(app, { ctx });
  await hitReportRoutes(app, { ctx });
  const tags = ['screening'];

  r.post(
    '/api/screen',
    {
      schema: {
        tags,
        description: 'Screen a person (name, birth date, nationality, document) or a vehicle plate against alerts in force.',
        querystring: z.object({ locale: z.enum(LOCALES).optional() }).strict(),
        body: screenQuerySchema,
        response: { 200: screeningView, ...errorResponses },
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      return runScreening(ctx, auth.subject, (req.query.locale ?? auth.user.locale) as Locale, req.body);
    },
  );

  r.post(
    '/api/screenings/:id/hits/:alertId/decision',
    {
      schema: {
        tags,
        params: z.object({ id: z.uuid(), alertId: z.uuid() }).strict(),
        body: decisionSchema,
        response: {
          200: z.object({
            screeningId: z.string(),
            alertId: z.string(),
            decision: z.string(),
            decidedAt: z.string(),
            suppression: suppressionView.nullable().meta({ description: 'A false positive on an alert of the caller\'s state: suppressed for the caller\'s agency until expiresAt' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => decideHit(ctx, requireAuth(req).subject, req.params.id, req.params.alertId, req.body.decision),
  );
}
