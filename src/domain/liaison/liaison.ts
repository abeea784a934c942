import { z } from 'zod';
import { readerName, type ReaderScript } from '../names/display.ts';
import { LOCALES, type Locale } from '../policy/roles.ts';
import { findTemplate, type TemplateField } from './templates.ts';

/**
 * Liaison channels and messages (docs/liaison.md). Units are named by their scenario ref:
 * unit ids differ from node to node, refs do not.
 */
const stateCode = z.string().regex(/^[A-Z]{2}$/);
const unitRef = z.string().min(1).max(120);

export const channelMemberSchema = z.object({ state: stateCode, unitRef }).strict();
export const contactSchema = z
  .object({ state: stateCode, unitRef, name: z.string().min(1).max(200), position: z.string().max(200), phone: z.string().max(60).nullable(), radio: z.string().max(60).nullable(), languages: z.array(z.enum(LOCALES)).max(5) })
  .strict();

export const channelBodySchema = z
  .object({
    ref: z.string().min(1).max(120),
    title: z.string().min(1).max(200),
    kind: z.enum(['post_to_post', 'blo', 'headquarters']),
    /** Both sides' units; at least one of two states. */
    members: z.array(channelMemberSchema).min(2).max(20),
    /** Agreed procedures (call signs, hours, handover points): edited by the owning side. */
    procedures: z.string().max(20_000),
    contacts: z.array(contactSchema).max(50),
  })
  .strict();
export type ChannelBody = z.infer<typeof channelBodySchema>;
export type ChannelMember = z.infer<typeof channelMemberSchema>;

export const PRIORITIES = ['routine', 'priority', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const MESSAGE_KINDS = ['message', 'rfi', 'answer', 'close'] as const;

export const messageBodySchema = z
  .object({
    channelId: z.uuid(),
    kind: z.enum(MESSAGE_KINDS),
    templateId: z.string().max(60).nullable(),
    fields: z.record(z.string().max(40), z.string().max(500)),
    freeText: z.string().max(10_000).nullable(),
    /** The language the author wrote in: free text is in this language, untranslated. */
    lang: z.enum(LOCALES),
    rfi: z.object({ deadline: z.iso.datetime({ offset: true }), priority: z.enum(PRIORITIES) }).strict().nullable(),
    /** The RFI an answer or a close refers to. */
    replyTo: z.uuid().nullable(),
    sentAt: z.iso.datetime({ offset: true }),
    author: z.object({ name: z.string().max(200), unitRef: unitRef.nullable() }).strict(),
  })
  .strict();
export type MessageBody = z.infer<typeof messageBodySchema>;

export function pairKeyOf(members: readonly ChannelMember[]): string {
  return [...new Set(members.map((m) => m.state))].sort().join('-');
}

export const isMember = (members: readonly ChannelMember[], state: string, ref: string | null) => ref !== null && members.some((m) => m.state === state && m.unitRef === ref);

/** Contacts hold officers' names and phones: personal data. Messages do when a person is named or free text is written. */
export const channelHoldsPersonalData = (b: ChannelBody) => b.contacts.length > 0;
export function messageHoldsPersonalData(b: MessageBody): boolean {
  if (b.freeText) return true;
  const t = b.templateId ? findTemplate(b.templateId) : undefined;
  return !t || t.fields.some((f) => f.kind === 'person' && (b.fields[f.key] ?? '') !== '');
}

export const SCRIPT_OF_LOCALE: Record<Locale, ReaderScript> = { en: 'latin', ru: 'cyrillic', tg: 'cyrillic', fa: 'arabic', ps: 'arabic' };

export interface RenderedField {
  key: string;
  label: string;
  kind: TemplateField['kind'];
  /** As the author wrote it. */
  value: string;
  /** In the reader's script for person names; otherwise the value as written. */
  display: string;
  transliterated: boolean;
}

export interface RenderedMessage {
  templateId: string | null;
  title: string | null;
  /** The template's text in the reader's language with the fields filled in. */
  text: string | null;
  fields: RenderedField[];
  freeText: { text: string; lang: Locale; untranslated: true } | null;
  readerLang: Locale;
}

/** Pure: the message as a reader in `lang` sees it. Unknown templates (a newer peer) show their fields raw. */
export function renderMessage(b: Pick<MessageBody, 'templateId' | 'fields' | 'freeText' | 'lang'>, lang: Locale): RenderedMessage {
  const t = b.templateId ? findTemplate(b.templateId) : undefined;
  const script = SCRIPT_OF_LOCALE[lang];
  const fields: RenderedField[] = t
    ? t.fields
        .filter((f) => (b.fields[f.key] ?? '') !== '')
        .map((f) => {
          const value = b.fields[f.key]!;
          const display = f.kind === 'person' ? readerName(value, script) || value : value;
          return { key: f.key, label: f.label[lang], kind: f.kind, value, display, transliterated: display !== value };
        })
    : Object.entries(b.fields).map(([key, value]) => ({ key, label: key, kind: 'text' as const, value, display: value, transliterated: false }));
  const text = t ? t.text[lang].replace(/\{(\w+)\}/g, (_m, key: string) => fields.find((f) => f.key === key)?.display ?? '…') : null;
  return {
    templateId: b.templateId,
    title: t ? t.title[lang] : null,
    text,
    fields,
    freeText: b.freeText ? { text: b.freeText, lang: b.lang, untranslated: true } : null,
    readerLang: lang,
  };
}

/** Required fields that are empty; the keys the template does not know. */
export function checkFields(templateId: string, fields: Record<string, string>): { missing: string[]; unknown: string[] } {
  const t = findTemplate(templateId)!;
  const missing = t.fields.filter((f) => f.required && (fields[f.key] ?? '').trim() === '').map((f) => f.key);
  const unknown = Object.keys(fields).filter((k) => !t.fields.some((f) => f.key === k));
  return { missing, unknown };
}

export type RfiState = 'open' | 'answered' | 'overdue' | 'closed';

export interface MessageLike {
  id: string;
  ownerState: string;
  body: MessageBody;
}

export interface RfiStatus {
  state: RfiState;
  deadline: string;
  priority: Priority;
  answeredAt: string | null;
  answerId: string | null;
  closedAt: string | null;
  /** Hours from sending to the first answer; null while unanswered. */
  responseHours: number | null;
  answeredOnTime: boolean | null;
  /** Past its deadline without an answer (also once closed unanswered). */
  overdue: boolean;
}

/**
 * Pure: an RFI's state from both sides' records. Answered by the first answer written by the
 * other side; closed by the requesting side's close. Each side owns only its own records, so
 * both nodes holding the same records compute the same state and times.
 */
export function rfiStatus(rfi: MessageLike, all: readonly MessageLike[], now: Date): RfiStatus {
  const replies = all.filter((m) => m.body.replyTo === rfi.id).sort((a, b) => a.body.sentAt.localeCompare(b.body.sentAt));
  const answer = replies.find((m) => m.body.kind === 'answer' && m.ownerState !== rfi.ownerState) ?? null;
  const close = replies.find((m) => m.body.kind === 'close' && m.ownerState === rfi.ownerState) ?? null;
  const deadline = rfi.body.rfi!.deadline;
  const answeredAt = answer?.body.sentAt ?? null;
  const late = answeredAt === null ? now.getTime() > Date.parse(deadline) : Date.parse(answeredAt) > Date.parse(deadline);
  const overdue = answeredAt === null && late;
  const state: RfiState = close ? 'closed' : answer ? 'answered' : overdue ? 'overdue' : 'open';
  return {
    state,
    deadline,
    priority: rfi.body.rfi!.priority,
    answeredAt,
    answerId: answer?.id ?? null,
    closedAt: close?.body.sentAt ?? null,
    responseHours: answeredAt ? Math.round(((Date.parse(answeredAt) - Date.parse(rfi.body.sentAt)) / 3_600_000) * 10) / 10 : null,
    answeredOnTime: answeredAt ? !late : null,
    overdue,
  };
}

/** Nearest-rank percentile of a list (p in 0..100); null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Median as the mean of the middle two for even lengths. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
