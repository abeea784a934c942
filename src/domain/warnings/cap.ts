import { z } from 'zod';

/**
 * A hazard warning as an OASIS Common Alerting Protocol 1.2 message (CAP-v1.2-os, 1 July 2010).
 * Field names and value lists follow the specification; optional elements are `null` or `[]`
 * (never absent), so a message read back from XML compares equal to the one written.
 * Polygons and circles are kept as numbers (latitude first, as CAP writes them).
 */
export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export const CAP_CATEGORIES = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'] as const;
export const CAP_RESPONSE_TYPES = ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'] as const;
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export type CapSeverity = (typeof CAP_SEVERITIES)[number];

/** CAP 1.2 §3.3.2: dates with an explicit offset, no fractions, never "Z" (UTC is "+00:00"). */
export const CAP_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/;
export const capDateTime = z
  .string()
  .regex(CAP_DATE_TIME, 'CAP date-time such as 2026-04-12T06:00:00+05:00 (offset required, no fractions, no Z)')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');

/** identifier and sender: no spaces, commas or the XML-restricted < and &. */
const capToken = z.string().min(1).max(200).regex(/^[^\s,<&]+$/, 'no spaces, commas, < or &');
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => text(max).nullable().default(null);

export const valuePairSchema = z.object({ valueName: text(200), value: z.string().max(2000) }).strict();

const latitude = z.number().finite().min(-90, 'latitude below -90').max(90, 'latitude above 90');
const longitude = z.number().finite().min(-180, 'longitude below -180').max(180, 'longitude above 180');
/** A CAP point: [latitude, longitude]. */
export const capPointSchema = z.tuple([latitude, longitude]);
export type CapPoint = z.output<typeof capPointSchema>;

/** CAP 1.2: "a minimum of four coordinate pairs", the first and last the same (a closed ring). */
export const capPolygonSchema = z
  .array(capPointSchema)
  .min(4, 'a polygon needs at least 4 points (a closed ring)')
  .max(2000)
  .refine((p) => p.length < 4 || (p[0]![0] === p[p.length - 1]![0] && p[0]![1] === p[p.length - 1]![1]), 'a polygon must be closed: its first and last points must be the same');
export type CapPolygon = z.output<typeof capPolygonSchema>;

export const capCircleSchema = z
  .object({ center: capPointSchema, radiusKm: z.number().finite().min(0).max(5000) })
  .strict();
export type CapCircle = z.output<typeof capCircleSchema>;

export const capAreaSchema = z
  .object({
    areaDesc: text(1000),
    polygon: z.array(capPolygonSchema).max(20).default([]),
    circle: z.array(capCircleSchema).max(20).default([]),
    geocode: z.array(valuePairSchema).max(50).default([]),
    altitude: z.number().finite().nullable().default(null),
    ceiling: z.number().finite().nullable().default(null),
  })
  .strict();
export type CapArea = z.output<typeof capAreaSchema>;

/** BCP 47 language tag, e.g. en, ru, tg, fa-AF, ps. */
export const languageTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en, ru, tg, fa or ps');

export const capInfoSchema = z
  .object({
    language: languageTag.default('en-US'),
    category: z.array(z.enum(CAP_CATEGORIES)).min(1).max(12),
    event: text(300),
    responseType: z.array(z.enum(CAP_RESPONSE_TYPES)).max(9).default([]),
    urgency: z.enum(CAP_URGENCIES),
    severity: z.enum(CAP_SEVERITIES),
    certainty: z.enum(CAP_CERTAINTIES),
    audience: optText(500),
    eventCode: z.array(valuePairSchema).max(20).default([]),
    effective: capDateTime.nullable().default(null),
    onset: capDateTime.nullable().default(null),
    expires: capDateTime.nullable().default(null),
    senderName: optText(300),
    headline: optText(300),
    description: optText(8000),
    instruction: optText(8000),
    web: z.url().max(1000).nullable().default(null),
    contact: optText(500),
    parameter: z.array(valuePairSchema).max(50).default([]),
    area: z.array(capAreaSchema).max(20).default([]),
  })
  .strict();
export type CapInfo = z.output<typeof capInfoSchema>;

export const capAlertSchema = z
  .object({
    identifier: capToken,
    sender: capToken,
    sent: capDateTime,
    status: z.enum(CAP_STATUSES),
    msgType: z.enum(CAP_MSG_TYPES),
    source: optText(300),
    scope: z.enum(CAP_SCOPES),
    restriction: optText(1000),
    addresses: optText(2000),
    code: z.array(text(200)).max(20).default([]),
    note: optText(2000),
    /** Earlier messages this one updates or cancels, as "sender,identifier,sent" (§3.2.1). */
    references: z.array(z.string().regex(/^[^\s,<&]+,[^\s,<&]+,[^\s,<&]+$/, 'sender,identifier,sent')).max(50).default([]),
    incidents: optText(1000),
    info: z.array(capInfoSchema).min(1, 'at least one info block').max(10),
  })
  .strict()
  .refine((a) => a.scope !== 'Restricted' || a.restriction !== null, { message: 'a Restricted message needs a restriction', path: ['restriction'] })
  .refine((a) => a.scope !== 'Private' || a.addresses !== null, { message: 'a Private message needs addresses', path: ['addresses'] })
  .refine((a) => a.msgType === 'Alert' || a.references.length > 0, { message: 'Update, Cancel, Ack and Error messages name the messages they refer to', path: ['references'] });
export type CapAlert = z.output<typeof capAlertSchema>;

/**
 * A warning record: the current CAP message, plus what this node derived from it.
 * `sectionIds`/`crossBorder` are computed from the area against the border sections where the
 * warning was written (section ids are that node's), so they are not part of the CAP content.
 */
export const warningBodySchema = z
  .object({
    cap: capAlertSchema,
    /** Border sections the warning's area touches (ids on the owner node). */
    sectionIds: z.array(z.uuid()).max(100),
    /** The area touches the border: the warning is for the other bank too. */
    crossBorder: z.boolean(),
    /** Cancelled warnings stay (history), but are no longer active. */
    active: z.boolean(),
    origin: z.enum(['local', 'import', 'gauge']),
    /** The gauge whose reading raised it, for automatic warnings. */
    gaugeId: z.uuid().nullable(),
  })
  .strict();
export type WarningBody = z.output<typeof warningBodySchema>;

/** "sender,identifier,sent" of a message, as a later message references it. */
export const referenceOf = (a: Pick<CapAlert, 'sender' | 'identifier' | 'sent'>) => `${a.sender},${a.identifier},${a.sent}`;

/** A Date as a CAP date-time in UTC ("+00:00"), to the second. */
export function toCapDateTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}+00:00`;
}

const SEVERITY_RANK: Record<CapSeverity, number> = { Unknown: 0, Minor: 1, Moderate: 2, Severe: 3, Extreme: 4 };
/** The most severe of the message's info blocks. */
export function worstSeverity(a: CapAlert): CapSeverity {
  return a.info.map((i) => i.severity).reduce((w, s) => (SEVERITY_RANK[s] > SEVERITY_RANK[w] ? s : w), 'Unknown' as CapSeverity);
}

/** The latest expiry of its info blocks; null when any block never expires. */
export function expiresAt(a: CapAlert): string | null {
  let latest: number | null = null;
  for (const i of a.info) {
    if (i.expires === null) return null;
    const t = Date.parse(i.expires);
    latest = latest === null ? t : Math.max(latest, t);
  }
  return latest === null ? null : new Date(latest).toISOString();
}

/** In force: not cancelled, an actual (or exercise) message, and not expired at `now`. */
export function isActiveWarning(body: WarningBody, now: Date): boolean {
  if (!body.active || body.cap.msgType === 'Cancel') return false;
  const exp = expiresAt(body.cap);
  return exp === null || Date.parse(exp) > now.getTime();
}

/**
 * The info block for a reader: their language (exact tag, then the primary subtag, so "fa"
 * finds "fa-AF"), else the first block — CAP says a receiver shows the one it understands.
 */
export function infoForLanguage(a: CapAlert, lang: string): CapInfo {
  const want = lang.toLowerCase();
  const primary = want.split('-')[0];
  return (
    a.info.find((i) => i.language.toLowerCase() === want) ??
    a.info.find((i) => i.language.toLowerCase().split('-')[0] === primary) ??
    a.info[0]!
  );
}
