import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allows } from '../../../domain/policy/authorize.ts';
import type { Subject } from '../../../domain/policy/roles.ts';
import { warningTarget } from '../../../domain/policy/warning.policy.ts';
import { markingSchema } from '../../../domain/records/marking.ts';
import { gaugeBodySchema, levelOf } from '../../../domain/warnings/gauge.ts';
import type { AppContext } from '../../../services/context.ts';
import {
  createGauge,
  createGaugeSchema,
  importReadings,
  importReadingsSchema,
  manualReadingSchema,
  readGauge,
  readGauges,
  readReadings,
  recordReadings,
  updateGauge,
  updateGaugeSchema,
} from '../../../services/gauges.service.ts';
import type { StoredReading } from '../../../store/gauges.repository.ts';
import type { SavedRecord } from '../../../store/records.repository.ts';
import { requireAuth } from '../../http/auth.ts';
import { expectedVersion, sendEtag } from '../../http/preconditions.ts';
import { errorResponses, errorSchema, idParams } from '../schemas.ts';

const readingView = z.object({ at: z.string(), levelCm: z.number(), source: z.enum(['manual', 'automatic']) });
const LEVELS = ['normal', 'watch', 'warning', 'danger'] as const;
const gaugeView = gaugeBodySchema.safeExtend({
  id: z.string(),
  version: z.number().int(),
  marking: markingSchema,
  ownerState: z.string(),
  latest: readingView.nullable(),
  level: z.enum(LEVELS).nullable(),
  abilities: z.object({ update: z.boolean(), cancel: z.boolean(), report: z.boolean() }),
});
const outcomeView = z.object({ gaugeId: z.string(), at: z.string(), stored: z.boolean(), warningId: z.string().nullable() });

const presentReading = (r: StoredReading) => ({ at: r.at, levelCm: r.levelCm, source: r.source });
function present(subject: Subject, localNode: string, g: SavedRecord<'gauge'>, latest: StoredReading | null): z.output<typeof gaugeView> {
  const t = warningTarget(localNode, g);
  return {
    ...g.body,
    id: g.id,
    version: g.version,
    marking: g.marking,
    ownerState: g.owner.state,
    latest: latest ? presentReading(latest) : null,
    level: latest ? levelOf(g.body.thresholds, latest.levelCm) : null,
    abilities: { update: allows(subject, 'gauges:write', t), cancel: false, report: allows(subject, 'gauges:report', t) },
  };
}

const rangeQuery = z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() }).strict();

export async function gaugesRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['gauges'];

  r.get('/api/gauges', { schema: { tags, description: 'River gauges with their latest reading and level (normal, watch, warning, danger).', response: { 200: z.object({ items: z.array(gaugeView) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: (await readGauges(ctx, subject)).map((g) => present(subject, ctx.node.id, g.gauge, g.latest)) };
  });

  r.post('/api/gauges', { schema: { tags, description: 'Register a gauge station with its thresholds.', body: createGaugeSchema, response: { 201: gaugeView, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const g = await createGauge(ctx, subject, req.body);
    sendEtag(reply, g.version);
    return reply.code(201).send(present(subject, ctx.node.id, g, null));
  });

  r.get(
    '/api/gauges/:id',
    { schema: { tags, description: 'One gauge with its readings (default: the last 365 days), for the chart.', params: idParams, querystring: rangeQuery, response: { 200: gaugeView.extend({ readings: z.array(readingView) }), ...errorResponses } } },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const g = await readGauge(ctx, subject, req.params.id);
      const from = req.query.from ?? new Date(Date.now() - 365 * 86_400_000).toISOString();
      const readings = await readReadings(ctx, subject, g.id, from, req.query.to);
      sendEtag(reply, g.version);
      return { ...present(subject, ctx.node.id, g, readings[readings.length - 1] ?? null), readings: readings.map(presentReading) };
    },
  );

  r.patch(
    '/api/gauges/:id',
    { schema: { tags, description: 'Change thresholds or retire a gauge (owner side). If-Match or "version" required.', params: idParams, body: updateGaugeSchema, response: { 200: gaugeView, ...errorResponses, 412: errorSchema, 428: errorSchema } } },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const g = await updateGauge(ctx, subject, req.params.id, expectedVersion(req, req.body.version), req.body);
      sendEtag(reply, g.version);
      return present(subject, ctx.node.id, g, null);
    },
  );

  r.get('/api/gauges/:id/readings', { schema: { tags, params: idParams, querystring: rangeQuery, response: { 200: z.object({ items: z.array(readingView) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: (await readReadings(ctx, subject, req.params.id, req.query.from, req.query.to)).map(presentReading) };
  });

  r.post(
    '/api/gauges/:id/readings',
    { schema: { tags, description: 'A water level read by hand (at: default now). The first reading at or above the warning level raises one warning; it re-arms below it.', params: idParams, body: manualReadingSchema, response: { 201: outcomeView, 200: outcomeView, ...errorResponses } } },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const [outcome] = await recordReadings(ctx, { kind: 'user', subject }, [{ gaugeId: req.params.id, reading: { at: req.body.at ?? new Date().toISOString(), levelCm: req.body.levelCm } }], 'manual');
      return reply.code(outcome!.stored ? 201 : 200).send(outcome!);
    },
  );

  r.post(
    '/api/gauges/readings/import',
    { schema: { tags, description: 'Automatic import from stations (send Authorization: Bearer <API token>): readings by gauge id or ref; repeats are ignored.', body: importReadingsSchema, response: { 200: z.object({ stored: z.number().int(), ignored: z.number().int(), warnings: z.array(z.string()), items: z.array(outcomeView) }), ...errorResponses } } },
    async (req) => {
      const { subject } = requireAuth(req);
      const items = await importReadings(ctx, subject, req.body);
      return { stored: items.filter((i) => i.stored).length, ignored: items.filter((i) => !i.stored).length, warnings: items.flatMap((i) => (i.warningId ? [i.warningId] : [])), items };
    },
  );
}
