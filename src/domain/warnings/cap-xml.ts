import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { guardXml, XmlGuardError } from '../alerts/xml-guard.ts';
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_NAMESPACE,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
  capAlertSchema,
  type CapAlert,
  type CapArea,
  type CapCircle,
  type CapInfo,
  type CapPolygon,
} from './cap.ts';

/**
 * CAP 1.2 XML ⇄ CapAlert. Writing uses fast-xml-parser's XMLBuilder in the element order of
 * the schema (datasets/cap/CAP-v1.2.xsd); reading refuses hostile XML first (xml-guard), then
 * maps element by element so that every refusal names the field and has a stable code.
 */

export type CapErrorCode =
  | 'MALFORMED_XML'
  | 'XML_FORBIDDEN_CONSTRUCT'
  | 'XML_TOO_DEEP'
  /** Well-formed XML whose root is not a CAP 1.2 <alert>. */
  | 'NOT_CAP'
  /** A required element is missing or empty (identifier, sender, sent, info/event…). */
  | 'CAP_MISSING_FIELD'
  /** A value outside CAP's list (severity "Catastrophic", status "Real"…) or of the wrong form. */
  | 'CAP_INVALID_VALUE'
  /** A polygon that is not a closed ring of ≥ 4 "lat,lon" pairs within range. */
  | 'CAP_INVALID_POLYGON'
  /** A circle that is not "lat,lon radius" within range. */
  | 'CAP_INVALID_CIRCLE';

export class CapError extends Error {
  constructor(
    readonly code: CapErrorCode,
    message: string,
    readonly path: string | null = null,
  ) {
    super(message);
    this.name = 'CapError';
  }
}

const num = (n: number) => String(n);
const point = (p: readonly [number, number]) => `${num(p[0])},${num(p[1])}`;
export const polygonText = (poly: CapPolygon) => poly.map(point).join(' ');
export const circleText = (c: CapCircle) => `${point(c.center)} ${num(c.radiusKm)}`;
const pairs = (list: { valueName: string; value: string }[]) => list.map((p) => ({ valueName: p.valueName, value: p.value }));

/** Drops null fields and empty lists (optional CAP elements are simply absent). */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

function areaXml(a: CapArea) {
  return compact({
    areaDesc: a.areaDesc,
    polygon: a.polygon.map(polygonText),
    circle: a.circle.map(circleText),
    geocode: pairs(a.geocode),
    altitude: a.altitude === null ? null : num(a.altitude),
    ceiling: a.ceiling === null ? null : num(a.ceiling),
  });
}

function infoXml(i: CapInfo) {
  return compact({
    language: i.language,
    category: i.category,
    event: i.event,
    responseType: i.responseType,
    urgency: i.urgency,
    severity: i.severity,
    certainty: i.certainty,
    audience: i.audience,
    eventCode: pairs(i.eventCode),
    effective: i.effective,
    onset: i.onset,
    expires: i.expires,
    senderName: i.senderName,
    headline: i.headline,
    description: i.description,
    instruction: i.instruction,
    web: i.web,
    contact: i.contact,
    parameter: pairs(i.parameter),
    area: i.area.map(areaXml),
  });
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: false });

/** The CAP 1.2 XML document of a message (UTF-8, elements in schema order). */
export function buildCapXml(a: CapAlert): string {
  const alert = {
    '@_xmlns': CAP_NAMESPACE,
    ...compact({
      identifier: a.identifier,
      sender: a.sender,
      sent: a.sent,
      status: a.status,
      msgType: a.msgType,
      source: a.source,
      scope: a.scope,
      restriction: a.restriction,
      addresses: a.addresses,
      code: a.code,
      note: a.note,
      references: a.references.length ? a.references.join(' ') : null,
      incidents: a.incidents,
      info: a.info.map(infoXml),
    }),
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ alert }) as string}`;
}

// ---------------------------------------------------------------- reading

const REPEATED = new Set(['code', 'info', 'category', 'responseType', 'eventCode', 'parameter', 'resource', 'area', 'polygon', 'circle', 'geocode']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => REPEATED.has(name.replace(/^[^:]+:/, '')),
});

type Node = Record<string, unknown>;

/** Element names may carry a namespace prefix (cap:identifier): look them up by local name. */
function child(node: Node, name: string): unknown {
  for (const [k, v] of Object.entries(node)) if (k === name || k.endsWith(`:${name}`)) return v;
  return undefined;
}

function textOf(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'object' && '#text' in (v as Node)) return textOf((v as Node)['#text']);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function listOf(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function required(node: Node, name: string, path: string): string {
  const v = textOf(child(node, name));
  if (v === null) throw new CapError('CAP_MISSING_FIELD', `<${name}> is required (${path}${name})`, `${path}${name}`);
  return v;
}

const optional = (node: Node, name: string) => textOf(child(node, name));

function oneOf<T extends readonly string[]>(values: T, v: string, path: string): T[number] {
  if (!(values as readonly string[]).includes(v)) throw new CapError('CAP_INVALID_VALUE', `${path} is "${v}"; CAP 1.2 allows ${values.join(', ')}`, path);
  return v as T[number];
}

const COORD = /^[-+]?\d+(\.\d+)?$/;

function parsePoint(text: string, path: string, code: 'CAP_INVALID_POLYGON' | 'CAP_INVALID_CIRCLE'): [number, number] {
  const parts = text.split(',');
  if (parts.length !== 2 || !COORD.test(parts[0]!) || !COORD.test(parts[1]!)) throw new CapError(code, `${path}: "${text}" is not a "latitude,longitude" pair`, path);
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (lat < -90 || lat > 90) throw new CapError(code, `${path}: latitude ${lat} is outside -90…90`, path);
  if (lon < -180 || lon > 180) throw new CapError(code, `${path}: longitude ${lon} is outside -180…180`, path);
  return [lat, lon];
}

/** "lat,lon lat,lon …", at least four pairs, first = last (CAP 1.2 §3.2.4). */
export function parsePolygon(text: string, path = 'polygon'): CapPolygon {
  const points = text.trim().split(/\s+/).filter(Boolean).map((p, k) => parsePoint(p, `${path}[${k}]`, 'CAP_INVALID_POLYGON'));
  if (points.length < 4) throw new CapError('CAP_INVALID_POLYGON', `${path}: a polygon needs at least 4 points (a closed ring); it has ${points.length}`, path);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) throw new CapError('CAP_INVALID_POLYGON', `${path}: the polygon is not closed (its first and last points differ)`, path);
  return points;
}

/** "lat,lon radius" with the radius in kilometres. */
export function parseCircle(text: string, path = 'circle'): CapCircle {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 2 || !COORD.test(parts[1]!)) throw new CapError('CAP_INVALID_CIRCLE', `${path}: "${text}" is not "latitude,longitude radius"`, path);
  const radiusKm = Number(parts[1]);
  return { center: parsePoint(parts[0]!, path, 'CAP_INVALID_CIRCLE'), radiusKm };
}

function numberOrNull(v: string | null, path: string): number | null {
  if (v === null) return null;
  if (!COORD.test(v)) throw new CapError('CAP_INVALID_VALUE', `${path} is "${v}", not a number`, path);
  return Number(v);
}

function valuePairs(node: Node, name: string, path: string) {
  return listOf(child(node, name)).map((p, k) => ({
    valueName: required(p as Node, 'valueName', `${path}${name}[${k}].`),
    value: optional(p as Node, 'value') ?? '',
  }));
}

function readArea(a: Node, path: string): CapArea {
  return {
    areaDesc: required(a, 'areaDesc', path),
    polygon: listOf(child(a, 'polygon')).map((p, k) => parsePolygon(textOf(p) ?? '', `${path}polygon[${k}]`)),
    circle: listOf(child(a, 'circle')).map((c, k) => parseCircle(textOf(c) ?? '', `${path}circle[${k}]`)),
    geocode: valuePairs(a, 'geocode', path),
    altitude: numberOrNull(optional(a, 'altitude'), `${path}altitude`),
    ceiling: numberOrNull(optional(a, 'ceiling'), `${path}ceiling`),
  };
}

function readInfo(i: Node, path: string): CapInfo {
  const categories = listOf(child(i, 'category')).map((c, k) => oneOf(CAP_CATEGORIES, textOf(c) ?? '', `${path}category[${k}]`));
  if (categories.length === 0) throw new CapError('CAP_MISSING_FIELD', `<category> is required (${path}category)`, `${path}category`);
  return {
    language: optional(i, 'language') ?? 'en-US',
    category: categories,
    event: required(i, 'event', path),
    responseType: listOf(child(i, 'responseType')).map((r, k) => oneOf(CAP_RESPONSE_TYPES, textOf(r) ?? '', `${path}responseType[${k}]`)),
    urgency: oneOf(CAP_URGENCIES, required(i, 'urgency', path), `${path}urgency`),
    severity: oneOf(CAP_SEVERITIES, required(i, 'severity', path), `${path}severity`),
    certainty: oneOf(CAP_CERTAINTIES, required(i, 'certainty', path), `${path}certainty`),
    audience: optional(i, 'audience'),
    eventCode: valuePairs(i, 'eventCode', path),
    effective: optional(i, 'effective'),
    onset: optional(i, 'onset'),
    expires: optional(i, 'expires'),
    senderName: optional(i, 'senderName'),
    headline: optional(i, 'headline'),
    description: optional(i, 'description'),
    instruction: optional(i, 'instruction'),
    web: optional(i, 'web'),
    contact: optional(i, 'contact'),
    parameter: valuePairs(i, 'parameter', path),
    area: listOf(child(i, 'area')).map((a, k) => readArea(a as Node, `${path}area[${k}].`)),
  };
}

/**
 * Reads a CAP 1.2 message. Throws CapError with a stable code and the path of the first
 * problem; nothing is returned half-read. <resource> elements are not kept (see docs/warnings.md).
 */
export function parseCapXml(xml: string): CapAlert {
  try {
    guardXml(xml);
  } catch (err) {
    if (err instanceof XmlGuardError) throw new CapError(err.code, err.message);
    throw err;
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new CapError('MALFORMED_XML', `not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    throw new CapError('MALFORMED_XML', `not well-formed XML: ${(err as Error).message}`);
  }
  const rootKey = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  const root = rootKey ? (doc[rootKey] as Node) : null;
  const prefix = rootKey?.includes(':') ? rootKey.split(':')[0] : null;
  const ns = root && typeof root === 'object' ? root[prefix ? `@_xmlns:${prefix}` : '@_xmlns'] : undefined;
  if (!rootKey || rootKey.replace(/^[^:]+:/, '') !== 'alert' || ns !== CAP_NAMESPACE || typeof root !== 'object') {
    throw new CapError('NOT_CAP', `the document is not a CAP 1.2 <alert> (namespace ${CAP_NAMESPACE})`);
  }
  const a = root!;
  const draft = {
    identifier: required(a, 'identifier', ''),
    sender: required(a, 'sender', ''),
    sent: required(a, 'sent', ''),
    status: oneOf(CAP_STATUSES, required(a, 'status', ''), 'status'),
    msgType: oneOf(CAP_MSG_TYPES, required(a, 'msgType', ''), 'msgType'),
    source: optional(a, 'source'),
    scope: oneOf(CAP_SCOPES, required(a, 'scope', ''), 'scope'),
    restriction: optional(a, 'restriction'),
    addresses: optional(a, 'addresses'),
    code: listOf(child(a, 'code')).map(textOf).filter((c): c is string => c !== null),
    note: optional(a, 'note'),
    references: (optional(a, 'references') ?? '').split(/\s+/).filter(Boolean),
    incidents: optional(a, 'incidents'),
    info: listOf(child(a, 'info')).map((i, k) => readInfo(i as Node, `info[${k}].`)),
  };
  if (draft.info.length === 0) throw new CapError('CAP_MISSING_FIELD', 'a warning needs at least one <info> block', 'info');
  const parsed = capAlertSchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join('.');
    throw new CapError('CAP_INVALID_VALUE', `${path}: ${issue.message}`, path);
  }
  return parsed.data;
}
