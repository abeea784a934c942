import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context.ts';
import { ping } from '../../../store/db.ts';
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

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
