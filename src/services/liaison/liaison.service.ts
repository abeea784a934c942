import { z } from 'zod';
import {
  channelBodySchema,
  checkFields,
  contactSchema,
  channelMemberSchema,
  isMember,
  messageBodySchema,
  pairKeyOf,
  PRIORITIES,
  renderMessage,
  rfiStatus,
  type ChannelBody,
  type MessageBody,
  type MessageLike,
} from '../../domain/liaison/liaison.ts';
import { findTemplate } from '../../domain/liaison/templates.ts';
import { allows, authorize, serialize } from '../../domain/policy/authorize.ts';
import { inChannel, liaisonPolicy, liaisonTarget } from '../../domain/policy/liaison.policy.ts';
import type { Action } from '../../domain/policy/permissions.ts';
import { LOCALES, type Locale, type Subject } from '../../domain/policy/roles.ts';
import type { Marking } from '../../domain/records/marking.ts';
import { AppError, forbidden, notFound, validation } from '../../errors.ts';
import { findRecord, listRecords, type SavedRecord } from '../../store/records.repository.ts';
import type { AppContext } from '../context.ts';
import { writeRecord } from '../records.service.ts';

/** Who writes: the signed-in subject with the name and language their messages carry. */
export interface Author {
  subject: Subject;
  displayName: string;
  locale: Locale;
}

type Channel = SavedRecord<'liaison_channel'>;
type Message = SavedRecord<'liaison_message'>;

/** Units are compared by ref across nodes: the subject's unit id is local, its ref is not. */
export async function unitRefOf(ctx: AppContext, subject: Subject): Promise<string | null> {
  if (!subject.unitId) return null;
  return (await findRecord(ctx.db.kysely, 'unit', subject.unitId))?.body.ref ?? null;
}

const targetOf = (ctx: AppContext, r: Pick<Channel, 'owner' | 'marking' | 'createdBy'>, ch: ChannelBody, ref: string | null) => liaisonTarget(ctx.node.id, r, ch.members, ref);

/**
 * The channel, if the subject may do `action` on it: NOT_FOUND when its marking hides it,
 * NOT_CHANNEL_MEMBER when the subject's unit is not one of its units.
 */
async function channelFor(ctx: AppContext, subject: Subject, id: string, action: Action) {
  authorize(subject, action);
  const channel = await findRecord(ctx.db.kysely, 'liaison_channel', id);
  if (!channel) throw notFound('liaison channel');
  const ref = await unitRefOf(ctx, subject);
  const target = targetOf(ctx, channel, channel.body, ref);
  if (!liaisonPolicy.visible(subject, target)) throw notFound('liaison channel');
  if (!inChannel(subject, target)) throw new AppError('NOT_CHANNEL_MEMBER', 'Your unit is not in this liaison channel: only its units, on both sides, see it and write in it');
  authorize(subject, action, target);
  return { channel, ref, target };
}

const asLike = (m: Message): MessageLike => ({ id: m.id, ownerState: m.owner.state, body: m.body });

async function messagesOf(ctx: AppContext, channelId: string): Promise<Message[]> {
  const list = await listRecords(ctx.db.kysely, 'liaison_message', { channel_id: channelId });
  return list.sort((a, b) => a.body.sentAt.localeCompare(b.body.sentAt) || a.id.localeCompare(b.id));
}

export async function listChannels(ctx: AppContext, subject: Subject, now = new Date()) {
  authorize(subject, 'liaison:read');
  const ref = await unitRefOf(ctx, subject);
  const channels = (await listRecords(ctx.db.kysely, 'liaison_channel')).filter((c) => allows(subject, 'liaison:read', targetOf(ctx, c, c.body, ref)));
  const out = [];
  for (const c of channels) {
    const messages = (await messagesOf(ctx, c.id)).map(asLike);
    const rfis = messages.filter((m) => m.body.kind === 'rfi').map((m) => rfiStatus(m, messages, now));
    out.push({
      id: c.id,
      ref: c.body.ref,
      title: c.body.title,
      kind: c.body.kind,
      pairKey: pairKeyOf(c.body.members),
      members: c.body.members,
      ownerState: c.owner.state,
      messages: messages.length,
      lastAt: messages.at(-1)?.body.sentAt ?? null,
      openRfis: rfis.filter((r) => r.state === 'open').length,
      overdueRfis: rfis.filter((r) => r.state === 'overdue').length,
    });
  }
  return out.sort((a, b) => (b.lastAt ?? '').localeCompare(a.lastAt ?? ''));
}

/** What a newly posted officer needs on day one: history, open requests, procedures, counterpart contacts. */
export async function channelView(ctx: AppContext, subject: Subject, id: string, lang: Locale, now = new Date()) {
  const { channel, target } = await channelFor(ctx, subject, id, 'liaison:read');
  const messages = await messagesOf(ctx, id);
  const likes = messages.map(asLike);
  const history = messages.map((m) => ({
    id: m.id,
    version: m.version,
    kind: m.body.kind,
    ownerState: m.owner.state,
    ownerNode: m.owner.node,
    ours: m.owner.state === subject.stateCode,
    marking: m.marking,
    sentAt: m.body.sentAt,
    author: m.body.author,
    lang: m.body.lang,
    replyTo: m.body.replyTo,
    rendered: renderMessage(m.body, lang),
    rfi: m.body.kind === 'rfi' ? rfiStatus(asLike(m), likes, now) : null,
  }));
  const rfis = history.filter((h) => h.rfi !== null);
  ctx.reads.record({ actor: subject.userId, action: 'liaison.read', entityType: 'liaison_channel', entityId: id, detail: { messages: messages.length } });
  return {
    id: channel.id,
    version: channel.version,
    ref: channel.body.ref,
    title: channel.body.title,
    kind: channel.body.kind,
    pairKey: pairKeyOf(channel.body.members),
    ownerState: channel.owner.state,
    ownerNode: channel.owner.node,
    marking: channel.marking,
    members: channel.body.members,
    procedures: channel.body.procedures,
    contacts: channel.body.contacts,
    counterpartContacts: channel.body.contacts.filter((c) => c.state !== subject.stateCode),
    openRequests: rfis.filter((r) => r.rfi!.state === 'open' || r.rfi!.state === 'overdue'),
    history,
    abilities: serialize(subject, target),
  };
}

export const channelInputSchema = channelBodySchema.extend({ procedures: z.string().max(20_000).default(''), contacts: z.array(contactSchema).max(50).default([]) }).strict();

/** Channel marking: AMBER, released to every member state (their units then see it by membership). */
const channelMarking = (owner: string, members: readonly { state: string }[]): Marking => ({
  tlp: 'AMBER',
  releasableTo: { states: [...new Set(members.map((m) => m.state))].filter((s) => s !== owner).sort(), agencies: [], units: [] },
  hops: 1,
});

export async function createChannel(ctx: AppContext, subject: Subject, raw: unknown) {
  authorize(subject, 'liaison:manage');
  const body = channelInputSchema.parse(raw);
  if (new Set(body.members.map((m) => m.state)).size < 2) throw validation('a liaison channel joins units of two states', [{ path: 'members', message: 'two states' }]);
  if (!isMember(body.members, subject.stateCode, await unitRefOf(ctx, subject))) throw validation('your own unit must be one of the channel\'s units', [{ path: 'members', message: 'include your unit' }]);
  const r = await writeRecord(ctx, { kind: 'user', subject }, { type: 'liaison_channel', body, marking: channelMarking(subject.stateCode, body.members) });
  return r.record;
}

export const channelPatchSchema = z.object({ procedures: z.string().max(20_000).optional(), contacts: z.array(contactSchema).max(50).optional(), members: z.array(channelMemberSchema).min(2).max(20).optional(), version: z.number().int().min(1).optional() }).strict();

/** The owning side edits procedures and contacts (a new signed version the other side receives). */
export async function updateChannel(ctx: AppContext, subject: Subject, id: string, expectedVersion: number | undefined, raw: unknown) {
  const input = channelPatchSchema.parse(raw);
  const { channel } = await channelFor(ctx, subject, id, 'liaison:manage');
  if (expectedVersion === undefined) throw new AppError('PRECONDITION_REQUIRED', 'Say which version you change: If-Match with the channel\'s ETag, or "version" in the body');
  const body = channelBodySchema.parse({ ...channel.body, ...(input.procedures === undefined ? {} : { procedures: input.procedures }), ...(input.contacts === undefined ? {} : { contacts: input.contacts }), ...(input.members === undefined ? {} : { members: input.members }) });
  const r = await writeRecord(ctx, { kind: 'user', subject }, { type: 'liaison_channel', id, body, marking: channelMarking(channel.owner.state, body.members), expectedVersion });
  return r.record;
}

export const messageInputSchema = z
  .object({
    templateId: z.string().min(1).max(60).nullable().optional(),
    fields: z.record(z.string().max(40), z.string().max(500)).default({}),
    freeText: z.string().trim().max(10_000).nullable().optional(),
    lang: z.enum(LOCALES).optional(),
    /** Present for a request for information. */
    rfi: z.object({ deadline: z.iso.datetime({ offset: true }), priority: z.enum(PRIORITIES).default('routine') }).strict().optional(),
  })
  .strict();

async function save(ctx: AppContext, author: Author, channel: Channel, body: MessageBody) {
  // Marked for the writer's side: AMBER, released to the channel's other states.
  const marking = channelMarking(author.subject.stateCode, channel.body.members);
  const r = await writeRecord(ctx, { kind: 'user', subject: author.subject }, { type: 'liaison_message', body: messageBodySchema.parse(body), marking });
  return r.record;
}

/** A message or an RFI, from a template in the author's language, and/or free text (kept as written). */
export async function postMessage(ctx: AppContext, author: Author, channelId: string, raw: unknown, now = new Date()) {
  const { channel, ref } = await channelFor(ctx, author.subject, channelId, 'liaison:write');
  const input = messageInputSchema.parse(raw);
  const templateId = input.templateId ?? null;
  const freeText = input.freeText ? input.freeText : null;
  if (templateId !== null) {
    const t = findTemplate(templateId);
    if (!t) throw new AppError('UNKNOWN_TEMPLATE', `no message template "${templateId}"`);
    const { missing, unknown } = checkFields(templateId, input.fields);
    if (missing.length || unknown.length) {
      throw new AppError('TEMPLATE_FIELDS_INVALID', `fill in the template's fields${missing.length ? `: missing ${missing.join(', ')}` : ''}${unknown.length ? `; unknown ${unknown.join(', ')}` : ''}`, { missing, unknown });
    }
    if (t.rfi && !input.rfi) throw validation(`"${templateId}" is a request for information: give it a deadline`, [{ path: 'rfi.deadline', message: 'required' }]);
  } else {
    if (Object.keys(input.fields).length) throw new AppError('TEMPLATE_FIELDS_INVALID', 'fields need a template', { missing: [], unknown: Object.keys(input.fields) });
    if (!freeText) throw validation('write a message: choose a template or write free text', [{ path: 'freeText', message: 'required without a template' }]);
  }
  if (input.rfi && Date.parse(input.rfi.deadline) <= now.getTime()) throw new AppError('DEADLINE_IN_PAST', 'the deadline must be in the future', { deadline: input.rfi.deadline });
  return save(ctx, author, channel, {
    channelId,
    kind: input.rfi ? 'rfi' : 'message',
    templateId,
    fields: templateId ? Object.fromEntries(Object.entries(input.fields).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== '')) : {},
    freeText,
    lang: input.lang ?? author.locale,
    rfi: input.rfi ? { deadline: new Date(input.rfi.deadline).toISOString(), priority: input.rfi.priority } : null,
    replyTo: null,
    sentAt: now.toISOString(),
    author: { name: author.displayName, unitRef: ref },
  });
}

export const answerInputSchema = z.object({ freeText: z.string().trim().min(1).max(10_000), lang: z.enum(LOCALES).optional() }).strict();
export const closeInputSchema = z.object({ freeText: z.string().trim().max(10_000).optional(), lang: z.enum(LOCALES).optional() }).strict();

async function rfiFor(ctx: AppContext, subject: Subject, rfiId: string) {
  authorize(subject, 'liaison:write');
  const rfi = await findRecord(ctx.db.kysely, 'liaison_message', rfiId);
  if (!rfi) throw notFound('request for information');
  const { channel, ref } = await channelFor(ctx, subject, rfi.body.channelId, 'liaison:write');
  if (rfi.body.kind !== 'rfi') throw new AppError('NOT_AN_RFI', 'this message is not a request for information');
  const all = (await messagesOf(ctx, channel.id)).map(asLike);
  return { rfi, channel, ref, status: rfiStatus(asLike(rfi), all, new Date()) };
}

/** The other side answers with a record of its own; the RFI record is never touched. */
export async function answerRfi(ctx: AppContext, author: Author, rfiId: string, raw: unknown, now = new Date()) {
  const input = answerInputSchema.parse(raw);
  const { rfi, channel, ref, status } = await rfiFor(ctx, author.subject, rfiId);
  if (rfi.owner.state === author.subject.stateCode) throw forbidden('your side sent this request: the other side answers it');
  if (status.state === 'closed') throw new AppError('RFI_STATE', 'the request was closed by the side that sent it');
  return save(ctx, author, channel, { channelId: channel.id, kind: 'answer', templateId: null, fields: {}, freeText: input.freeText, lang: input.lang ?? author.locale, rfi: null, replyTo: rfi.id, sentAt: now.toISOString(), author: { name: author.displayName, unitRef: ref } });
}

/** The requesting side closes its own RFI (answered enough, or no longer needed). */
export async function closeRfi(ctx: AppContext, author: Author, rfiId: string, raw: unknown, now = new Date()) {
  const input = closeInputSchema.parse(raw);
  const { rfi, channel, ref, status } = await rfiFor(ctx, author.subject, rfiId);
  if (rfi.owner.state !== author.subject.stateCode) throw forbidden('only the side that sent the request closes it');
  if (status.state === 'closed') throw new AppError('RFI_STATE', 'the request is closed already');
  return save(ctx, author, channel, { channelId: channel.id, kind: 'close', templateId: null, fields: {}, freeText: input.freeText || null, lang: input.lang ?? author.locale, rfi: null, replyTo: rfi.id, sentAt: now.toISOString(), author: { name: author.displayName, unitRef: ref } });
}
