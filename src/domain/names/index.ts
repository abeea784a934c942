/**
 * In-memory index over a watch-list for fast candidate generation: an inverted index on
 * coarse consonant skeletons of name parts (plus their one-deletion neighbourhood for
 * typos, dictionary keys, and adjacent-part compounds), with rarity weights (IDF over the
 * list × dictionary priors) so that shared "Muhammad" or "Khan" means little.
 */
import { joinParts, parseName, type NamePart } from './parts.ts';
import type { IndexedEntry, WatchlistEntry, WatchlistName } from './types.ts';

export interface IndexStats { entries: number; names: number; distinctParts: number; keys: number; postings: number }

function deletions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

/** Candidate keys of one part (or of two adjacent parts written as one). */
export function partKeys(p: NamePart, next?: NamePart): string[] {
  const keys: string[] = [];
  const c = p.coarse;
  if (c.length > 0) {
    keys.push('c' + c);
    if (c.length >= 4) for (const d of deletions(c)) keys.push('c' + d);
    if (c.length >= 3) keys.push('p' + c.slice(0, 3));
  }
  if (p.dict) keys.push('d' + p.dict.key);
  if (next && p.role === 'name' && next.role === 'name') {
    const cc = p.coarse + next.coarse;
    if (cc.length >= 3) keys.push('c' + cc);
  }
  return keys;
}

/** Everything the scorer reads of a part: equal keys score identically against any query. */
function internKey(p: NamePart): string {
  return [p.raw, p.phon, p.stem, p.suffix, p.role, p.arabic ? 1 : 0, p.cyrillic ? 1 : 0, p.dict?.key ?? '', p.prior, p.compound ? 1 : 0, p.marked ? 1 : 0, p.given ?? ''].join('\u0001');
}

/** Key used to count how many entries carry a part (document frequency). */
function dfKey(p: NamePart): string { return p.dict ? 'd' + p.dict.key : 's' + p.stem; }

export class WatchlistIndex {
  readonly entries: IndexedEntry[] = [];
  private postings = new Map<string, number[] | Int32Array>();
  private df = new Map<string, number>();
  private frozen = false;
  /**
   * Equal parts are stored once and numbered (NamePart.sid): the scorer caches a query's
   * similarities by that number, and part weights are computed once per freeze.
   */
  private interned = new Map<string, NamePart>();
  private partsBySid: NamePart[] = [];
  private sidWeight = new Float64Array(0);
  private acc = new Float32Array(0);
  private seen = new Int32Array(0);
  /** entries touched by the current query, in first-touch order (reused: no per-query garbage) */
  private touched = new Int32Array(0);
  private stamp = 0;
  private top = new Int32Array(64);

  constructor(entries: Iterable<WatchlistEntry> = []) {
    for (const e of entries) this.add(e);
    this.freeze();
  }

  /** Add an entry (call freeze() before querying if used after construction). */
  add(entry: WatchlistEntry): void {
    this.frozen = false;
    const idx = this.entries.length;
    const names = entry.names.map((n) => (typeof n === 'string' ? { name: n, quality: 'good' as const } : n) as WatchlistName)
      .filter((n) => n.name && n.name.trim())
      .map((n) => {
        const parts = parseName(n.name).map((p) => this.intern(p));
        const joined = parts.slice(1).map((p, j) => this.intern(joinParts(parts[j]!, p)));
        return { text: n.name, quality: n.quality, parts, joined };
      })
      .filter((n) => n.parts.length > 0);
    this.entries.push({ entry, names });
    const keys = new Set<string>();
    const dfs = new Set<string>();
    for (const n of names) {
      n.parts.forEach((p, i) => {
        for (const k of partKeys(p, n.parts[i + 1])) keys.add(k);
        if (p.role === 'name') dfs.add(dfKey(p));
      });
    }
    for (const k of keys) {
      let l = this.postings.get(k);
      if (!l) { l = []; this.postings.set(k, l); }
      (l as number[]).push(idx);
    }
    for (const k of dfs) this.df.set(k, (this.df.get(k) ?? 0) + 1);
  }

  private intern(p: NamePart): NamePart {
    const k = internKey(p);
    let c = this.interned.get(k);
    if (!c) { c = { ...p, sid: this.partsBySid.length }; this.interned.set(k, c); this.partsBySid.push(c); }
    return c;
  }

  /** Compact posting lists into typed arrays; fix part weights (rarity depends on the whole list). */
  freeze(): void {
    for (const [k, l] of this.postings) if (Array.isArray(l)) this.postings.set(k, Int32Array.from(l));
    this.sidWeight = new Float64Array(this.partsBySid.length);
    for (const p of this.partsBySid) this.sidWeight[p.sid] = this.partWeight(p);
    this.acc = new Float32Array(this.entries.length);
    this.seen = new Int32Array(this.entries.length);
    this.touched = new Int32Array(this.entries.length);
    this.frozen = true;
  }

  get size(): number { return this.entries.length; }

  stats(): IndexStats {
    let postings = 0;
    for (const l of this.postings.values()) postings += l.length;
    return { entries: this.entries.length, names: this.entries.reduce((a, e) => a + e.names.length, 0), distinctParts: this.partsBySid.length, keys: this.postings.size, postings };
  }

  /** Rarity factor of a part over this list in [0.3, 1.2]. */
  rarity(p: NamePart): number {
    const n = this.entries.length;
    const df = this.df.get(dfKey(p)) ?? 0;
    const idf = Math.log((n + 1) / (df + 0.5));
    // small lists say little about rarity: blend towards 1
    const conf = Math.min(1, n / 5000);
    const f = Math.min(1.2, Math.max(0.3, idf / 5.5));
    return conf * f + (1 - conf) * Math.min(1.2, Math.max(0.6, f));
  }

  private partWeight(p: NamePart): number { return p.role === 'title' ? 0.05 : p.prior * this.rarity(p); }

  /** Weight of a part: dictionary prior × list rarity. */
  readonly weight = (p: NamePart): number => (this.frozen && p.sid >= 0 && p.sid < this.sidWeight.length ? this.sidWeight[p.sid]! : this.partWeight(p));

  /** Candidate entries for parsed query parts, best first (at most `limit`). */
  candidates(parts: NamePart[], limit = 64): number[] {
    if (!this.frozen) this.freeze();
    if (this.top.length < limit) this.top = new Int32Array(limit);
    const n = this.entries.length;
    if (n === 0) return [];
    const touched = this.touched;
    let nt = 0;
    const acc = this.acc;
    const seen = this.seen;
    const lists: Array<{ list: Int32Array; w: number; part: number }> = [];
    parts.forEach((p, i) => {
      for (const k of partKeys(p, parts[i + 1])) {
        const l = this.postings.get(k) as Int32Array | undefined;
        if (!l) continue;
        const w = Math.log((n + 1) / (l.length + 1)) + 0.1;
        lists.push({ list: l, w: w * (p.role === 'title' ? 0.1 : 1), part: i });
      }
    });
    // per part, an entry is credited once (its best key)
    const byPart = new Map<number, Array<{ list: Int32Array; w: number }>>();
    for (const l of lists) { const a = byPart.get(l.part) ?? []; a.push(l); byPart.set(l.part, a); }
    const maxList = Math.max(1000, n / 100);
    const rare = lists.some((l) => l.list.length <= maxList);
    for (const group of byPart.values()) {
      group.sort((a, b) => b.w - a.w);
      const st = ++this.stamp;
      for (const { list, w } of group) {
        if (rare && list.length > maxList) continue;
        for (let k = 0; k < list.length; k++) {
          const e = list[k]!;
          if (seen[e] === st) continue;
          if (acc[e] === 0) touched[nt++] = e;
          seen[e] = st;
          acc[e] = acc[e]! + w;
        }
      }
    }
    let max = 0;
    for (let t = 0; t < nt; t++) { const e = touched[t]!; if (acc[e]! > max) max = acc[e]!; }
    const cut = max * 0.45;
    // the `limit` best by accumulated weight; equal weights keep first-touched order
    const top = this.top;
    let m = 0;
    for (let t = 0; t < nt; t++) {
      const e = touched[t]!;
      const a = acc[e]!;
      if (a < cut || (m === limit && a <= acc[top[m - 1]!]!)) continue;
      let k = m < limit ? m++ : m - 1;
      while (k > 0 && acc[top[k - 1]!]! < a) { top[k] = top[k - 1]!; k--; }
      top[k] = e;
    }
    const sel = Array.from(top.subarray(0, m));
    for (let t = 0; t < nt; t++) acc[touched[t]!] = 0;
    if (this.stamp > 2_000_000_000) { this.stamp = 0; this.seen.fill(0); }
    return sel;
  }
}

/** Build an index over watch-list entries. */
export function buildIndex(entries: Iterable<WatchlistEntry>): WatchlistIndex {
  return new WatchlistIndex(entries);
}
