import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { alertBodySchema } from '../../../domain/alerts/alert.ts';
import { markingSchema } from '../../../domain/records/marking.ts';
import { alertTarget } from '../../../domain/policy/alert.policy.ts';
import { serialize } from '../../../domain/policy/authorize.ts';
import type { Subject } from '../../../domain/policy/roles.ts';
import {
  createAlert,
  createAlertSchema,
  readAlert,
  readAlerts,
  revokeAlert,
  revokeAlertSchema,
  updateAlert,
  updateAlertSchema,
} from '../../../services/alerts.service.ts';
import type { AppContext } from '../../../services/context.ts';
import { importUnList } from '../../../services/un-import.service.ts';
import type { SavedRecord } from '../../../store/records.repository.ts';
import { requireAuth } from '../../http/auth.ts';
import { AppError } from '../../../errors.ts';
import { expectedVersion, sendEtag } from '../../http/preconditions.ts';
import { errorResponses, errorSchema, idParams } from '../schemas.ts';

const UN_XML_LIMIT = 20 * 1024 * 1024;

export const alertView = z.object({
  id: z.string(),
  version: z.number().int(),
  marking: markingSchema,
  ownerNode: z.string(),
  ownerState: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  subject: alertBodySchema.shape.subject,
  reason: z.string(),
  action: alertBodySchema.shape.action,
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  source: alertBodySchema.shape.source,
  sourceRef: z.string().nullable(),
  active: z.boolean(),
  /** What the reader may do with this alert (the server's policy): the client shows only these buttons. */
  abilities: z.object({ update: z.boolean(), revoke: z.boolean(), lowerMarking: z.boolean() }),
});

/** An alert as `subject` sees it on the node `localNode`, with their abilities on it. */
export const presentAlert = (subject: Subject, localNode: string, r: SavedRecord<'alert'>): z.output<typeof alertView> => ({
  abilities: serialize(subject, alertTarget(localNode, r)),
  id: r.id,
  version: r.version,
  marking: r.marking,
  ownerNode: r.owner.node,
  ownerState: r.owner.state,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  ...r.body,
});

export async function alertsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['alerts'];

  const present = (subject: Subject) => (r: SavedRecord<'alert'>) => presentAlert(subject, ctx.node.id, r);
  const updateErrors = { ...errorResponses, 412: errorSchema, 428: errorSchema };

  r.get('/api/alerts', { schema: { tags, response: { 200: z.object({ items: z.array(alertView) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: (await readAlerts(ctx, subject)).map(present(subject)) };
  });

  r.get(
    '/api/alerts/:id',
    { schema: { tags, description: 'One alert; its ETag is the version to send back in If-Match when changing it.', params: idParams, response: { 200: alertView, ...errorResponses } } },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const alert = await readAlert(ctx, subject, req.params.id);
      sendEtag(reply, alert.version);
      return present(subject)(alert);
    },
  );

  // The UN list is published as XML; accept it only on this route, up to 20 MiB.
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: UN_XML_LIMIT }, (_req, body, done) => done(null, body));
  r.post(
    '/api/alerts/import/un',
    {
      bodyLimit: UN_XML_LIMIT,
      schema: {
        tags,
        description: 'Import (or re-import) the UN Security Council Consolidated List XML; answers what was added, changed and removed.',
        consumes: ['application/xml'],
        response: {
          200: z.object({
            generatedAt: z.string().nullable(),
            individuals: z.number().int(),
            withOriginalScript: z.number().int(),
            added: z.number().int(),
            changed: z.number().int(),
            removed: z.number().int(),
            unchanged: z.number().int(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      if (typeof req.body !== 'string') throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the list as application/xml');
      return importUnList(ctx, { kind: 'user', subject: auth.subject }, req.body);
    },
  );

  r.post('/api/alerts', { schema: { tags, body: createAlertSchema, response: { 201: alertView, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const alert = await createAlert(ctx, subject, req.body);
    sendEtag(reply, alert.version);
    return reply.code(201).send(present(subject)(alert));
  });

  const preconditionHelp = 'Send If-Match with the ETag of the version you change (or "version" in the body): 428 without, 412 when it is no longer current.';
  r.patch(
    '/api/alerts/:id',
    { schema: { tags, description: `Change an alert (owner side only). Lowering the marking needs markingReason. ${preconditionHelp}`, params: idParams, body: updateAlertSchema, response: { 200: alertView, ...updateErrors } } },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const alert = await updateAlert(ctx, subject, req.params.id, expectedVersion(req, req.body.version), req.body);
      sendEtag(reply, alert.version);
      return present(subject)(alert);
    },
  );

  r.post(
    '/api/alerts/:id/revoke',
    { schema: { tags, description: `Revoke an alert (owner side only). ${preconditionHelp}`, params: idParams, body: revokeAlertSchema.nullish(), response: { 200: alertView, ...updateErrors } } },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const alert = await revokeAlert(ctx, subject, req.params.id, expectedVersion(req, req.body?.version));
      sendEtag(reply, alert.version);
      return present(subject)(alert);
    },
  );
}
