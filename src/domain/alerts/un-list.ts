import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { AlertBirthDate, AlertBody } from './alert.ts';
import { countryCode } from './countries.ts';
import { guardXml, XmlGuardError, type XmlGuardCode } from './xml-guard.ts';

/** One individual of the UN Security Council Consolidated List, as we keep it. */
export interface UnIndividual {
  ref: string;
  dataId: string;
  listType: string;
  listedOn: string | null;
  names: { name: string; quality: 'good' | 'low' }[];
  originalScriptNames: string[];
  birthDates: AlertBirthDate[];
  nationalities: string[];
  documents: string[];
}

export interface UnList {
  generatedAt: string | null;
  individuals: UnIndividual[];
}

export type UnListErrorCode = XmlGuardCode | 'MALFORMED_XML' | 'NOT_UN_LIST';

export class UnListError extends Error {
  constructor(
    readonly code: UnListErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UnListError';
  }
}

const ARRAYS = new Set(['INDIVIDUAL', 'INDIVIDUAL_ALIAS', 'INDIVIDUAL_DATE_OF_BIRTH', 'INDIVIDUAL_DOCUMENT', 'NATIONALITY', 'VALUE', 'ENTITY']);

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v).replace(/\s+/g, ' ').trim() : '');
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

function birthDates(raw: unknown[]): AlertBirthDate[] {
  const out: AlertBirthDate[] = [];
  for (const d of raw as Record<string, unknown>[]) {
    const type = text(d.TYPE_OF_DATE).toUpperCase();
    const date = text(d.DATE);
    const year = Number(text(d.YEAR));
    const from = Number(text(d.FROM_YEAR));
    const to = Number(text(d.TO_YEAR));
    if (type === 'BETWEEN' && from && to) out.push({ kind: 'between', from: Math.min(from, to), to: Math.max(from, to) });
    else if (/^\d{4}-\d{2}-\d{2}$/.test(date)) out.push({ kind: 'exact', date });
    else if (year >= 1900 && year <= 2100) out.push(type === 'APPROXIMATELY' ? { kind: 'approximate', year } : { kind: 'exact', date: String(year) });
  }
  return out;
}

function individual(raw: Record<string, unknown>): UnIndividual | null {
  const ref = text(raw.REFERENCE_NUMBER);
  if (!ref) return null;
  const primary = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => text(raw[k])).filter(Boolean).join(' ');
  const names: UnIndividual['names'] = primary ? [{ name: primary, quality: 'good' }] : [];
  for (const a of list(raw.INDIVIDUAL_ALIAS) as Record<string, unknown>[]) {
    const name = text(a.ALIAS_NAME);
    if (!name || names.some((n) => n.name === name)) continue;
    // The UN marks weak aliases "Low"; "a.k.a." and "f.k.a." are good-quality names.
    names.push({ name, quality: text(a.QUALITY).toLowerCase() === 'low' ? 'low' : 'good' });
  }
  const original = text(raw.NAME_ORIGINAL_SCRIPT);
  if (original) names.push({ name: original, quality: 'good' });
  if (names.length === 0) return null;
  const nationalities = [
    ...new Set((list(raw.NATIONALITY) as Record<string, unknown>[]).flatMap((n) => list(n.VALUE).map(text)).map(countryCode).filter((c): c is string => c !== null)),
  ];
  const documents = [
    ...new Set((list(raw.INDIVIDUAL_DOCUMENT) as Record<string, unknown>[]).map((d) => text(d.NUMBER)).filter((n) => n.length >= 3 && n.length <= 40)),
  ];
  return {
    ref,
    dataId: text(raw.DATAID),
    listType: text(raw.UN_LIST_TYPE),
    listedOn: /^\d{4}-\d{2}-\d{2}$/.test(text(raw.LISTED_ON)) ? text(raw.LISTED_ON) : null,
    names,
    originalScriptNames: original ? [original] : [],
    birthDates: birthDates(list(raw.INDIVIDUAL_DATE_OF_BIRTH)),
    nationalities,
    documents,
  };
}

/** Parses the official XML; throws UnListError (with a stable code) for anything that is not such a list. */
export function parseUnList(xml: string): UnList {
  try {
    guardXml(xml);
  } catch (err) {
    if (err instanceof XmlGuardError) throw new UnListError(err.code, err.message);
    throw err;
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new UnListError('MALFORMED_XML', `not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let doc: { CONSOLIDATED_LIST?: Record<string, unknown> };
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      parseTagValue: false,
      processEntities: true,
      htmlEntities: false,
      isArray: (name) => ARRAYS.has(name),
    }).parse(xml) as typeof doc;
  } catch (err) {
    // The guard and the validator passed, so a parser failure is still a malformed file, not our fault.
    throw new UnListError('MALFORMED_XML', `not well-formed XML: ${(err as Error).message}`);
  }
  const root = doc.CONSOLIDATED_LIST;
  if (!root || typeof root !== 'object') throw new UnListError('NOT_UN_LIST', 'not a UN Security Council Consolidated List (no CONSOLIDATED_LIST root)');
  const people = list((root.INDIVIDUALS as Record<string, unknown> | undefined)?.INDIVIDUAL) as Record<string, unknown>[];
  const individuals = people.map(individual).filter((i): i is UnIndividual => i !== null);
  const refs = new Set<string>();
  for (const i of individuals) {
    if (refs.has(i.ref)) throw new UnListError('NOT_UN_LIST', `reference number ${i.ref} appears twice`);
    refs.add(i.ref);
  }
  return { generatedAt: text(root['@dateGenerated']) || null, individuals };
}

/** The alert we keep for a listed individual: public list, so no personal data beyond it. */
export function unIndividualToAlert(i: UnIndividual): AlertBody {
  return {
    subject: { kind: 'person', names: i.names.slice(0, 200), birthDates: i.birthDates.slice(0, 20), nationalities: i.nationalities.slice(0, 10), documents: i.documents.slice(0, 20) },
    reason: `UN Security Council sanctions list (${i.listType || 'consolidated'}) ${i.ref}${i.listedOn ? `, listed on ${i.listedOn}` : ''}: travel ban and asset freeze`,
    action: 'deny_entry',
    validFrom: i.listedOn ?? '1999-01-01',
    validUntil: null,
    source: 'un_sc',
    sourceRef: i.ref,
    active: true,
  };
}
