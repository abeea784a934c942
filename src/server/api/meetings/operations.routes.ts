import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context.ts';
import {
  addAfterAction,
  addDailyReport,
  afterActionSchema,
  createOperation,
  createOperationSchema,
  createReportSchema,
  readOperation,
  readOperations,
  updateOperation,
  updateOperationSchema,
} from '../../../services/meetings/operations.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses, errorSchema, idParams } from '../schemas.ts';
import { operationDetail, operationView, presentOperation, presentReport, reportView } from './views.ts';

export async function operationsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['operations'];

  r.get('/api/operations', { schema: { tags, description: 'Joint operations the caller takes part in, newest first.', response: { 200: z.object({ items: z.array(operationView) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: (await readOperations(ctx, subject)).map(({ op, target }) => presentOperation(subject, op, target)) };
  });

  r.post('/api/operations', { schema: { tags, description: 'Plan a joint operation: aim, area (GeoJSON Polygon), period, participating units of both sides, communication plan.', body: createOperationSchema, response: { 201: operationView, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const op = await createOperation(ctx, subject, req.body);
    const d = await readOperation(ctx, subject, op.id);
    return reply.code(201).send(presentOperation(subject, op, d.target));
  });

  r.get('/api/operations/:id', { schema: { tags, description: 'The plan, its daily and after-action reports, and the figures computed now from the linked events and those in the area.', params: idParams, response: { 200: operationDetail, ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    const d = await readOperation(ctx, subject, req.params.id);
    return { ...presentOperation(subject, d.op, d.target), reports: d.reports.map(presentReport), figures: d.figures };
  });

  r.patch('/api/operations/:id', { schema: { tags, description: 'Change status, aim or communication plan: the recording side, with the version it changes.', params: idParams, body: updateOperationSchema, response: { 200: operationView, ...errorResponses, 412: errorSchema } } }, async (req) => {
    const { subject } = requireAuth(req);
    const op = await updateOperation(ctx, subject, req.params.id, req.body);
    const d = await readOperation(ctx, subject, op.id);
    return presentOperation(subject, op, d.target);
  });

  r.post('/api/operations/:id/reports', { schema: { tags, description: 'A daily report linking events and seizures.', params: idParams, body: createReportSchema, response: { 201: reportView, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    return reply.code(201).send(presentReport(await addDailyReport(ctx, subject, req.params.id, req.body)));
  });

  r.post('/api/operations/:id/after-action', { schema: { tags, description: 'The after-action report; its figures are computed (events by category, seizures by kind with kg, crossings prevented, persons detained).', params: idParams, body: afterActionSchema, response: { 201: reportView, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    return reply.code(201).send(presentReport(await addAfterAction(ctx, subject, req.params.id, req.body)));
  });
}
