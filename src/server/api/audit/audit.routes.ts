import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../domain/policy/authorize.ts';
import { notFound } from '../../../errors.ts';
import { latestSignedCheckpoint } from '../../../services/audit-checkpoints.service.ts';
import { auditQuerySchema, readAuditLog, readAuditStatus } from '../../../services/audit-viewer.service.ts';
import type { AppContext } from '../../../services/context.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses } from '../schemas.ts';
import { auditEntryView, presentAuditEntry } from './presenter.ts';

const statusView = z.object({
  intact: z.boolean(),
  verified: z.number().int(),
  lastSeq: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
  lastCheckpoint: z.object({ seq: z.number().int(), at: z.string(), extended: z.boolean(), reason: z.string().nullable() }).nullable(),
  pendingReads: z.number().int(),
});

const checkpointView = z.object({ nodeId: z.string(), seq: z.number().int(), headHash: z.string(), at: z.string(), signature: z.string() });

export async function auditRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get(
    '/api/audit',
    {
      schema: {
        tags,
        querystring: auditQuerySchema,
        response: { 200: z.object({ items: z.array(auditEntryView), total: z.number().int(), limit: z.number().int(), offset: z.number().int(), actions: z.array(z.string()) }), ...errorResponses },
      },
    },
    async (req) => {
      const page = await readAuditLog(ctx, requireAuth(req).subject, req.query);
      return { items: page.rows.map((row) => presentAuditEntry(row, page.usernames)), total: page.total, limit: req.query.limit, offset: req.query.offset, actions: page.actions };
    },
  );

  r.get('/api/audit/status', { schema: { tags, response: { 200: statusView, ...errorResponses } } }, async (req) => readAuditStatus(ctx, requireAuth(req).subject));

  // The hook peers will use to keep a copy of this node's checkpoints (carried by the federation later).
  r.get('/api/audit/checkpoints/latest', { schema: { tags, response: { 200: checkpointView, ...errorResponses } } }, async (req) => {
    authorize(requireAuth(req).subject, 'audit:read');
    const checkpoint = await latestSignedCheckpoint(ctx);
    if (!checkpoint) throw notFound('checkpoint');
    return checkpoint;
  });
}
