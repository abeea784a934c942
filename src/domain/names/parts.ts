/**
 * Tokenisation of a name into parts: compounds joined (Abdul Rahman, Habib Ullah,
 * Saif ud Din), titles and particles marked optional, surname suffixes
 * (-ov/-ova/-ev/-zoda/-zade/-i/-yon/-pur) split off the stem, patronymics flagged.
 */
import { normalizeName } from './normalize.ts';
import { detectScript } from './script.ts';
import { phoneticToken, coarseSkeleton, consonantSkeleton } from './translit.ts';
import { dictionary, lookupByPhon, rarityPrior, type DictEntry } from './dictionary.ts';
import { keySimilarity } from './similarity.ts';

export type PartRole = 'name' | 'title' | 'patronymic';
export interface NamePart {
  /** normalised token(s) as written */
  raw: string;
  /** phonetic key of the whole part */
  phon: string;
  /** phonetic key without surname suffix */
  stem: string;
  /** canonical suffix class: '', 'ov', 'zoda', 'i', 'yon', 'pur', 'ovich' */
  suffix: string;
  role: PartRole;
  /** written in Perso-Arabic script (short vowels missing) */
  arabic: boolean;
  /** written in Cyrillic */
  cyrillic?: boolean;
  dict: DictEntry | undefined;
  /** rarity prior from the dictionary (1 = ordinary) */
  prior: number;
  /** consonant skeleton and coarse skeleton of the stem */
  skel: string;
  coarse: string;
  /** joined from several written tokens */
  compound: boolean;
  /** id of this exact part in a watch-list index, shared by equal parts; -1 outside an index */
  sid: number;
  /**
   * A father's (or husband's) name introduced by a marker (bin, ibn, ولد, s/o, сын…): its
   * role is 'patronymic', but it is an ordinary name and may meet the same name written
   * without the marker (UN lists and Afghan usage write the father's name plainly).
   */
  marked?: boolean;
  /** the given name: the first name part without a surname suffix; how we know it */
  given?: 'marker' | 'position';
}

const TITLES = new Set(['haji', 'hajji', 'hadji', 'hoji', 'hodzhi', 'khodzhi', 'alhaj', 'alhaji', 'mullah', 'mulla', 'mullo', 'molla', 'mollah', 'mawlawi', 'maulvi', 'mawlavi', 'mavlavi', 'moulavi', 'maulavi', 'mawlana', 'maulana', 'mavlono', 'sheikh', 'shaikh', 'shaykh', 'qari', 'qori', 'kori', 'dr', 'doctor', 'eng', 'engineer', 'general', 'gen', 'col', 'colonel', 'commander', 'qomandon', 'mr', 'mrs', 'ms', 'hafiz', 'ustad', 'ustod', 'ostad', 'akhund', 'okhund', 'akhoond', 'sayed', 'sayyid', 'sayid', 'syed', 'seyed', 'sayyed', 'sayed', 'said', 'mir']
  .map((t) => phoneticToken(t)));
/** Titles that are ALSO ordinary given names: kept as parts, but with a low prior. */
// (Sayyid and its spellings too: Afghan and UN lists write it as part of the name — Saduddin Sayyed)
const WEAK_TITLES = new Set(['hafiz', 'said', 'mir', 'sayid', 'sayed', 'sayyid', 'syed', 'seyed', 'sayyed'].map((t) => phoneticToken(t)));
const PARTICLES = new Set(['al', 'el', 'ul', 'ad', 'ud', 'ibn', 'ibni', 'bint', 'binti', 'va', 'wa', 'von', 'de', 'ал', 'ибн', 'ибни', 'бин', 'ва', 'бинти', 'و', 'بن', 'ابن', 'بنت', 'ال', 'آل', 'o', 'у', 'e', 'i', 'и', 'ли'].flatMap((t) => [t, phoneticToken(t)]));
const ABD = new Set(['abd', 'abdu', 'abdul', 'abdal', 'abdel', 'abdol', 'abdur', 'abdus', 'abdun', 'абд', 'абду', 'абдул', 'абдал', 'عبد', 'عبدال'].map(phoneticToken));
const ULLAH = new Set(['ullah', 'ulloh', 'ullo', 'ulla', 'allah', 'alloh', 'ollah', 'ulah', 'улло', 'улла', 'уллоҳ', 'аллоҳ', 'алла', 'الله'].map(phoneticToken));
const DIN = new Set(['din', 'deen', 'dyn', 'дин', 'الدین', 'دین'].map(phoneticToken));
const UD = new Set(['ud', 'ad', 'ed', 'id', 'ul', 'al', 'уд', 'ад', 'ид', 'ал'].map(phoneticToken));

/** Surname / patronymic suffixes on the phonetic key, longest first: [pattern, class]. */
const SUFFIXES: Array<[string, string]> = [
  ['oviC', 'ovich'], ['eviC', 'ovich'], ['ovna', 'ovich'], ['evna', 'ovich'], ['iC', 'ovich'],
  ['zoda', 'zoda'], ['zada', 'zoda'], ['zade', 'zoda'], ['zadeh', 'zoda'], ['zodeh', 'zoda'], ['sade', 'zoda'], ['sada', 'zoda'], ['soda', 'zoda'],
  ['ova', 'ov'], ['eva', 'ov'], ['ov', 'ov'], ['ev', 'ov'], ['of', 'ov'], ['uf', 'ov'], ['ova', 'ov'], ['ufa', 'ov'], ['ua', 'ov'],
  ['iyon', 'yon'], ['yon', 'yon'], ['iyan', 'yon'], ['pur', 'pur'], ['i', 'i'],
];

/**
 * -zoda split on the written word: converting the whole word first merges the boundary
 * (Hikmat|zoda → "hikmasoda" as German tz, Фирӯз|зода → "firuzoda"), and the stem no
 * longer meets Hikmatov or Firuzi.
 */
const WRITTEN_ZODA = /^(.{3,}?)(zoda|zada|zade|zadeh|zodah|zodeh|sade|sada|soda|зода|заде|зада|задэ|зоде|زاده|زده|زادہ)$/;

/**
 * Consonants written in a stem, repeats included: Aziz has two (its skeleton, which merges
 * repeats, has one), so Azizov and Azizzoda are Aziz with a surname suffix.
 */
function consonants(stem: string): number {
  let n = 0;
  for (const ch of stem) if (!'aeiou'.includes(ch)) n++;
  return n;
}

function splitSuffix(phon: string, arabic: boolean): { stem: string; suffix: string } {
  // patronymics, also misspelt: -ovich, -ovitch, -owitsch, -evich, -ovna
  const pm = /^(.{3,}?)[oe]vi?[CXS]+$/.exec(phon) ?? /^(.{3,}?)[oe]vn[ai]$/.exec(phon);
  if (pm) return { stem: pm[1]!, suffix: 'ovich' };
  for (const [pat, cls] of SUFFIXES) {
    if (!phon.endsWith(pat)) continue;
    const stem = phon.slice(0, phon.length - pat.length);
    // short stems only before -ov after a vowel (Isoev, Musoev), never before -i or -zoda
    if (stem.length < 3 || consonants(stem) < (cls === 'ov' && /[aeiou]$/.test(stem) ? 1 : 2)) continue;
    if (cls === 'ov' && (pat === 'ua' || pat === 'uf' || pat === 'ufa') && !arabic) continue;
    if (cls === 'ov' && pat !== 'ov' && pat !== 'ova' && !arabic && pat !== 'ev' && pat !== 'eva' && pat !== 'of') continue;
    if (cls === 'i' && (stem.endsWith('z') || consonantSkeleton(stem).length < 3)) continue; // -zai (Pashto tribes) keep
    // Aliyev, Боқӣев, Khamzayev, German Dschumajew: the y only carries the vowel into -ev
    if (cls === 'ov' && /[aeiou][yJ]$/.test(stem) && stem.length > 3) return { stem: stem.slice(0, -1), suffix: cls };
    return { stem, suffix: cls };
  }
  // -ov in Perso-Arabic script: سامیوف (Samiev), وفاوف (Vafoev) end in و read as v, then ف
  if (arabic && phon.endsWith('vf') && consonantSkeleton(phon.slice(0, -2)).length >= 2) return { stem: phon.slice(0, -2), suffix: 'ov' };
  if (arabic) {
    // Dari spellings of Slavic -ov/-ev/-ova: کریم‌اف, علی‌یف / علییف (Aliev), شرف‌اوا (Sharafova)
    const m = /^(.+?)(af|ava|va|iuf|ivf|yf|if)$/.exec(phon);
    if (m) {
      const [, stem, suf] = m as unknown as [string, string, string];
      // -if is also the end of names (لطیف, شریف): only when the rest is a known name ending in -i (نبی, علی)
      const withI = suf !== 'af' && suf !== 'ava' && suf !== 'va' ? lookupByPhon(stem + 'i', true) : undefined;
      // (a given name ending in -i: Ali, Nabi; a nisba surname such as Mansuri takes no -ev)
      if (withI && !(withI.kind.startsWith('s') && lookupByPhon(stem, true))) return { stem: stem + 'i', suffix: 'ov' };
      if (consonantSkeleton(stem).length >= 2 && suf !== 'if' && suf !== 'yf') return { stem, suffix: 'ov' };
      // …or after a consonant when the rest is a known name and the whole word is not (منصوریف = Mansurov; لطیف stays)
      if ((suf === 'if' || suf === 'yf') && consonantSkeleton(stem).length >= 2 && lookupByPhon(stem, true)) return { stem, suffix: 'ov' };
    }
  }
  return { stem: phon, suffix: '' };
}

function canonicalCompound(phon: string, joined: boolean): string {
  let p = phon;
  // Abdul Rahman / Abdurrahmon / عبدالرحمن → abdu + rahman
  const m = /^abd[aeiou]?l([^aeiou].*)$/.exec(p);
  if (m) p = 'abdu' + m[1];
  else if (/^abd[^aeiou]/.test(p)) p = 'abdu' + p.slice(3);
  else if (/^abd[aeo][^l]/.test(p)) p = 'abdu' + p.slice(4);
  // -ullah / -ulloh / -ulla / الله
  const u = /^(.{3,}?)[aeiou]?l(ah|oh|a|o|h)$/.exec(p);
  if (u && (joined || p.length >= 7)) p = u[1] + 'ula';
  // ud-Din / uddin / иддин / الدین
  const d = /^(.{3,}?)[aeiou]?[lt]?din$/.exec(p);
  if (d && (joined || p.length >= 7)) p = d[1] + 'udin';
  return p;
}

function makePart(raw: string, compound: boolean, role: PartRole = 'name'): NamePart {
  const script = detectScript(raw);
  const arabic = script === 'arabic';
  let phon = phoneticToken(raw.replace(/ /g, ''));
  // Arabic article on family names: التکریتی → تکریتی (not on dictionary names like الیاس)
  if (arabic && raw.startsWith('ال') && raw.length > 4 && !lookupByPhon(phon, true) && !lookupByPhon(splitSuffix(phon, true).stem, true) && !(phon.endsWith('i') && lookupByPhon(phon.slice(0, -1), true))) phon = phoneticToken(raw.slice(2));
  if (!arabic && /^(al|el)[^aeiou]/.test(phon) && phon.length > 5 && !lookupByPhon(phon)) phon = phon.slice(2);
  let dict = lookupByPhon(phon, arabic);
  const canon = canonicalCompound(phon, compound);
  if (!dict && canon !== phon) dict = lookupByPhon(canon, arabic);
  phon = canon;
  const zoda = !dict ? WRITTEN_ZODA.exec(raw) : null;
  const zodaStem = zoda ? canonicalCompound(phoneticToken(zoda[1]!), compound) : '';
  // a dictionary name keeps its whole key as stem; otherwise the surname suffix comes off
  const { stem, suffix } = dict ? { stem: phon, suffix: '' } : zoda && consonants(zodaStem) >= 2 ? { stem: zodaStem, suffix: 'zoda' } : splitSuffix(phon, arabic);
  if (suffix === 'ovich') role = 'patronymic';
  // Rahmonov ← Rahmon + ov: the stem may be a dictionary name
  const sd = dict ?? lookupByPhon(stem, arabic);
  let prior = rarityPrior(sd);
  if (suffix !== '' && suffix !== 'i' && sd && sd.commonness > 0) prior = Math.max(prior, 0.8); // Akhmedov is rarer than Ahmad
  return {
    raw, phon, stem, suffix, role, arabic, cyrillic: script === 'cyrillic', dict: sd, prior,
    skel: consonantSkeleton(stem), coarse: coarseSkeleton(stem), compound, sid: -1,
  };
}

/** Two adjacent parts read as one (Abdul + Rahman ~ Abdurahmon): an unindexed compound part. */
export function joinParts(a: NamePart, b: NamePart): NamePart {
  const phon = a.phon + b.phon;
  return { ...b, raw: a.raw + ' ' + b.raw, phon, stem: a.phon + b.stem, dict: undefined, arabic: a.arabic || b.arabic, cyrillic: a.cyrillic === true && b.cyrillic === true, compound: true, prior: Math.max(a.prior, b.prior), sid: -1 };
}

let titleKeys: string[] | undefined;
/** Misspelt or foreign-convention titles (Chodschi, Mawlono) at the start of a name. */
function looksLikeTitle(p: string): boolean {
  if (p.length > 9 || p.length < 3) return false;
  titleKeys ??= [...TITLES, ...dictionary().filter((e) => e.kind === 't').flatMap((e) => e.keys)].filter((k) => !WEAK_TITLES.has(k));
  if (lookupByPhon(p)) return false;
  for (const k of titleKeys) if (Math.abs(k.length - p.length) <= 2 && keySimilarity(k, p, false) >= 0.8) return true;
  return false;
}

/**
 * Words that introduce a father's (or, for w/o, a husband's) name, in every script met at
 * the border: Arabic and Dari bin / ibn / bint / ولد ("son of") / پسر / دختر, Tajik ibni /
 * binti / писари / духтари, Russian сын / дочь, Latin walad / ould / ben; s/o, d/o, w/o and
 * "son of" are rewritten to ibn before tokenising (the slash would split them).
 */
const MARKERS = new Set(['ibni', 'ibn', 'bin', 'ben', 'binti', 'bint', 'binte', 'walad', 'valad', 'wuld', 'ould', 'ибни', 'ибн', 'бин', 'бинти', 'бинт', 'сын', 'дочь', 'писари', 'духтари', 'фарзанди', 'валад', 'بن', 'ابن', 'بنت', 'ولد', 'پسر', 'دختر', 'فرزند']);
/** Surname suffixes that Dari and Latin writers sometimes space off the name (the normalised word). */
const SUFFIX_WORDS = new Set(['zoda', 'zada', 'zade', 'zadeh', 'зода', 'заде', 'зада', 'زاده', 'زده', 'اف', 'وف', 'یف', 'اوا', 'یوف']);
const SLASH_MARKER = /(^|[\s,;(])[sdwSDW]\s*\/\s*[oO](?=[\s,;).]|$)\.?/g;
const OF_MARKER = /(^|[\s,;(])(?:son|daughter|wife)\s+of(?=\s)/gi;
/** Latin lists run the marker into the article: Binalshibh, Benelhadj (bin al-Shibh). */
const RUN_TOGETHER_BIN = /(?<![a-z])(bin|ben|ibn)((?:al|el)[a-z]{3,})/g;

/** Split a name into parts. */
export function parseName(name: string): NamePart[] {
  const toks = normalizeName(name.replace(SLASH_MARKER, '$1 ibn ').replace(OF_MARKER, '$1 ibn ')).replace(RUN_TOGETHER_BIN, '$1 $2').split(' ').filter(Boolean);
  const phons = toks.map((t) => phoneticToken(t));
  const parts: NamePart[] = [];
  let patronymicNext = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const p = phons[i]!;
    if (!p) continue;
    // bin / ibni / ولد / сын… introduce a father's name (never the last word: then it is a name)
    if (MARKERS.has(t) || p === 'ibni' || p === 'binti') {
      // …and not the first word either: Ibn Qaim, Ibn Taymiyya are names in their own right
      // — unless two or more names follow the father's: "bin Sultan Yunuszade Ali" is the reversed order
      if (i + 1 < toks.length && (parts.some((x) => x.role !== 'title') || (parts.length === 0 && toks.length - i - 1 >= 3 && toks.slice(i + 1).every((w) => !PARTICLES.has(w) && !MARKERS.has(w))))) patronymicNext = true;
      continue;
    }
    // compounds with separate tokens
    if (ABD.has(p) && i + 1 < toks.length) {
      let j = i + 1;
      if (PARTICLES.has(phons[j]!) && j + 1 < toks.length) j++;
      const abd = makePart(t + toks.slice(i + 1, j + 1).join(''), true, patronymicNext ? 'patronymic' : 'name');
      if (patronymicNext) abd.marked = true;
      parts.push(abd);
      patronymicNext = false;
      i = j;
      continue;
    }
    if (ULLAH.has(p) && parts.length > 0) {
      const prev = parts.pop()!;
      parts.push(makePart(prev.raw + t, true, prev.role));
      continue;
    }
    if (DIN.has(p) && parts.length > 0) {
      const prev = parts.pop()!;
      // the joining article in the word's own script: Zia ud Din, Зиё уд дин, ضیا الدین (never Latin inside Arabic)
      const script = detectScript(t);
      const ud = script === 'arabic' ? (t.startsWith('ال') ? '' : 'ال') : script === 'cyrillic' ? 'уд' : 'ud';
      parts.push(makePart(prev.raw + ud + t, true, prev.role));
      continue;
    }
    if (UD.has(p) && i + 1 < toks.length && DIN.has(phons[i + 1]!) && parts.length > 0) {
      const prev = parts.pop()!;
      parts.push(makePart(prev.raw + t + toks[i + 1]!, true, prev.role));
      i++;
      continue;
    }
    // a surname suffix written as a word of its own (فرید زاده, Karim zoda, کریم اف): it belongs to the name before
    if (SUFFIX_WORDS.has(t) && parts.length > 0 && parts[parts.length - 1]!.role === 'name' && parts[parts.length - 1]!.suffix === '') {
      const prev = parts.pop()!;
      const joined = makePart(prev.raw + t, prev.compound, prev.role);
      joined.marked = prev.marked;
      parts.push(joined);
      continue;
    }
    if (PARTICLES.has(t) || PARTICLES.has(p)) continue;
    if (toks.length > 1 && !WEAK_TITLES.has(p) && (TITLES.has(p) || lookupByPhon(p)?.kind === 't' || (parts.length === 0 && detectScript(t) !== 'arabic' && looksLikeTitle(p)))) { parts.push({ ...makePart(t, false), role: 'title', prior: 0.1 }); continue; }
    // a Perso-Arabic word ending in الله / الدین is a compound even without a ZWNJ or space
    const part = makePart(t, /^.{2,}(?:الله|الدین)$/.test(t), patronymicNext ? 'patronymic' : 'name');
    if (patronymicNext) part.marked = true;
    if (WEAK_TITLES.has(p)) part.prior = Math.min(part.prior, 0.4);
    patronymicNext = false;
    parts.push(part);
  }
  // the same name written twice, in two scripts ("Agha Jan Alizai اغا جان عالیزی", lists that
  // give the original script beside the Latin): each part once, in its Perso-Arabic writing
  if (parts.some((x) => x.arabic) && parts.some((x) => !x.arabic)) {
    const kept: NamePart[] = [];
    const twin = (a: NamePart, b: NamePart) => a.arabic !== b.arabic && a.role === b.role && ((a.dict !== undefined && a.dict === b.dict) || a.phon === b.phon);
    // (the Perso-Arabic writing is kept: it says less about vowels, so it is never the stricter one)
    for (const x of parts) if (x.arabic || !parts.some((y) => y.arabic && twin(x, y))) kept.push(x);
    parts.length = 0;
    parts.push(...kept);
  }
  // the given name: the first name part without a surname suffix (after the surname when the
  // surname comes first, as Tajik documents write it)
  const names = parts.filter((x) => x.role === 'name');
  const given = names[0] && (names[0].suffix === '' || names[0].suffix === 'i') ? names[0] : names.find((x) => x.suffix === '' && !x.dict?.kind.startsWith('s'));
  // ('marker' when a marker makes the order explicit; "Bahrom Husayn" may be written either way)
  if (given && parts.filter((x) => x.role === 'name' || x.marked).length > 1) given.given = parts.some((x) => x.marked) ? 'marker' : 'position';
  return parts;
}
