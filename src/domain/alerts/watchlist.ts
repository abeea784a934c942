import type { BirthDateSpec } from '../names/attributes.ts';
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
