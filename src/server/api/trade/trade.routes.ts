import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serialize } from '../../../domain/policy/authorize.ts';
import type { Subject } from '../../../domain/policy/roles.ts';
import { tradeTarget } from '../../../domain/policy/trade.policy.ts';
import { CROSSING_STEPS } from '../../../domain/trade/crossing-times.ts';
import { AppError } from '../../../errors.ts';
import type { AppContext } from '../../../services/context.ts';
import { crossingTimes, crossingTimesQuery } from '../../../services/trade/crossing-times.service.ts';
import { crossingPointAlignedHours, editCrossingPoint, listCrossingPoints, readCrossingPoint, type CrossingPointView } from '../../../services/trade/crossing-points.service.ts';
import { crossingProfileInputSchema } from '../../../domain/trade/crossing-profile.ts';
import {
  arrivalInputSchema,
  createDeclaration,
  crossingStepsInputSchema,
  declarationInputSchema,
  inspectionInputSchema,
  listDeclarations,
  listDeclarationsQuery,
  readDeclaration,
  recordArrival,
  recordInspection,
  updateCrossingSteps,
} from '../../../services/trade/declarations.service.ts';
import { exportDeclarations, importDeclarations } from '../../../services/trade/exchange.service.ts';
import { createMarket, editMarket, marketDayInputSchema, marketsOverview, recordMarketDay } from '../../../services/trade/markets.service.ts';
import { readRules, replaceRule, saveRule, selectivityPerformance } from '../../../services/trade/selectivity.service.ts';
import { marketInputSchema } from '../../../domain/trade/trade-config.ts';
import { createTransit, listTransits, moveTransit, transitInputSchema, transitMoveSchema } from '../../../services/trade/transits.service.ts';
import { selectivityRuleSchema } from '../../../domain/trade/selectivity.ts';
import type { SavedRecord } from '../../../store/records.repository.ts';
import { requireAuth } from '../../http/auth.ts';
import { expectedVersion, sendEtag } from '../../http/preconditions.ts';
import { errorResponses, errorSchema, idParams } from '../schemas.ts';

const CSV_LIMIT = 10 * 1024 * 1024;
const tags = ['trade'];
const updateErrors = { ...errorResponses, 412: errorSchema, 428: errorSchema };
const anyObject = z.record(z.string(), z.unknown());
const ruleIdParams = z.object({ id: z.string().min(1).max(80) }).strict();

const meta = (r: SavedRecord<'declaration' | 'transit' | 'crossing' | 'crossing_point'>) => ({
  id: r.id,
  version: r.version,
  ownerNode: r.owner.node,
  ownerState: r.owner.state,
  marking: r.marking,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export async function tradeRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const local = ctx.node.id;
  const presentDeclaration = (subject: Subject, d: SavedRecord<'declaration'>) => ({
    ...meta(d),
    ...d.body,
    abilities: serialize(subject, tradeTarget(local, d, d.body.destinationState)),
  });
  const presentCrossing = (c: SavedRecord<'crossing'>) => ({ ...meta(c), ...c.body });

  const presentPoint = ({ unit, profile, canConfigure }: CrossingPointView) => ({
    unitId: unit.id,
    ref: unit.body.ref,
    name: unit.body.name,
    stateCode: unit.body.stateCode,
    pairedWithId: unit.body.pairedWithId,
    location: unit.body.location,
    profile: profile ? { ...meta(profile), ...profile.body } : null,
    abilities: { configure: canConfigure },
  });

  r.get('/api/crossing-points', { schema: { tags, description: 'Crossing points with their trade profile (hours on each side, lanes, capacity, UN/LOCODE, yearly holidays); the profile shown is the one the point\'s own state publishes.', response: { 200: z.object({ items: z.array(anyObject) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: (await listCrossingPoints(ctx, subject)).map(presentPoint) };
  });

  r.get('/api/crossing-points/:id', { schema: { tags, description: 'One crossing point (by its unit id) with its profile; the ETag is the profile\'s version.', params: idParams, response: { 200: anyObject, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const point = await readCrossingPoint(ctx, subject, req.params.id);
    if (point.profile) sendEtag(reply, point.profile.version);
    return presentPoint(point);
  });

  r.put(
    '/api/crossing-points/:id',
    {
      schema: {
        tags,
        description: 'Edit a crossing point\'s profile (hours per weekday, lanes, capacity, UN/LOCODE, yearly holidays MM-DD). trade:configure, the point\'s own state only (403 CROSSING_POINT_NOT_OWN). Send If-Match (412 VERSION_CONFLICT when stale). Bad values: 400 HOURS_FORMAT, HOURS_ORDER, HOLIDAY_FORMAT, LOCODE_FORMAT, LOCODE_COUNTRY with details [{code, path, message}].',
        params: idParams,
        body: crossingProfileInputSchema,
        response: { 200: anyObject, ...updateErrors },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const profile = await editCrossingPoint(ctx, subject, req.params.id, expectedVersion(req, req.body.version), req.body);
      sendEtag(reply, profile.version);
      return presentPoint(await readCrossingPoint(ctx, subject, req.params.id));
    },
  );

  r.get('/api/crossing-points/:id/aligned-hours', { schema: { tags, description: 'WTO TFA Art. 8: the weekly hours (UTC) when this crossing point and the one facing it are both open, per day, and the hours one side is open while the other is closed.', params: idParams, response: { 200: anyObject, ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return crossingPointAlignedHours(ctx, subject, req.params.id);
  });

  r.get(
    '/api/crossing-times',
    { schema: { tags, description: 'Time and cost to cross (WCO TRS / CAREC CPMM) with the published baseline.', querystring: crossingTimesQuery, response: { 200: anyObject, ...errorResponses } } },
    async (req) => {
      const { subject } = requireAuth(req);
      return crossingTimes(ctx, subject, req.query);
    },
  );

  r.get('/api/declarations', { schema: { tags, description: 'Declarations expected at a crossing point in a period (default: yesterday to tomorrow).', querystring: listDeclarationsQuery, response: { 200: z.object({ items: z.array(anyObject) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: (await listDeclarations(ctx, subject, req.query)).map((d) => presentDeclaration(subject, d)) };
  });

  r.post('/api/declarations', { schema: { tags, description: 'Lodge a declaration: validated, sent through selectivity, shared with the destination state.', body: declarationInputSchema, response: { 201: anyObject, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const { record, decision } = await createDeclaration(ctx, subject, req.body);
    sendEtag(reply, record.version);
    return reply.code(201).send({ ...presentDeclaration(subject, record), decision });
  });

  r.get(
    '/api/declarations/export',
    { schema: { tags, description: 'Declarations as JSON or CSV (one row per goods item).', querystring: listDeclarationsQuery.extend({ format: z.enum(['json', 'csv']).default('json') }), response: { 200: z.unknown(), ...errorResponses } } },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const { format, ...q } = req.query;
      const out = await exportDeclarations(ctx, subject, format, q);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="declarations.csv"').send(out);
      return out;
    },
  );

  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_LIMIT }, (_req, body, done) => done(null, body));
  r.post(
    '/api/declarations/import',
    { bodyLimit: CSV_LIMIT, schema: { tags, description: 'Import declarations (JSON array or text/csv). All are checked; nothing is written unless all pass.', response: { 200: anyObject, ...errorResponses } } },
    async (req) => {
      const { subject } = requireAuth(req);
      const csv = typeof req.body === 'string';
      if (!csv && (req.body === null || typeof req.body !== 'object')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send a JSON array of declarations or text/csv');
      return importDeclarations(ctx, subject, csv ? 'csv' : 'json', req.body);
    },
  );

  r.get('/api/declarations/:id', { schema: { tags, params: idParams, response: { 200: anyObject, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const { declaration, arrivals, decisions } = await readDeclaration(ctx, subject, req.params.id);
    sendEtag(reply, declaration.version);
    return { ...presentDeclaration(subject, declaration), arrivals: arrivals.map(presentCrossing), decisions };
  });

  r.post('/api/declarations/:id/arrival', { schema: { tags, description: 'The truck arrived: match it with the declaration and record the crossing with any discrepancy.', params: idParams, body: arrivalInputSchema, response: { 201: anyObject, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const c = await recordArrival(ctx, subject, req.params.id, req.body);
    sendEtag(reply, c.version);
    return reply.code(201).send(presentCrossing(c));
  });

  r.post('/api/declarations/:id/inspection', { schema: { tags, description: 'The inspection result, fed back to the selectivity rules.', params: idParams, body: inspectionInputSchema, response: { 201: anyObject, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    return reply.code(201).send(await recordInspection(ctx, subject, req.params.id, req.body));
  });

  r.patch(
    '/api/crossings/:id',
    { schema: { tags, description: `Add step timestamps (${CROSSING_STEPS.join(', ')}) and fees. Send If-Match.`, params: idParams, body: crossingStepsInputSchema, response: { 200: anyObject, ...updateErrors } } },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const c = await updateCrossingSteps(ctx, subject, req.params.id, expectedVersion(req, req.body.version), req.body);
      sendEtag(reply, c.version);
      return presentCrossing(c);
    },
  );

  r.get('/api/transits', { schema: { tags, description: 'Transit operations (eTIR), with overdue ones flagged on both sides.', response: { 200: z.object({ items: z.array(anyObject) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: (await listTransits(ctx, subject)).map((t) => ({ ...meta(t.record), ...t.record.body, dueAt: t.dueAt, overdue: t.overdue })) };
  });

  r.post('/api/transits', { schema: { tags, body: transitInputSchema, response: { 201: anyObject, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const t = await createTransit(ctx, subject, req.body);
    sendEtag(reply, t.version);
    return reply.code(201).send({ ...meta(t), ...t.body });
  });

  r.post(
    '/api/transits/:id/move',
    { schema: { tags, description: 'started (departure) → terminated (exit/entry) → discharged; or cancelled. Send If-Match.', params: idParams, body: transitMoveSchema, response: { 200: anyObject, ...updateErrors } } },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const t = await moveTransit(ctx, subject, req.params.id, expectedVersion(req, req.body.version), req.body);
      sendEtag(reply, t.version);
      return { ...meta(t), ...t.body };
    },
  );

  const period = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() }).strict();
  const periodOf = (q: { from?: string; to?: string }) => {
    const to = q.to ?? new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const from = q.from ?? new Date(Date.parse(to) - 90 * 86_400_000).toISOString().slice(0, 10);
    return { from, to };
  };

  r.get('/api/selectivity/rules', { schema: { tags, response: { 200: z.object({ items: z.array(anyObject) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: await readRules(ctx, subject) };
  });
  r.post('/api/selectivity/rules', { schema: { tags, description: 'Create or replace a rule (by id). trade:configure.', body: selectivityRuleSchema, response: { 200: anyObject, ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return saveRule(ctx, subject, req.body);
  });
  r.put('/api/selectivity/rules/:id', { schema: { tags, description: 'Edit a rule (or switch it off with active: false); 404 if there is none. trade:configure.', params: ruleIdParams, body: selectivityRuleSchema, response: { 200: anyObject, ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return replaceRule(ctx, subject, req.params.id, req.body);
  });
  r.get('/api/selectivity/performance', { schema: { tags, description: 'Lane shares against expected rates, and hit rate per rule.', querystring: period, response: { 200: anyObject, ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    const { from, to } = periodOf(req.query);
    return selectivityPerformance(ctx, subject, from, to);
  });

  r.get('/api/markets', { schema: { tags, description: 'Cross-border markets: market days, traders, volumes.', querystring: period, response: { 200: z.object({ items: z.array(anyObject) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    const { from, to } = periodOf(req.query);
    return { items: await marketsOverview(ctx, subject, from, to) };
  });
  r.post('/api/markets', { schema: { tags, description: 'A new border market (409 if its ref is taken). trade:configure.', body: marketInputSchema, response: { 201: anyObject, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    return reply.code(201).send({ ...(await createMarket(ctx, subject, req.body)) });
  });
  r.put('/api/markets/:id', { schema: { tags, description: 'Edit a border market (or switch it off with active: false). trade:configure.', params: idParams, body: marketInputSchema, response: { 200: anyObject, ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { ...(await editMarket(ctx, subject, req.params.id, req.body)) };
  });
  r.post('/api/markets/:id/days', { schema: { tags, params: idParams, body: marketDayInputSchema, response: { 201: anyObject, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    return reply.code(201).send(await recordMarketDay(ctx, subject, req.params.id, req.body));
  });
}
