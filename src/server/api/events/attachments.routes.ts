import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addAttachment, ATTACHMENT_TYPES, eventAttachments, openAttachment } from '../../../services/attachments.service.ts';
import type { AppContext } from '../../../services/context.ts';
import type { AttachmentRow } from '../../../store/attachments.repository.ts';
import { requireAuth } from '../../http/auth.ts';
import { AppError } from '../../../errors.ts';
import { errorResponses, errorSchema, idParams } from '../schemas.ts';

const attachmentView = z.object({ id: z.string(), eventId: z.string(), fileName: z.string(), mediaType: z.string(), size: z.number().int(), sha256: z.string(), createdAt: z.string() });
const present = (a: AttachmentRow): z.output<typeof attachmentView> => ({
  id: a.id,
  eventId: a.event_id,
  fileName: a.file_name,
  mediaType: a.media_type,
  size: a.size,
  sha256: a.sha256,
  createdAt: a.created_at,
});

export async function attachmentsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['events'];
  const limit = ctx.config.attachmentMaxBytes;
  // Raw bytes, only in this plugin: the declared type is checked against the content later.
  app.addContentTypeParser([...Object.keys(ATTACHMENT_TYPES), 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));

  r.post(
    '/api/events/:id/attachments',
    {
      bodyLimit: limit,
      schema: {
        tags,
        description: `Attach a photo (JPEG, PNG, WebP, HEIC) or a PDF as the raw request body (Content-Type of the file or application/octet-stream; ?name= the file name). At most SARHAD_ATTACHMENT_MAX_BYTES (${limit}); the type is decided by the content (415 otherwise).`,
        params: idParams,
        querystring: z.object({ name: z.string().max(200).optional() }).strict(),
        response: { 201: attachmentView, ...errorResponses, 413: errorSchema, 415: errorSchema },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      if (!Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as the request body with its Content-Type (or application/octet-stream)');
      const row = await addAttachment(ctx, subject, req.params.id, req.body, req.headers['content-type'], req.query.name);
      return reply.code(201).send(present(row));
    },
  );

  r.get(
    '/api/events/:id/attachments',
    { schema: { tags, description: 'The attachments of an event (metadata).', params: idParams, response: { 200: z.object({ items: z.array(attachmentView) }), ...errorResponses } } },
    async (req) => {
      const { subject } = requireAuth(req);
      return { items: (await eventAttachments(ctx, subject, req.params.id)).map(present) };
    },
  );

  r.get(
    '/api/events/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        description: 'The file, as a download (never rendered inline), for readers of the event cleared for personal data.',
        params: z.object({ id: z.uuid(), attachmentId: z.uuid() }).strict(),
        response: { ...errorResponses },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const { row, stream } = await openAttachment(ctx, subject, req.params.id, req.params.attachmentId);
      reply.header('content-type', row.media_type);
      reply.header('content-length', String(row.size));
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file_name)}`);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      reply.header('cache-control', 'private, no-store');
      return reply.send(stream as never);
    },
  );
}
