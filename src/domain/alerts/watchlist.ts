import { createHash } from 'node:crypto';
import type { BirthDateSpec } from '../names/attributes.ts';
import { parseName } from '../names/parts.ts';
import type { WatchlistEntry } from '../names/types.ts';
import type { AlertBirthDate, AlertBody } from './alert.ts';

function birthSpec(d: AlertBirthDate): BirthDateSpec {
  if (d.kind === 'exact') return { date: d.date };
  if (d.kind === 'approximate') return { date: String(d.year), approximate: true };
  return { from: d.from, to: d.to };
}

/** A person alert as the matching engine sees it. */
export function alertToWatchlistEntry(id: string, body: AlertBody): WatchlistEntry | null {
  if (body.subject.kind !== 'person') return null;
  const s = body.subject;
  return {
    id,
    names: s.names.map((n) => ({ name: n.name, quality: n.quality })),
    birthDate: s.birthDates.length ? s.birthDates.map(birthSpec) : undefined,
    nationality: s.nationalities.length ? s.nationalities : undefined,
    documents: s.documents.length ? s.documents : undefined,
  };
}

/**
 * A stable, non-reversible key for "this person" as screened: phonetic stems of the name
 * parts (order-free) plus birth date. A false positive recorded under it is not raised again.
 */
export function personKey(name: string, birthDate?: string): string {
  const stems = parseName(name)
    .filter((p) => p.role === 'name')
    .map((p) => p.stem)
    .sort();
  return createHash('sha256').update(`${stems.join(' ')}|${birthDate ?? ''}`).digest('hex');
}
