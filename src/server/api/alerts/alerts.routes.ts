import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { alertBodySchema } from '../../../domain/alerts/alert.ts';
import { markingSchema } from '../../../domain/records/marking.ts';
import { createAlert, createAlertSchema, readAlerts, revokeAlert, updateAlert, updateAlertSchema } from '../../../services/alerts.service.ts';
import type { AppContext } from '../../../services/context.ts';
import { importUnList } from '../../../services/un-import.service.ts';
import type { SavedRecord } from '../../../store/records.repository.ts';
import { requireAuth } from '../../http/auth.ts';
import { AppError } from '../../../errors.ts';
import { errorResponses, idParams } from '../schemas.ts';

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
});

export const presentAlert = (r: SavedRecord<'alert'>): z.output<typeof alertView> => ({
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

  r.get('/api/alerts', { schema: { tags, response: { 200: z.object({ items: z.array(alertView) }), ...errorResponses } } }, async (req) => ({
    items: (await readAlerts(ctx, requireAuth(req).subject)).map(presentAlert),
  }));

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
    const alert = await createAlert(ctx, requireAuth(req).subject, req.body);
    return reply.code(201).send(presentAlert(alert));
  });

  r.patch('/api/alerts/:id', { schema: { tags, params: idParams, body: updateAlertSchema, response: { 200: alertView, ...errorResponses } } }, async (req) =>
    presentAlert(await updateAlert(ctx, requireAuth(req).subject, req.params.id, req.body)),
  );

  r.post('/api/alerts/:id/revoke', { schema: { tags, params: idParams, response: { 200: alertView, ...errorResponses } } }, async (req) =>
    presentAlert(await revokeAlert(ctx, requireAuth(req).subject, req.params.id)),
  );
}
