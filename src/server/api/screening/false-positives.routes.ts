import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context.ts';
import { falsePositiveListQuery, listAgencyFalsePositives, revokeAgencyFalsePositive } from '../../../services/false-positives.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses } from '../schemas.ts';

const status = z.enum(['active', 'expired', 'revoked']);
const officer = z.object({ id: z.string(), username: z.string().nullable() });
const falsePositiveView = z.object({
  id: z.string(),
  alertId: z.string(),
  screeningId: z.string(),
  stateCode: z.string(),
  agencyId: z.string(),
  decidedBy: officer,
  decidedAt: z.string(),
  expiresAt: z.string(),
  status,
  revokedBy: officer.nullable(),
  revokedAt: z.string().nullable(),
}).meta({ description: 'A false-positive decision of the reviewer\'s agency (never the traveller\'s identifiers)' });

export async function falsePositiveRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['screening'];

  r.get(
    '/api/false-positives',
    {
      schema: {
        tags,
        description: 'False-positive decisions of the caller\'s agency, newest first (validators and commanders).',
        querystring: falsePositiveListQuery,
        response: { 200: z.object({ items: z.array(falsePositiveView), total: z.number(), limit: z.number(), offset: z.number() }), ...errorResponses },
      },
    },
    async (req) => listAgencyFalsePositives(ctx, requireAuth(req).subject, req.query),
  );

  r.post(
    '/api/false-positives/:id/revoke',
    {
      schema: {
        tags,
        description: 'Undo a false-positive decision of the caller\'s agency: its hits are raised again.',
        params: z.object({ id: z.uuid() }).strict(),
        response: { 200: z.object({ id: z.string(), status: z.literal('revoked'), revokedAt: z.string() }), ...errorResponses },
      },
    },
    async (req) => revokeAgencyFalsePositive(ctx, requireAuth(req).subject, req.params.id),
  );
}
