import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseBbox, parseDatetime, parseLimit, type Parsed } from '../../../domain/ogc/params.ts';
import type { Subject } from '../../../domain/policy/roles.ts';
import { AppError } from '../../../errors.ts';
import { sectionAssessments } from '../../../services/assessments.service.ts';
import type { AppContext } from '../../../services/context.ts';
import { collectionInfo, collectionItem, collectionItems, OGC_COLLECTIONS, type CollectionInfo, type ItemsQuery, type RegistryItem } from '../../../services/ogc.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { presentEvent } from '../events/events.routes.ts';
import { EventDecisions } from '../../../services/event-decisions.ts';
import { presentCommunity, presentSection, presentUnit } from '../registry/presenters.ts';
import { errorResponses } from '../schemas.ts';

/** Conformance classes we implement (OGC 17-069r4): Core and GeoJSON. */
export const CONFORMANCE = ['http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core', 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson'];
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const GEOJSON = 'application/geo+json';
const JSON_TYPE = 'application/json';
/** The border region: the spatial extent every collection announces. */
const EXTENT_BBOX = [66.5, 35.5, 75.5, 39.5];

const ITEMS_PARAMS = new Set(['bbox', 'datetime', 'limit', 'cursor', 'f']);
const PLAIN_PARAMS = new Set(['f']);

const linkView = z.object({ href: z.string(), rel: z.string(), type: z.string().optional(), title: z.string().optional() });
const landingView = z.object({ title: z.string(), description: z.string(), links: z.array(linkView) });
const conformanceView = z.object({ conformsTo: z.array(z.string()) });
const collectionSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  itemType: z.string(),
  crs: z.array(z.string()),
  extent: z.object({
    spatial: z.object({ bbox: z.array(z.array(z.number())), crs: z.string() }),
    temporal: z.object({ interval: z.array(z.array(z.string().nullable())), trs: z.string() }).optional(),
  }),
  links: z.array(linkView),
});
const collectionsView = z.object({ links: z.array(linkView), collections: z.array(collectionSchema) });

const query = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** The standard asks for a 400 on parameters an endpoint does not define; repeated ones are ambiguous. */
function checkParams(q: Record<string, string | string[]>, allowed: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    if (!allowed.has(k)) throw new AppError('INVALID_PARAMETER', `unknown query parameter "${k}" (this endpoint takes ${[...allowed].join(', ')})`);
    if (Array.isArray(v)) throw new AppError('INVALID_PARAMETER', `"${k}" is given more than once`);
    out[k] = v;
  }
  if (out['f'] !== undefined && !['json', 'geojson'].includes(out['f'])) throw new AppError('INVALID_PARAMETER', 'f is json (or geojson)');
  return out;
}

function must<T>(p: Parsed<T>): T {
  if (!p.ok) throw new AppError(p.error.code, p.error.message);
  return p.value;
}

function itemsQuery(q: Record<string, string>): ItemsQuery {
  return {
    bbox: q['bbox'] === undefined ? undefined : must(parseBbox(q['bbox'])),
    interval: q['datetime'] === undefined ? undefined : must(parseDatetime(q['datetime'])),
    limit: must(parseLimit(q['limit'])),
    cursor: q['cursor'],
  };
}

const base = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? 'localhost'}`;

function collectionView(req: FastifyRequest, c: CollectionInfo) {
  const root = `${base(req)}/ogc/collections/${c.id}`;
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    itemType: 'feature',
    crs: [CRS84],
    extent: { spatial: { bbox: [EXTENT_BBOX], crs: CRS84 }, ...(c.temporal ? { temporal: { interval: [[null, null] as (string | null)[]], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } } : {}) },
    links: [
      { href: root, rel: 'self', type: JSON_TYPE, title: c.title },
      { href: `${root}/items`, rel: 'items', type: GEOJSON, title: `${c.title} (GeoJSON)` },
    ],
  };
}

function registryFeature(x: RegistryItem) {
  if (x.kind === 'section') return presentSection(x.record);
  const { location, ...props } = x.kind === 'unit' ? presentUnit(x.record) : presentCommunity(x.record);
  return { type: 'Feature' as const, id: x.record.id, geometry: { type: 'Point' as const, coordinates: location }, properties: props };
}

async function sendGeo(reply: FastifyReply, body: unknown) {
  return reply.type(`${GEOJSON}; charset=utf-8`).send(JSON.stringify(body) as never);
}

/** OGC API – Features at /ogc (docs/ogc.md): QGIS and GDAL add the layers with `Authorization: Bearer <api token>`. */
export async function ogcRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ogc'];

  /** Sections carry their current threat level, so a GIS can colour them by it. */
  async function features(subject: Subject, items: RegistryItem[]) {
    const sectionIds = items.filter((x) => x.kind === 'section').map((x) => x.record.id);
    const levels = sectionIds.length > 0 ? await sectionAssessments(ctx, subject, sectionIds) : new Map<string, Record<string, unknown>>();
    return items.map((x) => {
      const f = registryFeature(x);
      const level = levels.get(x.record.id)?.['impactLevel'];
      return level === undefined ? f : { ...f, properties: { ...f.properties, impactLevel: level } };
    });
  }

  r.get('/ogc', { schema: { tags, description: 'OGC API – Features landing page.', querystring: query, response: { 200: landingView, ...errorResponses } } }, async (req) => {
    requireAuth(req);
    checkParams(req.query, PLAIN_PARAMS);
    const b = base(req);
    return {
      title: 'Sarhad — border situational picture',
      description: 'Events, border sections, units, crossing points and communities as OGC API – Features (Part 1 Core, GeoJSON).',
      links: [
        { href: `${b}/ogc`, rel: 'self', type: JSON_TYPE, title: 'This document' },
        { href: `${b}/api/openapi.json`, rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.1', title: 'The API definition' },
        { href: `${b}/ogc/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes' },
        { href: `${b}/ogc/collections`, rel: 'data', type: JSON_TYPE, title: 'Collections' },
      ],
    };
  });

  r.get('/ogc/conformance', { schema: { tags, description: 'The conformance classes implemented.', querystring: query, response: { 200: conformanceView, ...errorResponses } } }, async (req) => {
    requireAuth(req);
    checkParams(req.query, PLAIN_PARAMS);
    return { conformsTo: CONFORMANCE };
  });

  r.get('/ogc/collections', { schema: { tags, description: 'The feature collections.', querystring: query, response: { 200: collectionsView, ...errorResponses } } }, async (req) => {
    requireAuth(req);
    checkParams(req.query, PLAIN_PARAMS);
    return {
      links: [{ href: `${base(req)}/ogc/collections`, rel: 'self', type: JSON_TYPE }],
      collections: OGC_COLLECTIONS.map((c) => collectionView(req, c)),
    };
  });

  const collectionParams = z.object({ collectionId: z.string().max(64) }).strict();
  r.get('/ogc/collections/:collectionId', { schema: { tags, description: 'One collection.', params: collectionParams, querystring: query, response: { 200: collectionSchema, ...errorResponses } } }, async (req) => {
    requireAuth(req);
    checkParams(req.query, PLAIN_PARAMS);
    return collectionView(req, collectionInfo(req.params.collectionId));
  });

  r.get(
    '/ogc/collections/:collectionId/items',
    {
      schema: {
        tags,
        description:
          'Features of a collection (GeoJSON FeatureCollection). bbox=minLon,minLat,maxLon,maxLat (CRS84), datetime=instant or start/end with ".." open (events: time of occurrence), ' +
          'limit 1…10000 (default 100); the `next` link pages on. Bad values: 400 INVALID_BBOX, INVALID_DATETIME, INVALID_LIMIT, INVALID_PARAMETER.',
        params: collectionParams,
        querystring: query,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const q = itemsQuery(checkParams(req.query, ITEMS_PARAMS));
      const page = await collectionItems(ctx, subject, req.params.collectionId, q);
      const decisions = new EventDecisions(subject, ctx.node.id); // one policy decision per owner/marking/status on the page
      const feats = page.kind === 'events' ? page.items.map((e) => presentEvent(subject, ctx.node.id, e, decisions)) : await features(subject, page.items);
      const self = new URL(req.url, base(req));
      const links = [
        { href: self.toString(), rel: 'self', type: GEOJSON, title: 'This page' },
        { href: `${base(req)}/ogc/collections/${req.params.collectionId}`, rel: 'collection', type: JSON_TYPE, title: 'The collection' },
      ];
      if (page.next) {
        const next = new URL(self);
        next.searchParams.set('cursor', page.next);
        links.push({ href: next.toString(), rel: 'next', type: GEOJSON, title: 'Next page' });
      }
      return sendGeo(reply, { type: 'FeatureCollection', features: feats, numberReturned: feats.length, timeStamp: new Date().toISOString(), links });
    },
  );

  r.get(
    '/ogc/collections/:collectionId/items/:featureId',
    {
      schema: {
        tags,
        description: 'One feature (GeoJSON Feature); one the reader may not see is not found.',
        params: z.object({ collectionId: z.string().max(64), featureId: z.string().max(100) }).strict(),
        querystring: query,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      checkParams(req.query, PLAIN_PARAMS);
      const { collectionId, featureId } = req.params;
      const found = await collectionItem(ctx, subject, collectionId, featureId);
      const feature = found.kind === 'event' ? presentEvent(subject, ctx.node.id, found.record) : (await features(subject, [found]))[0]!;
      const href = `${base(req)}/ogc/collections/${collectionId}/items/${encodeURIComponent(featureId)}`;
      return sendGeo(reply, {
        ...feature,
        links: [
          { href, rel: 'self', type: GEOJSON },
          { href: `${base(req)}/ogc/collections/${collectionId}`, rel: 'collection', type: JSON_TYPE },
        ],
      });
    },
  );
}
