import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UNIT_KINDS } from '../../../domain/registry/entities.ts';
import type { AppContext } from '../../../services/context.ts';
import { createSection, createSectionSchema } from '../../../services/sections.service.ts';
import { createUnit, createUnitSchema, listVisible } from '../../../services/registry.service.ts';
import { SectionFeatureCache } from '../../../services/sections-view.service.ts';
import { sectionAssessments } from '../../../services/assessments.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses } from '../schemas.ts';
import {
  agencyView,
  communityView,
  presentAgency,
  presentCommunity,
  presentSection,
  presentState,
  presentUnit,
  sectionCollection,
  sectionFeature,
  stateView,
  unitView,
} from './presenters.ts';

const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export async function registryRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['registry'];

  r.get('/api/states', { schema: { tags, response: { 200: items(stateView), ...errorResponses } } }, async (req) => ({
    items: (await listVisible(ctx, requireAuth(req).subject, 'state')).map(presentState),
  }));

  r.get('/api/agencies', { schema: { tags, response: { 200: items(agencyView), ...errorResponses } } }, async (req) => ({
    items: (await listVisible(ctx, requireAuth(req).subject, 'agency')).map(presentAgency),
  }));

  r.get(
    '/api/units',
    {
      schema: {
        tags,
        querystring: z.object({ kind: z.enum(UNIT_KINDS).optional() }).strict(),
        response: { 200: items(unitView), ...errorResponses },
      },
    },
    async (req) => ({
      items: (await listVisible(ctx, requireAuth(req).subject, 'unit', req.query.kind ? { kind: req.query.kind } : {})).map(presentUnit),
    }),
  );

  r.post(
    '/api/units',
    { schema: { tags, body: createUnitSchema, response: { 201: unitView, ...errorResponses } } },
    async (req, reply) => {
      const unit = await createUnit(ctx, requireAuth(req).subject, req.body);
      return reply.code(201).send(presentUnit(unit));
    },
  );

  const sectionFeatures = new SectionFeatureCache(ctx, presentSection, (subject, ids) => sectionAssessments(ctx, subject, ids));
  r.get('/api/sections', { schema: { tags, response: { 200: sectionCollection, ...errorResponses } } }, async (req, reply) => {
    const json = await sectionFeatures.collectionJson(requireAuth(req).subject);
    // Already serialised from presentSection's typed output; a string bypasses re-serialisation.
    return reply.type('application/geo+json; charset=utf-8').send(json as never);
  });

  r.post(
    '/api/sections',
    { schema: { tags, body: createSectionSchema, response: { 201: sectionFeature, ...errorResponses } } },
    async (req, reply) => {
      const section = await createSection(ctx, requireAuth(req).subject, req.body);
      return reply.code(201).send(presentSection(section));
    },
  );

  r.get('/api/communities', { schema: { tags, response: { 200: items(communityView), ...errorResponses } } }, async (req) => ({
    items: (await listVisible(ctx, requireAuth(req).subject, 'community')).map(presentCommunity),
  }));
}
