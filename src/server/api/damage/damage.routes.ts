import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { markingSchema } from '../../../domain/records/marking.ts';
import { DAMAGE_KINDS, NEEDS, RESOURCE_KINDS, damageBodySchema, resourceBodySchema } from '../../../domain/warnings/damage.ts';
import type { AppContext } from '../../../services/context.ts';
import { createDamage, createDamageSchema, createResource, createResourceSchema, damageSummary, readDamage, resourcesView } from '../../../services/damage.service.ts';
import type { SavedRecord } from '../../../store/records.repository.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses } from '../schemas.ts';

const header = { id: z.string(), version: z.number().int(), marking: markingSchema, ownerState: z.string(), createdAt: z.string() };
const damageView = damageBodySchema.safeExtend(header);
const resourceView = resourceBodySchema.extend(header);
const meta = (r: SavedRecord<'damage'> | SavedRecord<'resource'>) => ({ id: r.id, version: r.version, marking: r.marking, ownerState: r.owner.state, createdAt: r.createdAt });
const counts = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.number().int().optional()])) as Record<K, z.ZodOptional<z.ZodNumber>>);
const localized = z.record(z.string(), z.string());
const filter = z.object({ warning: z.uuid().optional() }).strict();

export async function damageRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['damage'];

  r.get('/api/damage', { schema: { tags, description: 'Damage and needs reports (warning=<id> for one warning\'s).', querystring: filter, response: { 200: z.object({ items: z.array(damageView) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: (await readDamage(ctx, subject, { warningId: req.query.warning })).map((d) => ({ ...d.body, ...meta(d) })) };
  });

  r.get(
    '/api/damage/summary',
    {
      schema: {
        tags,
        description: 'Damage aggregated per border section: reports, damage by kind, people affected and displaced, needs.',
        querystring: filter,
        response: {
          200: z.object({
            items: z.array(z.object({ sectionId: z.string().nullable(), sectionName: localized.nullable(), reports: z.number().int(), byKind: counts(DAMAGE_KINDS), peopleAffected: z.number().int(), peopleDisplaced: z.number().int(), needs: counts(NEEDS), states: z.array(z.string()) })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { subject } = requireAuth(req);
      return { items: await damageSummary(ctx, subject, { warningId: req.query.warning }) };
    },
  );

  r.post('/api/damage', { schema: { tags, description: 'Report damage and needs (roads, bridges, posts, people affected), usually for a warning.', body: createDamageSchema, response: { 201: damageView, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const d = await createDamage(ctx, subject, req.body);
    return reply.code(201).send({ ...d.body, ...meta(d) });
  });

  r.get(
    '/api/resources',
    {
      schema: {
        tags,
        description: 'Resources on each side (vehicles, boats, medical teams…) and the gaps: kinds no side has, or a side lacks.',
        response: { 200: z.object({ items: z.array(resourceView), states: z.array(z.string()), gaps: z.array(z.object({ kind: z.enum(RESOURCE_KINDS), byState: z.record(z.string(), z.number()), gapEverywhere: z.boolean(), missingIn: z.array(z.string()) })) }), ...errorResponses },
      },
    },
    async (req) => {
      const { subject } = requireAuth(req);
      const v = await resourcesView(ctx, subject);
      return { items: v.items.map((i) => ({ ...i.body, ...meta(i) })), states: v.states, gaps: v.gaps };
    },
  );

  r.post('/api/resources', { schema: { tags, description: 'Declare resources your side holds.', body: createResourceSchema, response: { 201: resourceView, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const res = await createResource(ctx, subject, req.body);
    return reply.code(201).send({ ...res.body, ...meta(res) });
  });
}
