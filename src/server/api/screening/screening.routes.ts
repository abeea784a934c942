import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADJUSTMENT_DETAILS, ADJUSTMENT_KINDS } from '../../../domain/names/types.ts';
import { LOCALES, type Locale } from '../../../domain/policy/roles.ts';
import type { AppContext } from '../../../services/context.ts';
import { decideHit, decisionSchema, runScreening, screenQuerySchema } from '../../../services/screening.service.ts';
import { requireAuth } from '../../http/auth.ts';
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
  }),
});
const screeningView = z.object({ id: z.string(), at: z.string(), threshold: z.number(), hits: z.array(hitView) });

export async function screeningRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
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
        response: { 200: z.object({ screeningId: z.string(), alertId: z.string(), decision: z.string(), decidedAt: z.string() }), ...errorResponses },
      },
    },
    async (req) => decideHit(ctx, requireAuth(req).subject, req.params.id, req.params.alertId, req.body.decision),
  );
}
