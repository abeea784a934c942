import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SEIZURE_STAT_COLUMNS, seizureBodySchema, toCsv } from '../../../domain/events/seizure.ts';
import { markingSchema } from '../../../domain/records/marking.ts';
import type { AppContext } from '../../../services/context.ts';
import { addSeizure, eventSeizures, exportSeizures, seizureExportQuerySchema, seizureInputSchema, type SavedSeizure } from '../../../services/seizures.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { sendEtag } from '../../http/preconditions.ts';
import { errorResponses, idParams } from '../schemas.ts';

export const seizureView = z.object({
  id: z.string(),
  version: z.number().int(),
  marking: markingSchema,
  ownerState: z.string(),
  createdAt: z.string(),
  ...seizureBodySchema.shape,
});

const present = (s: SavedSeizure): z.output<typeof seizureView> => ({
  id: s.id,
  version: s.version,
  marking: s.marking,
  ownerState: s.owner.state,
  createdAt: s.createdAt,
  ...s.body,
});

export async function seizuresRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['seizures'];

  r.post(
    '/api/events/:id/seizures',
    {
      schema: {
        tags,
        description:
          'Record a seizure on an event (WCO CEN / UNODC IDS shape). quantityKg is computed (g, kg, t; ml and l by density; null for pieces, rounds, head and cash). ' +
          'Zero, negative or implausible quantities (e.g. more than 100 t) are refused.',
        params: idParams,
        body: seizureInputSchema,
        response: { 201: seizureView, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const seizure = await addSeizure(ctx, subject, req.params.id, req.body);
      sendEtag(reply, seizure.version);
      return reply.code(201).send(present(seizure));
    },
  );

  r.get(
    '/api/events/:id/seizures',
    { schema: { tags, description: 'The seizures of an event.', params: idParams, response: { 200: z.object({ items: z.array(seizureView) }), ...errorResponses } } },
    async (req) => {
      const { subject } = requireAuth(req);
      return { items: (await eventSeizures(ctx, subject, req.params.id)).map(present) };
    },
  );

  r.get(
    '/api/seizures/export',
    {
      schema: {
        tags,
        description: `Seizures of published events for international statistics, without personal data (persons only as counts by nationality). format=json (default) or csv; columns: ${SEIZURE_STAT_COLUMNS.join(', ')}.`,
        querystring: seizureExportQuerySchema,
        response: {
          200: z.union([z.string(), z.object({ columns: z.array(z.string()), items: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))) })]),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const rows = await exportSeizures(ctx, subject, req.query);
      if (req.query.format === 'csv') {
        reply.header('content-disposition', 'attachment; filename="seizures.csv"');
        return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
      }
      return { columns: SEIZURE_STAT_COLUMNS, items: rows as unknown as Record<string, string | number | null>[] };
    },
  );
}
