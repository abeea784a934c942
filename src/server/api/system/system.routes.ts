import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context.ts';
import { ping } from '../../../store/db.ts';
import { checkMetricsAccess } from '../../http/metrics-access.ts';
import type { Metrics } from '../../http/metrics.ts';

export async function systemRoutes(app: FastifyInstance, { ctx, metrics }: { ctx: AppContext; metrics: Metrics }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/healthz',
    { schema: { tags: ['system'], response: { 200: z.object({ status: z.literal('ok'), node: z.string(), database: z.enum(['sqlite', 'postgres']) }) } } },
    async () => {
      await ping(ctx.db);
      return { status: 'ok' as const, node: ctx.node.name, database: ctx.db.dialect };
    },
  );

  // With a separate metrics listener the public one does not serve them at all.
  if (ctx.config.metricsPort === null) {
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      checkMetricsAccess(ctx.config, request.headers.authorization);
      reply.header('content-type', metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  }

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
