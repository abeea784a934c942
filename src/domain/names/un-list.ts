/** Parser for the UN Security Council Consolidated List XML (individuals) and re-import diff. */
import { XMLParser } from 'fast-xml-parser';
import type { BirthDateSpec } from './attributes.ts';
import type { WatchlistEntry, WatchlistName } from './types.ts';

export interface UnEntry extends WatchlistEntry { reference: string; dataId: string; listType: string; version: string }
export interface UnList { dateGenerated: string; individuals: UnEntry[] }

const arr = <T>(x: T | T[] | undefined): T[] => (x === undefined || x === null ? [] : Array.isArray(x) ? x : [x]);
const str = (x: unknown): string => (x === undefined || x === null ? '' : typeof x === 'object' ? '' : String(x).trim());

/** Parse the XML text of the consolidated list. */
export function parseUnList(xml: string): UnList {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: true });
  const doc = parser.parse(xml) as Record<string, any>;
  const root = doc['CONSOLIDATED_LIST'];
  if (!root) throw new Error('not a UN consolidated list: missing CONSOLIDATED_LIST');
  const individuals: UnEntry[] = [];
  for (const ind of arr<any>(root.INDIVIDUALS?.INDIVIDUAL)) {
    const latin = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => str(ind[k])).filter(Boolean).join(' ');
    const names: WatchlistName[] = [];
    if (latin) names.push({ name: latin, quality: 'good' });
    const orig = str(ind.NAME_ORIGINAL_SCRIPT);
    if (orig) names.push({ name: orig, quality: 'good' });
    for (const a of arr<any>(ind.INDIVIDUAL_ALIAS)) {
      const n = str(a.ALIAS_NAME);
      if (!n) continue;
      names.push({ name: n, quality: str(a.QUALITY).toLowerCase() === 'low' ? 'low' : 'good' });
    }
    const birth: BirthDateSpec[] = [];
    for (const d of arr<any>(ind.INDIVIDUAL_DATE_OF_BIRTH)) {
      const type = str(d.TYPE_OF_DATE).toUpperCase();
      const date = str(d.DATE) || str(d.YEAR);
      if (type === 'BETWEEN' && (str(d.FROM_YEAR) || str(d.TO_YEAR))) {
        const spec: BirthDateSpec = {};
        if (str(d.FROM_YEAR)) spec.from = Number(str(d.FROM_YEAR));
        if (str(d.TO_YEAR)) spec.to = Number(str(d.TO_YEAR));
        birth.push(spec);
      } else if (date) birth.push(type === 'APPROXIMATELY' ? { date, approximate: true } : { date });
    }
    const nationality = arr<any>(ind.NATIONALITY?.VALUE).map(str).filter(Boolean);
    const documents = arr<any>(ind.INDIVIDUAL_DOCUMENT).map((d) => str(d?.NUMBER)).filter(Boolean);
    const reference = str(ind.REFERENCE_NUMBER);
    const dataId = str(ind.DATAID);
    const e: UnEntry = { id: reference || dataId, reference, dataId, listType: str(ind.UN_LIST_TYPE), version: str(ind.VERSIONNUM), names };
    if (birth.length) e.birthDate = birth;
    if (nationality.length) e.nationality = nationality;
    if (documents.length) e.documents = documents;
    individuals.push(e);
  }
  return { dateGenerated: str(root['@dateGenerated']), individuals };
}

export interface WatchlistDiff<T extends WatchlistEntry> { added: T[]; changed: Array<{ before: T; after: T }>; removed: T[] }

function canonical(e: WatchlistEntry): string {
  const norm = (x: unknown): unknown => (Array.isArray(x) ? x.map(norm) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, norm((x as Record<string, unknown>)[k])])) : x);
  return JSON.stringify(norm(e));
}

/** What a re-import added, changed and removed (by id). */
export function diffWatchlists<T extends WatchlistEntry>(old: readonly T[], next: readonly T[]): WatchlistDiff<T> {
  const before = new Map(old.map((e) => [e.id, e]));
  const after = new Map(next.map((e) => [e.id, e]));
  const added: T[] = []; const changed: Array<{ before: T; after: T }> = []; const removed: T[] = [];
  for (const [id, e] of after) {
    const b = before.get(id);
    if (!b) added.push(e);
    else if (canonical(b) !== canonical(e)) changed.push({ before: b, after: e });
  }
  for (const [id, e] of before) if (!after.has(id)) removed.push(e);
  return { added, changed, removed };
}
