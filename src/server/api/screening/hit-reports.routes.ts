import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hitReportBodySchema } from '../../../domain/screening/hit-report.ts';
import type { AppContext } from '../../../services/context.ts';
import { answerHitReport, fileHitReport, getHitReport, hitAnswerInputSchema, hitReportInputSchema, listHitReports, type HitReportRecord } from '../../../services/hit-reports.service.ts';
import { historyQuerySchema, listScreeningHistory } from '../../../services/screening-history.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses } from '../schemas.ts';

const recordView = z.object({
  id: z.string(),
  version: z.number().int(),
  ownerState: z.string(),
  ownerNode: z.string(),
  createdAt: z.string(),
  local: z.boolean().meta({ description: 'Written on this node (false: a copy received from the other side)' }),
  body: hitReportBodySchema,
  abilities: z.object({ answer: z.boolean() }),
});
const reportView = recordView.extend({ answers: z.array(recordView) }).meta({ description: 'A hit report with the alert owner\'s answers' });

const officer = z.object({ id: z.string(), username: z.string().nullable(), displayName: z.string().nullable() });
const historyItem = z.object({
  id: z.string(),
  at: z.string(),
  officer,
  unitId: z.string().nullable(),
  hitCount: z.number().int(),
  suppressedCount: z.number().int(),
  hasIdentifiers: z.boolean().meta({ description: 'The query carried a full birth date or a document (never the values)' }),
  hiddenHits: z.number().int().meta({ description: 'Hits on alerts the reader may not see now' }),
  hits: z.array(z.object({
    alertId: z.string(),
    listed: z.string().meta({ description: 'The listed name, plate or document of the alert (not the traveller)' }),
    subjectKind: z.enum(['person', 'vehicle', 'document']),
    ownerState: z.string(),
    score: z.number(),
    decision: z.enum(['pending', 'suppressed', 'confirmed', 'false_positive']),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    falsePositive: z.object({ id: z.string(), status: z.enum(['active', 'expired', 'revoked']), revokedAt: z.string().nullable(), revokedBy: z.string().nullable() }).nullable(),
    hitReportId: z.string().nullable(),
  })),
});

const present = (ctx: AppContext, r: HitReportRecord) => ({ id: r.id, version: r.version, ownerState: r.owner.state, ownerNode: r.owner.node, createdAt: r.createdAt, local: r.owner.node === ctx.node.id, body: r.body });

export async function hitReportRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['screening'];

  r.post(
    '/api/screenings/:id/hits/:alertId/report',
    {
      schema: {
        tags,
        description: 'File the hit report of a confirmed hit: what was found, where, when, the action taken. It is sent to the alert owner\'s node (only).',
        params: z.object({ id: z.uuid(), alertId: z.uuid() }).strict(),
        body: hitReportInputSchema,
        response: { 201: recordView, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const rec = await fileHitReport(ctx, subject, req.params.id, req.params.alertId, req.body);
      return reply.status(201).send({ ...present(ctx, rec), abilities: { answer: false } });
    },
  );

  r.get(
    '/api/hit-reports',
    {
      schema: {
        tags,
        description: 'Hit reports the caller\'s side of each exchange may see (the reporting agency, the alert\'s owning agency), newest first, with answers.',
        querystring: z.object({ alertId: z.uuid().optional(), screeningId: z.uuid().optional() }).strict(),
        response: { 200: z.object({ items: z.array(reportView) }), ...errorResponses },
      },
    },
    async (req) => listHitReports(ctx, requireAuth(req).subject, req.query),
  );

  r.get(
    '/api/hit-reports/:id',
    { schema: { tags, params: z.object({ id: z.uuid() }).strict(), response: { 200: reportView, ...errorResponses } } },
    async (req) => getHitReport(ctx, requireAuth(req).subject, req.params.id),
  );

  r.post(
    '/api/hit-reports/:id/answers',
    {
      schema: {
        tags,
        description: 'The alert owner answers a hit report received on its node: supplementary information and the action it asks for.',
        params: z.object({ id: z.uuid() }).strict(),
        body: hitAnswerInputSchema,
        response: { 201: recordView, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const rec = await answerHitReport(ctx, subject, req.params.id, req.body);
      return reply.status(201).send({ ...present(ctx, rec), abilities: { answer: false } });
    },
  );

  r.get(
    '/api/screenings',
    {
      schema: {
        tags,
        description: 'Screening history: the caller\'s unit (desk officers) or agency (validators, commanders), newest first. Never the traveller.',
        querystring: historyQuerySchema,
        response: { 200: z.object({ items: z.array(historyItem), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => listScreeningHistory(ctx, requireAuth(req).subject, req.query),
  );
}
