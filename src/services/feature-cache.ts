/**
 * The picture's features as JSON strings, kept between requests (GET /api/events): a page of
 * 1,000 events was ≈ 1.3 MB of objects built, copied and serialised per request, and garbage
 * collection was the largest share of a page's CPU (docs/events.md, "Figures").
 *
 * A feature is a pure function of the stored row (body, version, marking, owner, times) and of
 * what the reader's decision says about it (abilities, other side, personal data — not of who
 * the reader is): the entry is found by (event id, decision) and is used only while the row's
 * stamp (version, updated_at, marking, status) is the one it was made from. Every write of an
 * event — a correction, a transition, a re-marking, a received version, a withdrawal — sets a new
 * updated_at and/or version, so an edited event is never served from an older entry; a deleted
 * or withdrawn one is not listed at all (the query skips deleted rows).
 *
 * Bounded LRU (a Map in use order); one cache per database (tests run many nodes in a process).
 */
import type { Db } from '../store/db.ts';

export interface CachedFeature {
  /** version, updated_at, marking and status of the row it was made from */
  stamp: string;
  /** the Feature as JSON */
  json: string;
  /** it names persons, documents or plates (the read audit counts these) */
  personal: boolean;
}

/** The default of SARHAD_EVENT_FEATURE_CACHE: ≈ 1.3 KB per feature, 25,000 ≈ 35 MB, two dozen default pages. */
export const FEATURE_CACHE_MAX = 25_000;

export class FeatureCache {
  private readonly entries = new Map<string, CachedFeature>();
  hits = 0;
  misses = 0;

  constructor(readonly max: number = FEATURE_CACHE_MAX) {}

  get(key: string, stamp: string): CachedFeature | undefined {
    const e = this.entries.get(key);
    if (!e || e.stamp !== stamp) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  set(key: string, entry: CachedFeature): void {
    if (this.max <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<Db, FeatureCache>();

/** The node's feature cache (one per database handle), of `max` features. */
export function featureCache(db: Db, max = FEATURE_CACHE_MAX): FeatureCache {
  let c = caches.get(db);
  if (!c) {
    c = new FeatureCache(max);
    caches.set(db, c);
  }
  return c;
}
