import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context.ts';
import {
  communityQueue,
  communityQueueQuerySchema,
  communityReportSchema,
  convertCommunityReport,
  convertSchema,
  dismissCommunityReport,
  dismissSchema,
  receiveCommunityReport,
} from '../../../services/community.service.ts';
import type { CommunityReportRow } from '../../../store/community.repository.ts';
import { requireAuth } from '../../http/auth.ts';
import { sendEtag } from '../../http/preconditions.ts';
import { errorResponses, idParams } from '../schemas.ts';
import { eventFeature, presentEvent } from './events.routes.ts';

const queueItem = z.object({
  id: z.string(),
  createdAt: z.string(),
  channel: z.string(),
  contact: z.string().nullable(),
  category: z.string().nullable(),
  text: z.string(),
  lang: z.string(),
  location: z.object({ lat: z.number(), lon: z.number() }),
  sectionId: z.string().nullable(),
  occurredAt: z.string().nullable(),
  status: z.string(),
  triagedAt: z.string().nullable(),
  eventId: z.string().nullable(),
  dismissReason: z.string().nullable(),
});

const present = (r: CommunityReportRow): z.output<typeof queueItem> => ({
  id: r.id,
  createdAt: r.created_at,
  channel: r.channel,
  contact: r.contact,
  category: r.category,
  text: r.text,
  lang: r.lang,
  location: { lat: r.lat, lon: r.lon },
  sectionId: r.section_id,
  occurredAt: r.occurred_at,
  status: r.status,
  triagedAt: r.triaged_at,
  eventId: r.event_id,
  dismissReason: r.dismiss_reason,
});

export async function communityRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['community'];

  r.post(
    '/api/community/reports',
    {
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        description:
          'The community form: anyone (no account) or a community focal point (signed in) reports what they saw. Low trust: it waits in the triage queue. ' +
          `Limited per client per hour (SARHAD_COMMUNITY_REPORTS_PER_HOUR, 429 RATE_LIMITED); a point far from the border is LOCATION_OUT_OF_AREA. Answers only the receipt id.`,
        security: [],
        body: communityReportSchema,
        response: { 202: z.object({ id: z.string(), status: z.literal('received') }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { id } = await receiveCommunityReport(ctx, req.body, { subject: req.auth?.subject ?? null, address: req.ip });
      return reply.code(202).send({ id, status: 'received' as const });
    },
  );
  r.get(
    '/api/community/reports',
    {
      schema: {
        tags,
        description: 'The triage queue (validators, commanders, reporters of this node\'s state). Contacts are personal data: the read is audited.',
        querystring: communityQueueQuerySchema,
        response: { 200: z.object({ items: z.array(queueItem) }), ...errorResponses },
      },
    },
    async (req) => {
      const { subject } = requireAuth(req);
      return { items: (await communityQueue(ctx, subject, req.query.status)).map(present) };
    },
  );

  r.post(
    '/api/community/reports/:id/convert',
    {
      schema: {
        tags,
        description: 'Make an event of a community report: the officer is its author, source community, grading F6 unless judged otherwise, the location blurred to sharedPrecisionKm (default 5) when shared.',
        params: idParams,
        body: convertSchema,
        response: { 201: eventFeature, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const event = await convertCommunityReport(ctx, subject, req.params.id, req.body);
      sendEtag(reply, event.version);
      return reply.code(201).send(presentEvent(subject, ctx.node.id, event));
    },
  );

  r.post(
    '/api/community/reports/:id/dismiss',
    { schema: { tags, description: 'Dismiss a community report with a reason.', params: idParams, body: dismissSchema, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      await dismissCommunityReport(ctx, subject, req.params.id, req.body.reason);
      return reply.code(204).send(null);
    },
  );
}
