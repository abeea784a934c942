import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TEMPLATES } from '../../../domain/liaison/templates.ts';
import { LOCALES, type Locale } from '../../../domain/policy/roles.ts';
import { authorize } from '../../../domain/policy/authorize.ts';
import type { Authenticated } from '../../../services/auth.service.ts';
import type { AppContext } from '../../../services/context.ts';
import {
  answerInputSchema,
  answerRfi,
  channelInputSchema,
  channelPatchSchema,
  channelView,
  closeInputSchema,
  closeRfi,
  createChannel,
  listChannels,
  messageInputSchema,
  postMessage,
  updateChannel,
  type Author,
} from '../../../services/liaison/liaison.service.ts';
import type { SavedRecord } from '../../../store/records.repository.ts';
import { requireAuth } from '../../http/auth.ts';
import { expectedVersion, sendEtag } from '../../http/preconditions.ts';
import { errorResponses, errorSchema, idParams } from '../schemas.ts';

const tags = ['liaison'];
const anyObject = z.record(z.string(), z.unknown());
const langQuery = z.object({ lang: z.enum(LOCALES).optional() }).strict();
const updateErrors = { ...errorResponses, 412: errorSchema, 428: errorSchema };

const localeOf = (auth: Authenticated): Locale => ((LOCALES as readonly string[]).includes(auth.user.locale) ? (auth.user.locale as Locale) : 'en');
const authorOf = (auth: Authenticated): Author => ({ subject: auth.subject, displayName: auth.user.displayName, locale: localeOf(auth) });

const presentMessage = (m: SavedRecord<'liaison_message'>) => ({ id: m.id, version: m.version, ownerState: m.owner.state, ownerNode: m.owner.node, marking: m.marking, ...m.body });
const presentChannel = (c: SavedRecord<'liaison_channel'>) => ({ id: c.id, version: c.version, ownerState: c.owner.state, ownerNode: c.owner.node, marking: c.marking, ...c.body });

/** Liaison channels, structured messages and requests for information (docs/liaison.md). */
export async function liaisonRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/liaison/templates', { schema: { tags, description: 'Message templates with their text and field labels in the reader\'s language (lang, default the user\'s).', querystring: langQuery, response: { 200: z.object({ items: z.array(anyObject) }), ...errorResponses } } }, async (req) => {
    const auth = requireAuth(req);
    authorize(auth.subject, 'liaison:read');
    const lang = req.query.lang ?? localeOf(auth);
    return { items: TEMPLATES.map((t) => ({ id: t.id, rfi: t.rfi, title: t.title[lang], text: t.text[lang], fields: t.fields.map((f) => ({ key: f.key, kind: f.kind, required: f.required, label: f.label[lang] })) })) };
  });

  r.get('/api/liaison/channels', { schema: { tags, description: 'The liaison channels the user\'s unit is in, with open and overdue RFI counts.', response: { 200: z.object({ items: z.array(anyObject) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: await listChannels(ctx, subject) };
  });

  r.post('/api/liaison/channels', { schema: { tags, description: 'Open a channel between counterpart units (refs) of two states; the user\'s unit must be one.', body: channelInputSchema, response: { 201: anyObject, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const c = await createChannel(ctx, subject, req.body);
    sendEtag(reply, c.version);
    return reply.code(201).send(presentChannel(c));
  });

  r.get('/api/liaison/channels/:id', { schema: { tags, description: 'A channel as a newly posted officer needs it: history rendered in `lang`, open requests, agreed procedures, counterpart contacts.', params: idParams, querystring: langQuery, response: { 200: anyObject, ...errorResponses } } }, async (req, reply) => {
    const auth = requireAuth(req);
    const view = await channelView(ctx, auth.subject, req.params.id, req.query.lang ?? localeOf(auth));
    sendEtag(reply, view.version);
    return view;
  });

  r.patch('/api/liaison/channels/:id', { schema: { tags, description: 'Agreed procedures, contacts or members: the owning side. Send If-Match.', params: idParams, body: channelPatchSchema, response: { 200: anyObject, ...updateErrors } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const c = await updateChannel(ctx, subject, req.params.id, expectedVersion(req, req.body.version), req.body);
    sendEtag(reply, c.version);
    return presentChannel(c);
  });

  r.post('/api/liaison/channels/:id/messages', { schema: { tags, description: 'A message or, with `rfi: {deadline, priority}`, a request for information: from a template (fields) and/or free text.', params: idParams, body: messageInputSchema, response: { 201: anyObject, ...errorResponses } } }, async (req, reply) => {
    const m = await postMessage(ctx, authorOf(requireAuth(req)), req.params.id, req.body);
    return reply.code(201).send(presentMessage(m));
  });

  r.post('/api/liaison/rfis/:id/answer', { schema: { tags, description: 'Answer the other side\'s RFI (a record of one\'s own).', params: idParams, body: answerInputSchema, response: { 201: anyObject, ...errorResponses } } }, async (req, reply) => {
    const m = await answerRfi(ctx, authorOf(requireAuth(req)), req.params.id, req.body);
    return reply.code(201).send(presentMessage(m));
  });

  r.post('/api/liaison/rfis/:id/close', { schema: { tags, description: 'Close one\'s own side\'s RFI.', params: idParams, body: closeInputSchema, response: { 201: anyObject, ...errorResponses } } }, async (req, reply) => {
    const m = await closeRfi(ctx, authorOf(requireAuth(req)), req.params.id, req.body);
    return reply.code(201).send(presentMessage(m));
  });
}
