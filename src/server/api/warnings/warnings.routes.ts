import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { XMLBuilder } from 'fast-xml-parser';
import { z } from 'zod';
import { serialize } from '../../../domain/policy/authorize.ts';
import type { Subject } from '../../../domain/policy/roles.ts';
import { warningTarget } from '../../../domain/policy/warning.policy.ts';
import { markingSchema } from '../../../domain/records/marking.ts';
import { capAlertSchema, capInfoSchema, infoForLanguage, isActiveWarning, worstSeverity, CAP_SEVERITIES } from '../../../domain/warnings/cap.ts';
import { buildCapXml } from '../../../domain/warnings/cap-xml.ts';
import { AppError } from '../../../errors.ts';
import type { AppContext } from '../../../services/context.ts';
import {
  affectedBy,
  cancelWarning,
  cancelWarningSchema,
  createWarning,
  createWarningSchema,
  importCap,
  readWarning,
  readWarnings,
  updateWarning,
  updateWarningSchema,
} from '../../../services/warnings.service.ts';
import type { SavedRecord } from '../../../store/records.repository.ts';
import { requireAuth } from '../../http/auth.ts';
import { expectedVersion, sendEtag } from '../../http/preconditions.ts';
import { errorResponses, errorSchema, idParams } from '../schemas.ts';

const CAP_XML_LIMIT = 2 * 1024 * 1024;
export const CAP_CONTENT_TYPE = 'application/cap+xml';

const localized = z.record(z.string(), z.string());
export const warningView = z.object({
  id: z.string(),
  version: z.number().int(),
  marking: markingSchema,
  ownerNode: z.string(),
  ownerState: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cap: capAlertSchema,
  /** In force now: not cancelled and not expired. */
  active: z.boolean(),
  cancelled: z.boolean(),
  crossBorder: z.boolean(),
  origin: z.enum(['local', 'import', 'gauge']),
  gaugeId: z.string().nullable(),
  severity: z.enum(CAP_SEVERITIES),
  /** The info block in the reader's language (else the first). */
  info: capInfoSchema,
  capUrl: z.string(),
  abilities: z.object({ update: z.boolean(), cancel: z.boolean(), report: z.boolean() }),
});
const affectedView = z.object({
  sections: z.array(z.object({ id: z.string(), name: localized })),
  units: z.array(z.object({ id: z.string(), name: localized, kind: z.string(), stateCode: z.string(), location: z.tuple([z.number(), z.number()]) })),
  communities: z.array(z.object({ id: z.string(), name: localized, stateCode: z.string(), population: z.number().nullable(), location: z.tuple([z.number(), z.number()]) })),
});

export const presentWarning = (subject: Subject, localNode: string, lang: string, r: SavedRecord<'warning'>, now = new Date()): z.output<typeof warningView> => ({
  id: r.id,
  version: r.version,
  marking: r.marking,
  ownerNode: r.owner.node,
  ownerState: r.owner.state,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  cap: r.body.cap,
  active: isActiveWarning(r.body, now),
  cancelled: !r.body.active,
  crossBorder: r.body.crossBorder,
  origin: r.body.origin,
  gaugeId: r.body.gaugeId,
  severity: worstSeverity(r.body.cap),
  info: infoForLanguage(r.body.cap, lang),
  capUrl: `/api/warnings/${r.id}/cap`,
  abilities: serialize(subject, warningTarget(localNode, r)) as z.output<typeof warningView>['abilities'],
});

const langQuery = z.object({ lang: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).optional() }).strict();
const listQuery = langQuery.extend({ active: z.enum(['true', 'false']).optional() }).strict();

/** The reader's language: ?lang=, else their account's locale. */
const langOf = (req: FastifyRequest, q: { lang?: string }) => q.lang ?? requireAuth(req).user.locale ?? 'en';

const atomBuilder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ' });

export async function warningsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['warnings'];
  const updateErrors = { ...errorResponses, 412: errorSchema, 428: errorSchema };

  r.get(
    '/api/warnings',
    { schema: { tags, description: 'Hazard warnings visible to the caller, newest first; active=true for those in force. Each carries the info block in the reader\'s language.', querystring: listQuery, response: { 200: z.object({ items: z.array(warningView) }), ...errorResponses } } },
    async (req) => {
      const { subject } = requireAuth(req);
      const lang = langOf(req, req.query);
      const items = await readWarnings(ctx, subject, { activeOnly: req.query.active === 'true' });
      return { items: items.map((w) => presentWarning(subject, ctx.node.id, lang, w)) };
    },
  );

  r.get(
    '/api/warnings.atom',
    { schema: { tags, description: 'Atom feed (RFC 4287) of the warnings in force, each entry linking to its CAP 1.2 XML (rel="alternate", type="application/cap+xml").', querystring: langQuery, produces: ['application/atom+xml'], response: { 200: z.string(), ...errorResponses } } },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const lang = langOf(req, req.query);
      const items = await readWarnings(ctx, subject, { activeOnly: true });
      const base = `${req.protocol}://${req.host}`;
      const updated = items.reduce((m, w) => (w.updatedAt > m ? w.updatedAt : m), new Date(0).toISOString());
      const feed = {
        '@_xmlns': 'http://www.w3.org/2005/Atom',
        id: `urn:sarhad:node:${ctx.node.id}:warnings`,
        title: `Sarhad — active hazard warnings (${ctx.node.stateCode})`,
        updated: items.length ? updated : new Date().toISOString(),
        author: { name: ctx.node.name },
        link: { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': `${base}/api/warnings.atom` },
        entry: items.map((w) => {
          const info = infoForLanguage(w.body.cap, lang);
          return {
            id: `urn:uuid:${w.id}`,
            title: info.headline ?? info.event,
            updated: w.updatedAt,
            published: w.createdAt,
            author: { name: info.senderName ?? w.body.cap.sender },
            link: { '@_rel': 'alternate', '@_type': CAP_CONTENT_TYPE, '@_href': `${base}/api/warnings/${w.id}/cap` },
            category: { '@_term': info.severity },
            summary: [info.event, info.severity, info.urgency, info.certainty, info.area.map((a) => a.areaDesc).join('; ')].filter(Boolean).join(' · '),
          };
        }),
      };
      reply.type('application/atom+xml; charset=utf-8');
      return `<?xml version="1.0" encoding="UTF-8"?>\n${atomBuilder.build({ feed }) as string}`;
    },
  );

  r.get(
    '/api/warnings/:id',
    { schema: { tags, description: 'One warning, with what it reaches on this node: border sections, posts and villages on both banks.', params: idParams, querystring: langQuery, response: { 200: warningView.extend({ affected: affectedView }), ...errorResponses } } },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const w = await readWarning(ctx, subject, req.params.id);
      sendEtag(reply, w.version);
      return { ...presentWarning(subject, ctx.node.id, langOf(req, req.query), w), affected: await affectedBy(ctx, w.body.cap) };
    },
  );

  r.get(
    '/api/warnings/:id/cap',
    { schema: { tags, description: 'The warning as a CAP 1.2 XML message (application/cap+xml), valid against the OASIS schema.', params: idParams, produces: [CAP_CONTENT_TYPE], response: { 200: z.string(), ...errorResponses } } },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const w = await readWarning(ctx, subject, req.params.id);
      sendEtag(reply, w.version);
      reply.type(`${CAP_CONTENT_TYPE}; charset=utf-8`);
      return buildCapXml(w.body.cap);
    },
  );

  r.post('/api/warnings', { schema: { tags, description: 'Issue a warning (CAP msgType Alert); TLP:CLEAR unless marked otherwise.', body: createWarningSchema, response: { 201: warningView, ...errorResponses } } }, async (req, reply) => {
    const { subject, user } = requireAuth(req);
    const w = await createWarning(ctx, { kind: 'user', subject }, req.body);
    sendEtag(reply, w.version);
    return reply.code(201).send(presentWarning(subject, ctx.node.id, user.locale, w));
  });

  const preconditionHelp = 'Send If-Match with the ETag of the version you change (or "version" in the body): 428 without, 412 when it is no longer current.';
  r.patch(
    '/api/warnings/:id',
    { schema: { tags, description: `Update a warning (a new CAP message, msgType Update, referencing the previous one). Owner side only. ${preconditionHelp}`, params: idParams, body: updateWarningSchema, response: { 200: warningView, ...updateErrors } } },
    async (req, reply) => {
      const { subject, user } = requireAuth(req);
      const w = await updateWarning(ctx, subject, req.params.id, expectedVersion(req, req.body.version), req.body);
      sendEtag(reply, w.version);
      return presentWarning(subject, ctx.node.id, user.locale, w);
    },
  );

  r.post(
    '/api/warnings/:id/cancel',
    { schema: { tags, description: `Cancel a warning (CAP msgType Cancel). Owner side only. ${preconditionHelp}`, params: idParams, body: cancelWarningSchema.nullish(), response: { 200: warningView, ...updateErrors } } },
    async (req, reply) => {
      const { subject, user } = requireAuth(req);
      const w = await cancelWarning(ctx, subject, req.params.id, expectedVersion(req, req.body?.version), req.body?.note);
      sendEtag(reply, w.version);
      return presentWarning(subject, ctx.node.id, user.locale, w);
    },
  );

  app.addContentTypeParser([CAP_CONTENT_TYPE, 'application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: CAP_XML_LIMIT }, (_req, body, done) => done(null, body));
  r.post(
    '/api/warnings/import',
    {
      bodyLimit: CAP_XML_LIMIT,
      schema: {
        tags,
        description:
          'Import a CAP 1.2 message (application/cap+xml or application/xml). 201 for a new warning, 200 when it updated or cancelled one held here or was already held. Malformed CAP is refused with NOT_CAP, CAP_MISSING_FIELD, CAP_INVALID_VALUE, CAP_INVALID_POLYGON, CAP_INVALID_CIRCLE (400), CAP_DUPLICATE (409); nothing is written.',
        consumes: [CAP_CONTENT_TYPE, 'application/xml'],
        response: { 200: warningView.extend({ outcome: z.enum(['created', 'updated', 'unchanged']) }), 201: warningView.extend({ outcome: z.enum(['created', 'updated', 'unchanged']) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { subject, user } = requireAuth(req);
      if (typeof req.body !== 'string') throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the CAP message as ${CAP_CONTENT_TYPE} or application/xml`);
      const { record, outcome } = await importCap(ctx, subject, req.body);
      sendEtag(reply, record.version);
      return reply.code(outcome === 'created' ? 201 : 200).send({ ...presentWarning(subject, ctx.node.id, user.locale, record), outcome });
    },
  );
}
