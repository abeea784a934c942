/** Shared types of the screening engine. */
import type { BirthDateInput } from './attributes.ts';
import type { NamePart } from './parts.ts';

export type AliasQuality = 'good' | 'low';
export interface WatchlistName { name: string; quality: AliasQuality }

/** One listed person. `names[0]` is the primary name; strings count as good quality. */
export interface WatchlistEntry {
  id: string;
  names: Array<string | WatchlistName>;
  birthDate?: BirthDateInput;
  nationality?: string | string[];
  documents?: string[];
}

export interface ScreeningQuery {
  name: string;
  birthDate?: string;
  nationality?: string;
  document?: string;
}

export type MatchHow = 'exact' | 'translit' | 'phonetic' | 'fuzzy' | 'optional-suffix' | 'compound';

export interface PartExplanation {
  query: string | null;
  entry: string | null;
  how: MatchHow | 'unmatched';
  similarity: number;
  weight: number;
}

export const ADJUSTMENT_KINDS = ['birth-date', 'nationality', 'document', 'low-quality-alias', 'single-part'] as const;
/** Why a score moved, as a stable code (the UI translates it). */
export const ADJUSTMENT_DETAILS = [
  'conflict', 'exact-date', 'exact-year', 'in-range', 'approx', // birth date (conflict also nationality)
  'match', // nationality
  'same-number', 'same-number-folded', 'same-plate', 'same-plate-folded', // documents and plates (O/0, I/1 folded)
  'uncorroborated', // low-quality alias
  'one-part-written', 'one-part-listed', // single-part
] as const;
export type AdjustmentDetail = (typeof ADJUSTMENT_DETAILS)[number];
export interface Adjustment { kind: (typeof ADJUSTMENT_KINDS)[number]; detail: AdjustmentDetail; effect: number }

export interface ScoreResult {
  score: number;
  nameScore: number;
  matchedName: string;
  aliasQuality: AliasQuality;
  parts: PartExplanation[];
  adjustments: Adjustment[];
}

export interface Hit extends ScoreResult { id: string }

/**
 * A name variant of an entry, parsed once at index time. `joined[j]` is parts j and j+1
 * read as one compound part (Abdul Rahman ~ Abdurahmon), also prepared at index time.
 */
export interface IndexedName { text: string; quality: AliasQuality; parts: NamePart[]; joined?: NamePart[] }
export interface IndexedEntry { entry: WatchlistEntry; names: IndexedName[] }
