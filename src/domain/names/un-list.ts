/** The UN Security Council Consolidated List as watch-list entries, and the re-import diff. */
import { alertToWatchlistEntry } from '../alerts/watchlist.ts';
import { parseUnList as parseUnXml, unIndividualToAlert } from '../alerts/un-list.ts';
import type { WatchlistEntry } from './types.ts';

export interface UnEntry extends WatchlistEntry { reference: string; dataId: string; listType: string }
export interface UnList { dateGenerated: string; individuals: UnEntry[] }

/** One parser of the XML (domain/alerts/un-list.ts) serves both the importer and the engine. */
export function parseUnList(xml: string): UnList {
  const list = parseUnXml(xml);
  return {
    dateGenerated: list.generatedAt ?? '',
    individuals: list.individuals.map((i) => ({
      ...alertToWatchlistEntry(i.ref, unIndividualToAlert(i))!,
      reference: i.ref,
      dataId: i.dataId,
      listType: i.listType,
    })),
  };
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
