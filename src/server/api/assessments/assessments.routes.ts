import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { overrideInputSchema } from '../../../domain/risk/override.ts';
import {
  assessmentHistory,
  currentAssessments,
  historyQuery,
  overrideList,
  presentAssessment,
  reportQuery,
  situationReport,
} from '../../../services/assessments.service.ts';
import type { AppContext } from '../../../services/context.ts';
import { riskEngine, stopRiskEngine } from '../../../services/risk.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses, idParams } from '../schemas.ts';
import { assessmentView, currentView, historyView, overrideListView, overrideView, reportView } from './schema.ts';

/** Threat levels per border section (docs/risk-model.md). */
export async function assessmentsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assessments'];
  app.addHook('onClose', async () => stopRiskEngine(ctx));

  r.get(
    '/api/assessments',
    {
      schema: {
        tags,
        description: 'History of the sections\' assessments (snapshots: daily and at every change of level), oldest first; default the last 30 days.',
        querystring: historyQuery,
        response: { 200: historyView, ...errorResponses },
      },
    },
    async (req) => assessmentHistory(ctx, requireAuth(req).subject, req.query),
  );

  r.get(
    '/api/assessments/current',
    {
      schema: {
        tags,
        description: 'Every visible section\'s current assessment, with its 7-day trend, the weekly anomaly hint and what the reader may do.',
        response: { 200: currentView, ...errorResponses },
      },
    },
    async (req) => currentAssessments(ctx, requireAuth(req).subject),
  );

  r.get(
    '/api/assessments/report',
    {
      schema: {
        tags,
        description: 'Daily situation report (UTC day, default today): levels per state and for the whole border, changes since the day before, top events, seizure totals.',
        querystring: reportQuery,
        response: { 200: reportView, ...errorResponses },
      },
    },
    async (req) => situationReport(ctx, requireAuth(req).subject, req.query.date),
  );

  r.get(
    '/api/assessments/overrides',
    {
      schema: {
        tags,
        description: 'Analysts\' overrides, newest first (active, expired and withdrawn).',
        querystring: z.object({ section: z.uuid().optional() }).strict(),
        response: { 200: overrideListView, ...errorResponses },
      },
    },
    async (req) => overrideList(ctx, requireAuth(req).subject, req.query.section),
  );

  r.post(
    '/api/assessments/overrides',
    {
      schema: {
        tags,
        description: 'Set a section\'s level by judgement, with a reason and an expiry (at most 90 days); replaces an active override. Analysts and commanders of the node\'s state.',
        body: overrideInputSchema,
        response: { 201: z.object({ override: overrideView, assessment: assessmentView }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const out = await riskEngine(ctx).setOverride(requireAuth(req).subject, req.body);
      return reply.code(201).send({ override: out.override, assessment: presentAssessment(out.assessment) });
    },
  );

  r.delete(
    '/api/assessments/overrides/:id',
    {
      schema: {
        tags,
        description: 'Withdraw an active override: the computed level applies again.',
        params: idParams,
        response: { 200: z.object({ assessment: assessmentView }), ...errorResponses },
      },
    },
    async (req) => ({ assessment: presentAssessment(await riskEngine(ctx).clearOverride(requireAuth(req).subject, req.params.id)) }),
  );
}
