/** Public API of the cross-script name screening engine. */
export { detectScript, type Script } from './script.ts';
export { normalizeName } from './normalize.ts';
export { transliterate, phoneticKey, consonantSkeleton } from './translit.ts';
export { parseName, type NamePart } from './parts.ts';
export { dictionary, type DictEntry } from './dictionary.ts';
export { buildIndex, WatchlistIndex } from './index.ts';
export { scoreEntry } from './score.ts';
export { partSimilarity } from './part-similarity.ts';
export { screen, DEFAULT_THRESHOLD, type ScreenOptions } from './screen.ts';
export { normalizeIdentifier, compareIdentifiers, normalizePlate, comparePlates } from './identifiers.ts';
export { parseUnList, diffWatchlists, type UnEntry, type UnList } from './un-list.ts';
export { parseCsv, parseNameCsv, CsvError, type NameRecord } from './csv.ts';
export type * from './types.ts';
