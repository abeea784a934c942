import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context.ts';
import { cooperationDashboard, dashboardQuery } from '../../../services/cooperation/dashboard.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses } from '../schemas.ts';

/** The co-operation dashboard per border pair (docs/liaison.md). */
export async function cooperationRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/cooperation/dashboard',
    { schema: { tags: ['cooperation'], description: 'Per border pair: exchanges per month by direction, RFI response times (median, p90, on-time share), open and overdue RFIs; default the last six months.', querystring: dashboardQuery, response: { 200: z.record(z.string(), z.unknown()), ...errorResponses } } },
    async (req) => {
      const { subject } = requireAuth(req);
      return cooperationDashboard(ctx, subject, req.query);
    },
  );
}
