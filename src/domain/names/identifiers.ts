/**
 * Normalisation and comparison of vehicle plates and document numbers (pure).
 * Cyrillic look-alike letters → Latin, Persian/Arabic-Indic digits → ASCII,
 * spaces/dashes/dots removed; for fuzzy comparison O↔0 and I/L↔1 are folded too.
 */
import { asciiDigits } from './normalize.ts';

const LOOKALIKE: Record<string, string> = {
  'А': 'A', 'В': 'B', 'Е': 'E', 'Ё': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C',
  'Т': 'T', 'У': 'Y', 'Х': 'X', 'І': 'I', 'Ӏ': 'I', 'Қ': 'K', 'Ҳ': 'X', 'Ү': 'Y', 'Ј': 'J', 'Ѕ': 'S',
};

/** Canonical form: upper case, Latin look-alikes, ASCII digits, separators removed. */
export function normalizeIdentifier(s: string): string {
  let out = '';
  for (const ch of asciiDigits(s.normalize('NFKC')).toUpperCase()) {
    const m = LOOKALIKE[ch];
    if (m !== undefined) { out += m; continue; }
    if ((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) out += ch;
  }
  return out;
}

/** Looser form for comparison: O→0, I/L→1, also Q→0, Z→2? no — only the classic OCR/typing confusions. */
export function foldIdentifier(s: string): string {
  return normalizeIdentifier(s).replace(/O/g, '0').replace(/[IL]/g, '1');
}

export type IdentifierMatch = 'exact' | 'folded' | 'none';

/** Compare two identifiers: 'exact' after normalisation, 'folded' after O/0, I/L/1 folding. */
export function compareIdentifiers(a: string, b: string): IdentifierMatch {
  const na = normalizeIdentifier(a);
  const nb = normalizeIdentifier(b);
  if (!na || !nb) return 'none';
  if (na === nb) return 'exact';
  if (foldIdentifier(a) === foldIdentifier(b)) return 'folded';
  return 'none';
}

/** Vehicle plates: same as identifiers (region digits, letters, number). */
export const normalizePlate = normalizeIdentifier;
export const comparePlates = compareIdentifiers;
