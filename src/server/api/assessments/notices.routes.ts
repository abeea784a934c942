import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context.ts';
import { listNotices, readNotice } from '../../../services/neighbour-notices.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses } from '../schemas.ts';
import { explanationItemView } from './schema.ts';

const level = z.enum(['low', 'medium', 'high', 'critical']);
const noticeView = z.object({
  id: z.string(),
  recordId: z.string(),
  version: z.number(),
  fromState: z.string(),
  sectionId: z.string().nullable(),
  sectionRef: z.string().nullable(),
  sectionName: z.record(z.string(), z.string()).nullable(),
  from: level,
  to: level,
  level,
  score: z.number(),
  explanation: z.array(explanationItemView),
  computedAt: z.string(),
  receivedAt: z.string(),
  read: z.boolean(),
});

/** The inbox of notices a neighbour sent to the reader's unit when one of its sections rose (docs/risk-model.md). */
export async function noticesRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assessments'];

  r.get(
    '/api/assessments/notices',
    {
      schema: {
        tags,
        description: 'Notices from across the border addressed to the reader\'s unit (a neighbour\'s section rose to medium or higher), newest first, with the unread count.',
        response: { 200: z.object({ items: z.array(noticeView), unread: z.number() }), ...errorResponses },
      },
    },
    async (req) => listNotices(ctx, requireAuth(req).subject),
  );

  r.post(
    '/api/assessments/notices/:id/read',
    {
      schema: {
        tags,
        description: 'Mark a notice read for the reader (id `<record id>:<version>`). Reading it again changes nothing.',
        params: z.object({ id: z.string().max(60) }).strict(),
        response: { 200: z.object({ id: z.string(), read: z.literal(true), unread: z.number() }), ...errorResponses },
      },
    },
    async (req) => readNotice(ctx, requireAuth(req).subject, req.params.id),
  );
}
