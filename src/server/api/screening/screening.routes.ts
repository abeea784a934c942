import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../../domain/policy/roles.ts';
import type { AppContext } from '../../../services/context.ts';
import { decideHit, decisionSchema, runScreening, screenQuerySchema } from '../../../services/screening.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses } from '../schemas.ts';

const hitView = z.object({
  alertId: z.string(),
  score: z.number(),
  matchedName: z.string(),
  matchedNameInReaderScript: z.string(),
  explanation: z.unknown(),
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
