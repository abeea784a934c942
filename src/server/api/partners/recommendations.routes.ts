import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../domain/policy/authorize.ts';
import type { AppContext } from '../../../services/context.ts';
import { computeIndicators } from '../../../services/partners/indicators.ts';
import { createRecommendation, listRecommendations, updateRecommendation, updateRecommendationSchema } from '../../../services/partners/recommendations.service.ts';
import { periodOf, progressQuery, progressReport } from '../../../services/partners/report.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { expectedVersion, sendEtag } from '../../http/preconditions.ts';
import { errorResponses, errorSchema, idParams } from '../schemas.ts';

const recView = z.looseObject({ id: z.string(), ref: z.string(), version: z.number().int(), status: z.string(), late: z.array(z.string()) });
const period = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }).strict();

export async function recommendationsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['partners'];

  r.get('/api/recommendations', { schema: { tags, description: 'The recommendations tracker: recommendations and commitments of the 2012 Dushanbe conference and later meetings, with actions, owners, deadlines, status, evidence; `late` lists the actions past their deadline.', response: { 200: z.object({ items: z.array(recView) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: (await listRecommendations(ctx, subject)).map((x) => ({ ...x })) };
  });
  // The body is checked by the domain schema in the service (one list of stable problems).
  r.post('/api/recommendations', { schema: { tags, description: 'Add a recommendation or commitment of a meeting.', body: z.record(z.string(), z.unknown()), response: { 201: recView, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const rec = await createRecommendation(ctx, { subject }, req.body);
    sendEtag(reply, rec.version);
    return reply.code(201).send({ ...rec });
  });
  r.patch('/api/recommendations/:id', { schema: { tags, description: 'Change status, actions (owner, deadline, status, evidence) or wording (If-Match or version).', params: idParams, body: updateRecommendationSchema, response: { 200: recView, ...errorResponses, 412: errorSchema, 428: errorSchema } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const rec = await updateRecommendation(ctx, { subject }, req.params.id, expectedVersion(req, req.body.version), req.body);
    sendEtag(reply, rec.version);
    return { ...rec };
  });

  r.get(
    '/api/indicators',
    {
      schema: {
        tags,
        description: 'The indicators computed from live data over [from, to) (default: the last 12 months): value, monthly values, target and source.',
        querystring: period,
        response: { 200: z.object({ from: z.string(), to: z.string(), items: z.array(z.looseObject({ id: z.string(), value: z.number(), byMonth: z.array(z.object({ month: z.string(), value: z.number() })), source: z.string() })) }), ...errorResponses },
      },
    },
    async (req) => {
      const { subject } = requireAuth(req);
      authorize(subject, 'partners:read');
      const p = periodOf(req.query);
      return { from: p.fromDay, to: p.toDay, items: await computeIndicators({ db: ctx.db.kysely }, p.from, p.to) };
    },
  );

  r.get(
    '/api/reports/progress',
    {
      schema: {
        tags,
        description: 'The progress report for senior officials’ meetings over [from, to): indicators as charts, what moved, what is late, sources; lang=en|ru|tg|fa|ps, format=html|pdf|json. PDF printed by chromium (503 PDF_PRINTER_MISSING without it) and cached per period, language, reader scope and content (header X-Sarhad-Cache: hit|miss).',
        querystring: progressQuery,
        response: { ...errorResponses, 500: errorSchema, 503: errorSchema },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const out = await progressReport(ctx, subject, req.query);
      const name = `progress-${out.data.period.from}-${out.data.period.to}-${req.query.lang}`;
      reply.header('cache-control', 'private, no-store');
      if (out.kind === 'json') return reply.send(out.data as never);
      if (out.kind === 'html') return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:").send(out.html as never);
      reply.header('content-disposition', `attachment; filename="${name}.pdf"`).header('x-sarhad-cache', out.cache);
      return reply.type('application/pdf').send(out.pdf as never);
    },
  );
}
