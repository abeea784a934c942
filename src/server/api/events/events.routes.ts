import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { communityReporterHidden, createEventSchema, eventsCsv, EVENT_TRANSITIONS, eventBodySchema, type EventTransition } from '../../../domain/events/event.ts';
import type { Subject } from '../../../domain/policy/roles.ts';
import { markingSchema } from '../../../domain/records/marking.ts';
import type { AppContext } from '../../../services/context.ts';
import { listEventFeatures } from '../../../services/event-features.ts';
import { eventHistory, eventsQuerySchema, listEvents, reportingDelay, reportingDelayQuerySchema } from '../../../services/events-query.service.ts';
import { correctEvent, correctEventSchema, transitionBodySchema, transitionEvent } from '../../../services/events-workflow.service.ts';
import { EventDecisions } from '../../../services/event-decisions.ts';
import { createEvent, readEvent, withoutPersonalData, type SavedEvent } from '../../../services/events.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { expectedVersion, sendEtag } from '../../http/preconditions.ts';
import { errorResponses, errorSchema, idParams } from '../schemas.ts';

const bodyFields = eventBodySchema.omit({ location: true }).shape;

export const eventProperties = z.object({
  ...bodyFields,
  version: z.number().int(),
  marking: markingSchema,
  ownerNode: z.string(),
  ownerState: z.string(),
  ownerAgencyId: z.string().nullable(),
  ownerUnitId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the reader may do with it (the server's policy): the client shows only these buttons. */
  abilities: z.object({ update: z.boolean(), submit: z.boolean(), validate: z.boolean(), return: z.boolean(), publish: z.boolean(), close: z.boolean() }),
});

/** An event as a GeoJSON Feature (RFC 7946): geometry Point [lon, lat], the rest in properties. */
export const eventFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
  properties: eventProperties,
});
export type EventFeature = z.output<typeof eventFeature>;

const link = z.object({ href: z.string(), rel: z.string(), type: z.string().optional(), title: z.string().optional() });

export const eventCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(eventFeature),
  numberReturned: z.number().int(),
  timeStamp: z.string(),
  /** Cursor of the next page (also as the `next` link), null at the end. */
  next: z.string().nullable(),
  links: z.array(link),
});

/**
 * An event as the reader may see it. `decisions`: the policy's decisions of the answer it belongs
 * to (one per owner/marking/status/authorship, event-decisions.ts); a single event makes its own.
 */
export function presentEvent(subject: Subject, localNode: string, e: SavedEvent, decisions = new EventDecisions(subject, localNode)): EventFeature {
  const d = decisions.of(e);
  // The other side (another state's officers, partner observers) never gets closer to a community reporter.
  const seen = d.otherSide ? communityReporterHidden(e.body) : e.body;
  const { location, ...body } = d.personalData ? seen : withoutPersonalData(seen);
  return {
    type: 'Feature',
    id: e.id,
    geometry: { type: 'Point', coordinates: [location.lon, location.lat] },
    properties: {
      ...body,
      version: e.version,
      marking: e.marking,
      ownerNode: e.owner.node,
      ownerState: e.owner.state,
      ownerAgencyId: e.owner.agencyId,
      ownerUnitId: e.owner.unitId,
      createdBy: e.createdBy,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      abilities: d.abilities,
    },
  };
}

/** The same query string with another cursor: the `next` link. */
export function nextHref(request: FastifyRequest, cursor: string): string {
  const url = new URL(request.url, 'http://x');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}?${url.searchParams.toString()}`;
}

export async function eventsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['events'];
  const updateErrors = { ...errorResponses, 412: errorSchema, 428: errorSchema };
  const present = (subject: Subject) => (e: SavedEvent) => presentEvent(subject, ctx.node.id, e);

  r.get(
    '/api/events',
    {
      schema: {
        tags,
        description:
          'Events as a GeoJSON FeatureCollection, newest first. Filters: bbox=minLon,minLat,maxLon,maxLat, from/to (occurredAt, ISO), category and status (repeatable or comma lists; ' +
          'status defaults to published,closed — the picture; status=all lists every status you may see), section, reliability, followUpOf. Keyset paging: limit (≤ 10000) and cursor (the `next` value or link).',
        querystring: eventsQuerySchema,
        response: { 200: eventCollection, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const page = await listEventFeatures(ctx, subject, req.query, (e, decisions) => presentEvent(subject, ctx.node.id, e, decisions));
      const links = [{ href: req.url, rel: 'self', type: 'application/geo+json' }];
      if (page.next) links.push({ href: nextHref(req, page.next), rel: 'next', type: 'application/geo+json' });
      // The FeatureCollection written as text around the features' cached JSON (event-features.ts):
      // the same bytes as JSON.stringify of the collection (eventCollection), key for key, without
      // building and serialising ≈ 1.3 MB of objects per page. No zod serializer: the features are
      // stored, validated bodies (events.test.ts checks the schema would not change the answer).
      const tail = { numberReturned: page.features.length, timeStamp: new Date().toISOString(), next: page.next, links };
      const json = `{"type":"FeatureCollection","features":[${page.features.join(',')}],${JSON.stringify(tail).slice(1)}`;
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );

  r.get(
    '/api/events/export.csv',
    {
      schema: {
        tags,
        description: 'The same events, filters and paging as GET /api/events, as CSV (one page; the next cursor is in the Link header).',
        querystring: eventsQuerySchema,
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const page = await listEvents(ctx, subject, req.query);
      const features = page.items.map((e) => presentEvent(subject, ctx.node.id, e, page.decisions));
      if (page.next) reply.header('link', `<${nextHref(req, page.next)}>; rel="next"`);
      reply.header('content-disposition', 'attachment; filename="events.csv"');
      const rows = features.map((f) => ({ id: f.id, tlp: f.properties.marking.tlp, body: { ...f.properties, location: { lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] } } }));
      return reply.type('text/csv; charset=utf-8').send(eventsCsv(rows as never));
    },
  );

  r.get(
    '/api/events/stats/reporting-delay',
    {
      schema: {
        tags,
        description:
          'EUROSUR reporting delay: hours from detection (detectedAt, else occurredAt) to the first publication, per reporting unit, for the events you may see that occurred in [from, to) (default: the last 90 days). ' +
          'overLimit counts events first shared after 24 h; late lists them.',
        querystring: reportingDelayQuerySchema,
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            limitHours: z.number(),
            units: z.array(
              z.object({
                unitId: z.string().nullable(),
                published: z.number().int(),
                medianHours: z.number(),
                p90Hours: z.number(),
                maxHours: z.number(),
                overLimit: z.number().int(),
                withinLimitShare: z.number(),
                late: z.array(z.object({ eventId: z.string(), hours: z.number() })),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { subject } = requireAuth(req);
      return reportingDelay(ctx, subject, req.query);
    },
  );

  r.post(
    '/api/events',
    {
      schema: {
        tags,
        description:
          'Report an event. The location is snapped to the nearest border section (LOCATION_OUT_OF_AREA beyond SARHAD_EVENT_MAX_BORDER_KM) and unit. ' +
          'Send an Idempotency-Key header (a UUID) so that retries create one event: a repeat answers 200 with the same event and Idempotent-Replayed: true; ' +
          'the same key with another body is 409 IDEMPOTENCY_KEY_REUSED.',
        headers: z.object({ 'idempotency-key': z.string().optional() }).passthrough(),
        body: createEventSchema,
        response: { 200: eventFeature, 201: eventFeature, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const { event, replayed } = await createEvent(ctx, subject, req.body, req.headers['idempotency-key']);
      sendEtag(reply, event.version);
      reply.header('location', `/api/events/${event.id}`);
      if (replayed) reply.header('idempotent-replayed', 'true');
      // Plain JSON.stringify as for the list: the feature is built from a body validated on the way
      // in; the zod serializer re-checked it on every report (events.test.ts: the schema agrees).
      return reply
        .code(replayed ? 200 : 201)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(present(subject)(event)) as never);
    },
  );

  r.get(
    '/api/events/:id',
    { schema: { tags, description: 'One event as a GeoJSON Feature; its ETag is the version to send back in If-Match.', params: idParams, response: { 200: eventFeature, ...errorResponses } } },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const event = await readEvent(ctx, subject, req.params.id);
      sendEtag(reply, event.version);
      return present(subject)(event);
    },
  );

  r.patch(
    '/api/events/:id',
    {
      schema: {
        tags,
        description: 'Correct an event: a new version, the earlier ones stay in its history. The author corrects a draft or returned report; the owning agency\'s validators any report not closed. Needs If-Match (428/412).',
        params: idParams,
        body: correctEventSchema,
        response: { 200: eventFeature, ...updateErrors },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const event = await correctEvent(ctx, subject, req.params.id, expectedVersion(req, req.body.version), req.body);
      sendEtag(reply, event.version);
      return present(subject)(event);
    },
  );

  r.get(
    '/api/events/:id/history',
    {
      schema: {
        tags,
        description: 'Every version of the event, oldest first: who changed it, when, its status and body then.',
        params: idParams,
        response: {
          200: z.object({
            items: z.array(z.object({ version: z.number().int(), changedBy: z.string(), changedAt: z.string(), status: z.string().nullable(), marking: markingSchema, body: eventBodySchema.nullable() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { subject } = requireAuth(req);
      return { items: await eventHistory(ctx, subject, req.params.id) };
    },
  );

  const transitionHelp: Record<EventTransition, string> = {
    submit: 'Submit a draft or returned report for validation (its author).',
    validate: 'Validate a submitted report (a validator of the owning agency, not its author).',
    return: 'Return a submitted or validated report to its author with a comment (required).',
    publish: 'Publish a validated event: it enters the picture and is shared (a validator of the owning agency).',
    close: 'Close a published event with outcome resolved or did_not_happen (its author or the owning agency\'s validators).',
  };
  for (const transition of EVENT_TRANSITIONS) {
    r.post(
      `/api/events/:id/${transition}`,
      {
        schema: {
          tags,
          description: `${transitionHelp[transition]} Needs If-Match or "version" (428/412); INVALID_TRANSITION (409) from a status it cannot be taken from.`,
          params: idParams,
          body: transitionBodySchema.nullish(),
          response: { 200: eventFeature, ...updateErrors },
        },
      },
      async (req, reply) => {
        const { subject } = requireAuth(req);
        const body = req.body ?? {};
        const event = await transitionEvent(ctx, subject, req.params.id, transition, expectedVersion(req, body.version), body);
        sendEtag(reply, event.version);
        return present(subject)(event);
      },
    );
  }
}
