/**
 * Development set for screening, independent of the engine: its own names (names.ts) and
 * spelling rules (spell.ts), nothing imported from src/ (devset.test.ts checks).
 *
 * Listed people in Tajik style (given name + surname in -ov/-ova/-ev, -zoda, -ī, -yon,
 * with a father's name for patronymics) and Afghan style (given name, father's name,
 * tribal or place surname); queries of listed people written another way (other script
 * or convention, Arabic keyboard letters and short-vowel marks, surname first or reversed,
 * -ov ↔ -zoda, patronymics with -ovich / ibni / ولد / bin / ibn / s/o / d/o / w/o / сын /
 * писари, compounds joined or split by a ZWNJ or a space, titles, typos, capitals); and
 * unlisted namesakes (another given name or surname with the rest kept, another name that
 * looks alike once vowels are gone: Hasan for Husayn, Salim for Salam; a brother).
 *
 * Every person has an id; `halfOf(id)` puts it in the tuning or the test half by a hash of
 * the id (FNV-1a, even → tune, odd → test). Queries go with their person's half, and each
 * half is screened against its own listed people.
 */
import { LEMMAS, LOOK_ALIKE, type NameLemma } from './names.ts';
import { choose, CONVS, element, isDari, prng, slip, type Conv, type Element, type Marker, type Rng, type SurSuffix } from './spell.ts';

export type Half = 'tune' | 'test';
/** Which half a person (or a real record) belongs to: FNV-1a of the id, even → tune, odd → test. */
export function halfOf(id: string): Half {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 2 === 0 ? 'tune' : 'test';
}

export interface DevPerson { id: string; style: 'tajik' | 'afghan'; female: boolean; given: NameLemma; surname?: { l: NameLemma; suffix: SurSuffix }; father: NameLemma; tribe?: NameLemma; fatherInName: boolean; birth: string }
/** Same shape as the engine's watch-list entry, declared here so nothing is imported. */
export interface DevEntry { id: string; names: Array<string | { name: string; quality: 'good' | 'low' }>; birthDate?: string }
export interface DevQuery { id: string; name: string; birthDate?: string; expected: string | null; half: Half; note: string }
export interface DevSet { entries: DevEntry[]; queries: DevQuery[]; people: DevPerson[]; signature: Map<string, string> }

const male = LEMMAS.filter((l) => l.kind === 'm');
const simpleMale = male.filter((l) => !l.tag.includes('+'));
const female = LEMMAS.filter((l) => l.kind === 'f');
const tribes = LEMMAS.filter((l) => l.kind === 's');
const byTag = new Map(LEMMAS.map((l) => [l.tag, l]));

/** The name parts that make a person's name (what "the same name" means). */
export function signatureOf(p: DevPerson): string {
  const parts = [`g:${p.given.tag}`];
  if (p.surname) parts.push(`s:${p.surname.l.tag}`);
  if (p.fatherInName) parts.push(`f:${p.father.tag}`);
  if (p.tribe) parts.push(`t:${p.tribe.tag}`);
  return (p.female ? 'F|' : 'M|') + parts.sort().join('+');
}

function pad(n: number): string { return String(n).padStart(2, '0'); }

function makePerson(r: Rng, id: string): DevPerson {
  const style = r() < 0.55 ? 'tajik' : 'afghan';
  const fem = r() < 0.2;
  const given = fem ? choose(r, female) : choose(r, male);
  const father = choose(r, male);
  const birth = `${1955 + Math.floor(r() * 45)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
  if (style === 'tajik') {
    const k = r();
    const suffix: SurSuffix = k < 0.55 ? 'ov' : k < 0.85 ? 'zoda' : k < 0.95 ? 'i' : 'yon';
    return { id, style, female: fem, given, surname: { l: choose(r, simpleMale), suffix }, father, fatherInName: false, birth };
  }
  const k = r();
  const tribe = k < 0.75 ? choose(r, tribes) : undefined;
  return { id, style, female: fem, given, father, tribe, fatherInName: !tribe || r() < 0.6, birth };
}

/** The ordered elements of a person's name as one writer would set them down. */
function elementsOf(p: DevPerson, r: Rng, o: { surnameFirst?: boolean; patronymic?: Marker | null; dropTribe?: boolean; fatherMarker?: Marker | null; suffix?: SurSuffix }): Element[] {
  const els: Element[] = [{ t: 'given', l: p.given }];
  if (p.surname) {
    const sur: Element = { t: 'sur', l: p.surname.l, suffix: o.suffix ?? p.surname.suffix, female: p.female };
    if (o.surnameFirst) els.unshift(sur); else els.push(sur);
    if (o.patronymic) els.push({ t: 'patr', l: p.father, marker: o.patronymic, female: p.female });
  } else {
    if (p.fatherInName) els.push(o.fatherMarker ? { t: 'patr', l: p.father, marker: o.fatherMarker, female: p.female } : { t: 'given', l: p.father });
    if (p.tribe && !o.dropTribe) els.push({ t: 'tribe', l: p.tribe });
  }
  return els;
}

function write(els: Element[], conv: Conv, r: Rng): string {
  return els.map((e) => element(e, conv, r)).join(' ');
}

function markerFor(r: Rng, conv: Conv, p: DevPerson): Marker {
  if (isDari(conv)) return choose(r, ['walad', 'walad', 'bin', 'ibn', 'pisari'] as const);
  if (conv === 'tj' || conv === 'ru') return p.style === 'tajik' ? choose(r, ['ovich', 'ovich', 'ibni', 'syn', 'pisari'] as const) : choose(r, ['ibni', 'syn', 'pisari', 'bin'] as const);
  return p.style === 'tajik' ? choose(r, ['ovich', 'ovich', 'so', 'bin'] as const) : choose(r, ['so', 'so', 'bin', 'ibn', 'sonof', 'wo'] as const);
}

const TITLES: Record<'lat' | 'cyr' | 'dari', string[]> = { lat: ['Haji', 'Mullah', 'Mawlawi', 'Qari'], cyr: ['Ҳоҷӣ', 'Мулло', 'Мавлавӣ'], dari: ['حاجی', 'ملا', 'مولوی'] };

function listedConv(r: Rng, p: DevPerson): Conv {
  return p.style === 'tajik' ? choose(r, ['tj', 'tj', 'ru', 'lat-tj', 'lat-icao'] as const) : choose(r, ['lat-af', 'lat-af', 'dari', 'lat-af'] as const);
}

/** A query of person p written another way; returns the text and what was varied. */
function variant(r: Rng, p: DevPerson, listed: Conv, namesake = false): { name: string; note: string[] } {
  const note: string[] = [];
  const conv: Conv = r() < 0.85 ? choose(r, CONVS.filter((c) => c !== listed)) : listed;
  note.push(conv);
  const o: Parameters<typeof elementsOf>[2] = {};
  if (p.surname) {
    if (r() < 0.2) { o.suffix = p.surname.suffix === 'zoda' ? 'ov' : 'zoda'; note.push(`-${o.suffix}`); }
    if (r() < 0.35) { o.surnameFirst = true; note.push('surname first'); }
    if (r() < 0.25) { o.patronymic = markerFor(r, conv, p); note.push(`patronymic ${o.patronymic}`); }
  } else {
    if (p.fatherInName && r() < 0.5) { o.fatherMarker = markerFor(r, conv, p); note.push(`father ${o.fatherMarker}`); }
    // (a namesake keeps every part: dropping the one that differs would write the listed name)
    if (p.tribe && p.fatherInName && !namesake && r() < 0.25) { o.dropTribe = true; note.push('tribe dropped'); }
  }
  let els = elementsOf(p, r, o);
  if (!o.surnameFirst && r() < 0.12) { els = [...els].reverse(); note.push('reversed'); }
  const words = els.map((e) => element(e, conv, r));
  if (p.style === 'afghan' && r() < 0.08) {
    words.unshift(choose(r, isDari(conv) ? TITLES.dari : conv === 'tj' || conv === 'ru' ? TITLES.cyr : TITLES.lat));
    note.push('title');
  }
  if (r() < 0.15) {
    const i = Math.floor(r() * words.length);
    const ws = words[i]!.split(' ');
    const j = ws.reduce((b, w, k) => (w.length > ws[b]!.length ? k : b), 0);
    ws[j] = slip(r, ws[j]!);
    words[i] = ws.join(' ');
    note.push('typo');
  }
  let name = words.join(' ');
  if (!isDari(conv) && r() < 0.1) { name = name.toUpperCase(); note.push('capitals'); }
  return { name, note };
}

/** An unlisted namesake of p: one name part changed, or a look-alike name put in its place. */
function namesake(r: Rng, p: DevPerson): { q: DevPerson; how: string } {
  const q: DevPerson = { ...p, id: `${p.id}-X`, birth: `${1955 + Math.floor(r() * 45)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}` };
  const k = r();
  const alike = (tag: string): NameLemma | undefined => {
    const pairs = LOOK_ALIKE.filter(([a, b]) => a === tag || b === tag).map(([a, b]) => (a === tag ? b : a)).map((t) => byTag.get(t)!);
    const ok = pairs.filter((l) => (l.kind === 'f') === p.female);
    return ok.length ? choose(r, ok) : undefined;
  };
  if (k < 0.3) {
    const l = alike(p.given.tag);
    if (l) { q.given = l; return { q, how: `look-alike given ${p.given.tag}→${l.tag}` }; }
  }
  if (k < 0.4 && p.surname) {
    const l = alike(p.surname.l.tag);
    if (l && l.kind === 'm') { q.surname = { ...p.surname, l }; return { q, how: `look-alike surname ${p.surname.l.tag}→${l.tag}` }; }
  }
  if (k < 0.7 || (!p.surname && !p.tribe)) { q.given = p.female ? choose(r, female) : choose(r, male); return { q, how: 'other given name' }; }
  if (p.surname) { q.surname = { ...p.surname, l: choose(r, simpleMale) }; return { q, how: 'other surname' }; }
  if (r() < 0.5 || !p.fatherInName) { q.tribe = choose(r, tribes); return { q, how: 'other tribe' }; }
  q.father = choose(r, male); return { q, how: 'other father' };
}

export interface DevSetOptions { seed: number; listed?: number; positives?: number; negatives?: number }

/** Generate the set (same seed → same set). Default: 1,400 listed, 1,200 positive and 600 unlisted queries, over both halves. */
export function generateDevSet(opts: DevSetOptions): DevSet {
  const r = prng(opts.seed);
  const nListed = opts.listed ?? 1400;
  const people: DevPerson[] = [];
  const sigs = new Set<string>();
  const signature = new Map<string, string>();
  while (people.length < nListed) {
    const p = makePerson(r, `D${opts.seed}-${String(people.length + 1).padStart(4, '0')}`);
    const s = signatureOf(p);
    if (sigs.has(s)) continue;
    sigs.add(s); signature.set(p.id, s);
    people.push(p);
  }
  const convOf = new Map<string, Conv>();
  const entries: DevEntry[] = people.map((p) => {
    const conv = listedConv(r, p);
    convOf.set(p.id, conv);
    const o = p.surname ? { surnameFirst: r() < 0.4, patronymic: r() < 0.3 && conv !== 'lat-af' ? ('ovich' as const) : null } : { fatherMarker: r() < 0.5 ? (isDari(conv) ? ('walad' as const) : ('so' as const)) : null };
    const names: DevEntry['names'] = [write(elementsOf(p, r, o), conv, r)];
    if (r() < 0.35) names.push({ name: write(elementsOf(p, r, {}), choose(r, CONVS.filter((c) => c !== conv)), r), quality: 'good' });
    const e: DevEntry = { id: p.id, names };
    const b = r();
    if (b < 0.35) e.birthDate = p.birth; else if (b < 0.6) e.birthDate = p.birth.slice(0, 4);
    return e;
  });
  const queries: DevQuery[] = [];
  const nPos = opts.positives ?? 1200;
  const nNeg = opts.negatives ?? 600;
  for (let i = 0; i < nPos; i++) {
    const p = choose(r, people);
    const v = variant(r, p, convOf.get(p.id)!);
    const q: DevQuery = { id: `P${i + 1}`, name: v.name, expected: p.id, half: halfOf(p.id), note: v.note.join(', ') };
    if (r() < 0.4) q.birthDate = r() < 0.6 ? p.birth : p.birth.slice(0, 4);
    queries.push(q);
  }
  for (let i = 0; i < nNeg;) {
    const p = choose(r, people);
    const { q: x, how } = namesake(r, p);
    if (sigs.has(signatureOf(x))) continue;
    const v = variant(r, x, convOf.get(p.id)!, true);
    const q: DevQuery = { id: `N${i + 1}`, name: v.name, expected: null, half: halfOf(p.id), note: `namesake of ${p.id} (${how}); ${v.note.join(', ')}` };
    if (r() < 0.4) q.birthDate = r() < 0.6 ? x.birth : x.birth.slice(0, 4);
    queries.push(q);
    i++;
  }
  return { entries, queries, people, signature };
}

/** The part of a set in one half: its listed people and the queries made from them. */
export function halfSet(set: DevSet, half: Half): DevSet {
  const ids = new Set(set.people.filter((p) => halfOf(p.id) === half).map((p) => p.id));
  return {
    entries: set.entries.filter((e) => ids.has(e.id)),
    queries: set.queries.filter((q) => q.half === half),
    people: set.people.filter((p) => ids.has(p.id)),
    signature: set.signature,
  };
}

/** The frozen set: this seed is the one the docs and tests report; do not tune on its test half. */
export const FROZEN_SEED = 2026;
