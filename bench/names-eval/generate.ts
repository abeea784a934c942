/**
 * Deterministic generator of realistic screening test sets (seeded PRNG): ~700 listed
 * persons in Tajik and Afghan naming styles, and 900 queries — 2/3 variants of listed
 * persons (other script or spelling convention, order swaps, -ov↔-zoda, dropped Afghan
 * surname, added patronymic, titles, typos), 1/3 unlisted persons sharing exactly one
 * name part with a listed person.
 */
import { dictionary, type DictEntry } from '../../src/domain/names/dictionary.ts';
import type { WatchlistEntry } from '../../src/domain/names/types.ts';
import { CONVENTIONS, mulberry32, pick, renderElement, typo, type Convention, type Element, type Rng, type Suffix } from './render.ts';

export interface Person { id: string; style: 'tajik' | 'afghan'; female: boolean; elements: Element[]; birthYear: number }
export interface TestQuery { id: string; name: string; expected: string | null; birthDate?: string; note: string }
export interface TestSet { entries: WatchlistEntry[]; queries: TestQuery[]; persons: Person[] }

export interface GenerateOptions { seed: number; listed?: number; queries?: number }

function pools() {
  const d = dictionary();
  const male = d.filter((e) => e.kind === 'm');
  const female = d.filter((e) => e.kind === 'f');
  const simpleMale = male.filter((e) => !/ullah|uddin|iddin|^abd|muhammad$/.test(e.key) || e.key === 'muhammad');
  const tribal = d.filter((e) => e.kind === 's' && e.key.length > 4 && !['sayid', 'bek', 'shoh', 'mir', 'khan', 'jon', 'yaar'].includes(e.key));
  const common = d.filter((e) => e.commonness > 0 && (e.kind === 'm' || e.kind === 'x'));
  const titles = d.filter((e) => e.kind === 't');
  return { male, female, simpleMale, tribal, common, titles };
}

function signature(els: Element[]): string {
  return els.map((x) => x.e.key).sort().join('+');
}

function makePerson(r: Rng, id: string, P: ReturnType<typeof pools>): Person {
  const style = r() < 0.55 ? 'tajik' : 'afghan';
  const female = r() < 0.2;
  const given = (): DictEntry => (female ? pick(r, P.female) : r() < 0.15 ? pick(r, P.common) : pick(r, P.male));
  const els: Element[] = [];
  if (style === 'tajik') {
    els.push({ e: given(), suffix: '', female });
    const k = r();
    const suffix: Suffix = k < 0.55 ? 'ov' : k < 0.8 ? 'zoda' : k < 0.9 ? 'i' : '';
    els.push({ e: pick(r, P.simpleMale), suffix, female });
  } else {
    els.push({ e: given(), suffix: '', female });
    const k = r();
    if (k < 0.35) els.push({ e: pick(r, P.male), suffix: '', female: false });
    else if (k < 0.7) { els.push({ e: pick(r, P.male), suffix: '', female: false }); els.push(r() < 0.6 ? { e: pick(r, P.tribal), suffix: '', female: false } : { e: pick(r, P.simpleMale), suffix: 'i', female: false }); }
    else els.push(r() < 0.6 ? { e: pick(r, P.tribal), suffix: '', female: false } : { e: pick(r, P.simpleMale), suffix: 'i', female: false });
  }
  return { id, style, female, elements: els, birthYear: 1950 + Math.floor(r() * 50) };
}

function render(r: Rng, els: Element[], conv: Convention): string {
  return els.map((el) => renderElement(r, el, conv)).join(' ');
}

function listConvention(r: Rng, p: Person): Convention {
  return p.style === 'tajik' ? pick(r, ['tajik', 'tajik', 'russian', 'passport', 'bgn'] as const) : pick(r, ['dari', 'dari', 'english', 'english', 'bgn'] as const);
}

/** Variation of a person's name as a query (shared by positives and negatives). */
function variant(r: Rng, p: Person, P: ReturnType<typeof pools>, listed: Convention, allowDrop: boolean): { name: string; note: string[] } {
  const note: string[] = [];
  let els = p.elements.map((x) => ({ ...x }));
  const others = CONVENTIONS.filter((c) => c !== listed);
  const conv = r() < 0.85 ? pick(r, others) : listed;
  note.push(conv);
  const last = els[els.length - 1]!;
  if (p.style === 'tajik' && r() < 0.3) {
    const opts: Suffix[] = (['ov', 'zoda', '', 'i'] as Suffix[]).filter((s) => s !== last.suffix);
    last.suffix = pick(r, opts); note.push('suffix→' + (last.suffix || 'none'));
  }
  if (allowDrop && p.style === 'afghan' && els.length >= 3 && r() < 0.25) { els = els.slice(0, -1); note.push('surname dropped'); }
  if (p.style === 'tajik' && r() < 0.35) {
    // official Tajik order: surname first
    els = [els[els.length - 1]!, ...els.slice(0, -1)]; note.push('surname first');
  } else if (r() < 0.15) { els = [...els].reverse(); note.push('reversed'); }
  if (p.style === 'tajik' && r() < 0.2) { els.push({ e: pick(r, P.simpleMale), suffix: 'ovich', female: p.female }); note.push('patronymic'); }
  let parts = els.map((el) => renderElement(r, el, conv));
  if (p.style === 'afghan' && r() < 0.1) { const t = pick(r, P.titles); parts.unshift(renderElement(r, { e: t, suffix: '', female: false }, conv)); note.push('title'); }
  if (r() < 0.15) {
    const i = Math.floor(r() * parts.length);
    const words = parts[i]!.split(' ');
    const j = Math.floor(r() * words.length);
    words[j] = typo(r, words[j]!);
    parts[i] = words.join(' ');
    note.push('typo');
  }
  if (conv !== 'dari' && r() < 0.1) { parts = parts.map((x) => x.toUpperCase()); }
  return { name: parts.join(' '), note };
}

/** Generate a test set. Same seed → same set. */
export function generateTestSet(opts: GenerateOptions): TestSet {
  const r = mulberry32(opts.seed);
  const P = pools();
  const nListed = opts.listed ?? 700;
  const nQueries = opts.queries ?? 900;
  const persons: Person[] = [];
  const sigs = new Set<string>();
  while (persons.length < nListed) {
    const p = makePerson(r, `W${String(persons.length + 1).padStart(4, '0')}`, P);
    const s = signature(p.elements);
    if (sigs.has(s)) continue;
    sigs.add(s);
    persons.push(p);
  }
  const listedConv = new Map<string, Convention>();
  const entries: WatchlistEntry[] = persons.map((p) => {
    const conv = listConvention(r, p);
    listedConv.set(p.id, conv);
    let els = p.elements;
    if (p.style === 'tajik' && r() < 0.25) els = [els[els.length - 1]!, ...els.slice(0, -1)];
    const names: WatchlistEntry['names'] = [render(r, els, conv)];
    if (r() < 0.3) names.push({ name: render(r, p.elements, pick(r, CONVENTIONS.filter((c) => c !== conv))), quality: 'good' });
    const e: WatchlistEntry = { id: p.id, names };
    if (r() < 0.5) e.birthDate = { date: String(p.birthYear) };
    return e;
  });
  const queries: TestQuery[] = [];
  const nPos = Math.round((nQueries * 2) / 3);
  for (let i = 0; i < nQueries; i++) {
    const p = pick(r, persons);
    if (i < nPos) {
      const v = variant(r, p, P, listedConv.get(p.id)!, true);
      queries.push({ id: `Q${i + 1}`, name: v.name, expected: p.id, note: v.note.join(', ') });
    } else {
      // an unlisted person sharing exactly one part (given name or surname) with p
      let q: Person | undefined;
      for (let tries = 0; tries < 50 && !q; tries++) {
        const keepIdx = r() < 0.5 ? 0 : p.elements.length - 1;
        const used = new Set(p.elements.map((x) => x.e.key));
        const els = p.elements.map((x, k) => {
          if (k === keepIdx) return { ...x };
          const pool = x.suffix !== '' || p.style === 'tajik' && k > 0 ? P.simpleMale : k === 0 ? (p.female ? P.female : P.male) : x.e.kind === 's' ? P.tribal : P.male;
          let e = pick(r, pool);
          while (used.has(e.key)) e = pick(r, pool);
          return { ...x, e };
        });
        const keys = new Set(els.map((x) => x.e.key));
        const tooClose = persons.some((o) => o.elements.filter((x) => keys.has(x.e.key)).length >= 2);
        if (!sigs.has(signature(els)) && !tooClose) q = { ...p, id: 'X', elements: els };
      }
      if (!q) { i--; continue; }
      const v = variant(r, q, P, listedConv.get(p.id)!, false);
      queries.push({ id: `Q${i + 1}`, name: v.name, expected: null, note: `unlisted, shares a part with ${p.id}; ${v.note.join(', ')}` });
    }
  }
  return { entries, queries, persons };
}
