import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import type { AppContext } from '../../../services/context.ts';
import { exportCsv, exportXlsx } from '../../../services/partners/export.service.ts';
import { importTables, readCsv, readWorkbook } from '../../../services/partners/import.service.ts';
import { createEquipment, createEquipmentSchema, createInitiative, createInitiativeSchema, createTraining, createTrainingSchema, gapsView, partnerView, readInitiative, readPartnerRecords, updateInitiative, updateInitiativeSchema } from '../../../services/partners/partners.service.ts';
import { initiativesMap } from '../../../services/partners/map.service.ts';
import { SHEETS } from '../../../services/partners/sheets.ts';
import type { SavedRecord } from '../../../store/records.repository.ts';
import { requireAuth } from '../../http/auth.ts';
import { expectedVersion, sendEtag } from '../../http/preconditions.ts';
import { errorResponses, errorSchema, idParams } from '../schemas.ts';

type Kind = 'initiative' | 'training' | 'equipment';
const present = <K extends Kind>(r: { record: SavedRecord<K>; can: { update: boolean } }) => ({
  ...(r.record.body as object),
  id: r.record.id,
  version: r.record.version,
  marking: r.record.marking,
  ownerState: r.record.owner.state,
  ownerNode: r.record.owner.node,
  updatedAt: r.record.updatedAt,
  can: r.can,
});
const view = z.looseObject({ id: z.string(), version: z.number().int(), ownerState: z.string(), can: z.object({ update: z.boolean() }) });
const listFilter = z.object({ partner: z.string().max(32).optional(), state: z.string().regex(/^[A-Z]{2}$/).optional() }).strict();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const mapInitiative = z.object({ id: z.string(), ref: z.string(), partner: z.string(), title: z.string(), stateCode: z.string(), ownerState: z.string(), start: z.string(), end: z.string().nullable(), status: z.string(), budget: z.number().nullable(), currency: z.string().nullable(), illustrative: z.boolean() });
const mapAnswer = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.object({ placeId: z.string(), placeType: z.enum(['unit', 'section']), ref: z.string().nullable(), kind: z.string(), name: z.record(z.string(), z.string()), stateCode: z.string().nullable(), count: z.number().int(), initiatives: z.array(mapInitiative) }),
    }),
  ),
  unplaced: z.array(z.object({ id: z.string(), partner: z.string(), title: z.string(), places: z.array(z.object({ type: z.string(), id: z.string(), ref: z.string().nullable() })) })),
});
const rowProblem = z.object({ sheet: z.enum(SHEETS), row: z.number().int(), code: z.string(), field: z.string().nullable(), message: z.string() });

export async function partnersRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['partners'];
  const limit = ctx.config.partnerImportMaxBytes;
  // Raw bytes, only in this plugin: what the content is gets decided by the content (zip-guard.ts).
  app.addContentTypeParser([XLSX, 'application/octet-stream', 'text/csv'], { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));

  r.get('/api/initiatives', { schema: { tags, description: 'Partners’ initiatives of both states this node holds (3W: who, what, where, when, how much).', querystring: listFilter, response: { 200: z.object({ items: z.array(view) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: (await readPartnerRecords(ctx, subject, 'initiative', req.query)).map(present) };
  });
  r.post('/api/initiatives', { schema: { tags, description: 'Record a partner’s initiative (places are registry units or sections).', body: createInitiativeSchema, response: { 201: view, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const rec = await createInitiative(ctx, subject, req.body);
    sendEtag(reply, rec.version);
    return reply.code(201).send(present({ record: rec, can: { update: true } }));
  });

  r.get(
    '/api/initiatives/map',
    {
      schema: {
        tags,
        description: 'Who does what WHERE, as GeoJSON: one Point per registry place (unit, crossing point, border section at the middle of its line) with the initiatives located there — the same records and fields GET /api/initiatives gives this reader. `unplaced` lists initiatives naming a place this node’s registry does not know.',
        response: { 200: mapAnswer, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const answer = await initiativesMap(ctx, subject);
      return reply.type('application/geo+json').send(answer);
    },
  );
  r.get('/api/initiatives/export.xlsx', { schema: { tags, description: 'Initiatives, trainings and equipment as one XLSX workbook in the partner-sheet layout (re-importable).', response: { ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const buf = await exportXlsx(ctx, subject);
    reply.header('content-disposition', 'attachment; filename="partners-3w.xlsx"');
    return reply.type(XLSX).send(buf as never);
  });
  r.get('/api/initiatives/export.csv', { schema: { tags, description: 'One sheet of the partner workbook as CSV (sheet=initiatives|trainings|equipment).', querystring: z.object({ sheet: z.enum(SHEETS).default('initiatives') }).strict(), response: { 200: z.string(), ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    reply.header('content-disposition', `attachment; filename="partners-${req.query.sheet}.csv"`);
    return reply.type('text/csv; charset=utf-8').send(await exportCsv(ctx, subject, req.query.sheet));
  });
  r.post(
    '/api/initiatives/import',
    {
      bodyLimit: limit,
      schema: {
        tags,
        description: `Import a partner sheet: the XLSX workbook (sheets Initiatives, Trainings, Equipment) or one sheet as CSV (Content-Type text/csv, ?sheet=). Good rows are written, bad rows reported with row number and code; at most SARHAD_PARTNER_IMPORT_MAX_BYTES (${limit}).`,
        querystring: z.object({ sheet: z.enum(SHEETS).default('initiatives') }).strict(),
        response: { 200: z.object({ rows: z.number().int(), created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.array(rowProblem) }), ...errorResponses, 413: errorSchema, 415: errorSchema },
      },
    },
    async (req) => {
      const { subject } = requireAuth(req);
      if (!Buffer.isBuffer(req.body)) throw new AppError('NOT_A_SPREADSHEET', `Send the workbook as the request body (Content-Type ${XLSX}, or text/csv)`);
      const isCsv = (req.headers['content-type'] ?? '').startsWith('text/csv');
      const tables = isCsv ? readCsv(req.body.toString('utf8'), req.query.sheet) : await readWorkbook(req.body);
      return importTables(ctx, subject, tables);
    },
  );

  r.get('/api/initiatives/:id', { schema: { tags, description: 'One initiative.', params: idParams, response: { 200: view, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const v = await readInitiative(ctx, subject, req.params.id);
    sendEtag(reply, v.record.version);
    return present(v);
  });
  r.patch('/api/initiatives/:id', { schema: { tags, description: 'Change an initiative (If-Match or version): status, outputs, budget, places…', params: idParams, body: updateInitiativeSchema, response: { 200: view, ...errorResponses, 412: errorSchema, 428: errorSchema } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const rec = await updateInitiative(ctx, subject, req.params.id, expectedVersion(req, req.body.version), req.body);
    sendEtag(reply, rec.version);
    return present({ record: rec, can: { update: true } });
  });

  r.get('/api/trainings', { schema: { tags, description: 'Partners’ trainings: course, dates, trainees by agency, women and men.', querystring: listFilter, response: { 200: z.object({ items: z.array(view) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: (await readPartnerRecords(ctx, subject, 'training', req.query)).map(present) };
  });
  r.post('/api/trainings', { schema: { tags, description: 'Record a training.', body: createTrainingSchema, response: { 201: view, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    return reply.code(201).send(present({ record: await createTraining(ctx, subject, req.body), can: { update: true } }));
  });
  r.get('/api/equipment', { schema: { tags, description: 'Equipment delivered by partners: kind, quantity, unit, condition, where.', querystring: listFilter, response: { 200: z.object({ items: z.array(view) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: (await readPartnerRecords(ctx, subject, 'equipment', req.query)).map(present) };
  });
  r.post('/api/equipment', { schema: { tags, description: 'Record an equipment delivery.', body: createEquipmentSchema, response: { 201: view, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    return reply.code(201).send(present({ record: await createEquipment(ctx, subject, req.body), can: { update: true } }));
  });

  r.get(
    '/api/partners/gaps',
    {
      schema: {
        tags,
        description: 'The gaps view: posts without vehicles, sections without night vision, no helicopter… (rules: src/domain/partners/gaps.ts).',
        querystring: z.object({ lang: z.enum(['en', 'ru', 'tg', 'fa', 'ps']).default('en') }).strict(),
        response: {
          200: z.object({
            gaps: z.array(z.object({ rule: z.string(), kind: z.string(), scope: z.string(), stateCode: z.string(), place: z.object({ type: z.string(), id: z.string().nullable(), ref: z.string().nullable(), name: z.string() }).nullable() })),
            byRule: z.record(z.string(), z.number()),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { subject } = requireAuth(req);
      return gapsView(ctx, subject, req.query.lang);
    },
  );
  r.get('/api/partners', { schema: { tags, description: 'Per partner across both states: initiatives, budget by currency, trainings, trainees, equipment by kind.', response: { 200: z.object({ items: z.array(z.looseObject({ partner: z.string(), states: z.array(z.string()) })) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: await partnerView(ctx, subject) };
  });
}
