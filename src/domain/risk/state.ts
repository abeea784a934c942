/**
 * Incremental risk state: per section, the decayed per-category sums T_c held at a reference
 * time and the in-window events ordered by time. Advancing the clock multiplies each sum by
 * 2^(−Δ/h_c) and subtracts the events that left the window; adding an event adds its weight.
 * Adding one event is O(1) (amortised: events arrive mostly in time order); a full recompute
 * gives the same sums (RiskState.build, and assessSection as the reference).
 */
import { RISK_CATEGORIES, type RiskConfig, type Season } from './config.ts';
import { assessmentFrom, baseWeight, CATEGORY_INDEX, DAY_MS, levelOf, seasonAt, vulnerability, type Assessment, type RiskEvent, type SectionProfile } from './model.ts';

interface Held {
  e: RiskEvent;
  /** base weight (undecayed, before impact) */
  base: number;
  /** the time decay counts from: occurredAt, or the moment it was added if dated later */
  t: number;
}

interface SectionState {
  profile: SectionProfile;
  sums: Float64Array;
  ref: number;
  events: Held[];
  head: number;
  vul: Map<Season, number>;
}

const C = RISK_CATEGORIES.length;

export class RiskState {
  private readonly sections = new Map<string, SectionState>();
  private readonly rate: Float64Array;
  private readonly impact: Float64Array;
  private readonly windowMs: number;

  constructor(
    readonly config: RiskConfig,
    profiles: Iterable<SectionProfile>,
    at: number,
  ) {
    this.rate = Float64Array.from(RISK_CATEGORIES, (c) => Math.LN2 / (config.categories[c].halfLifeDays * DAY_MS));
    this.impact = Float64Array.from(RISK_CATEGORIES, (c) => config.categories[c].impact);
    this.windowMs = config.windowDays * DAY_MS;
    for (const p of profiles) this.sections.set(p.id, { profile: p, sums: new Float64Array(C), ref: at, events: [], head: 0, vul: new Map() });
  }

  /** Full recompute: every section's sums from all its events in the window at `at`. */
  static build(config: RiskConfig, profiles: Iterable<SectionProfile>, events: Iterable<RiskEvent>, at: number): RiskState {
    const state = new RiskState(config, profiles, at);
    for (const e of events) {
      const s = state.sections.get(e.sectionId);
      if (!s) continue;
      const t = Math.min(e.occurredAt, at);
      if (at - t > state.windowMs) continue;
      const i = CATEGORY_INDEX[e.category];
      const base = baseWeight(config, e);
      s.sums[i]! += base * Math.exp(-state.rate[i]! * (at - t));
      s.events.push({ e, base, t });
    }
    for (const s of state.sections.values()) s.events.sort((a, b) => a.t - b.t);
    return state;
  }

  sectionIds(): string[] {
    return [...this.sections.keys()];
  }

  has(sectionId: string): boolean {
    return this.sections.has(sectionId);
  }

  /** Replaces a section's attributes (a registry change); its events stay. */
  setProfile(profile: SectionProfile, at: number): void {
    const s = this.sections.get(profile.id);
    if (s) {
      s.profile = profile;
      s.vul.clear();
    } else this.sections.set(profile.id, { profile, sums: new Float64Array(C), ref: at, events: [], head: 0, vul: new Map() });
  }

  /** Adds one event (O(1) amortised). Returns false when its section is unknown or it lies outside the window. */
  add(e: RiskEvent, at: number): boolean {
    const s = this.sections.get(e.sectionId);
    if (!s) return false;
    this.advance(s, at);
    const t = Math.min(e.occurredAt, s.ref);
    if (s.ref - t > this.windowMs) return false;
    const i = CATEGORY_INDEX[e.category];
    const base = baseWeight(this.config, e);
    s.sums[i]! += base * Math.exp(-this.rate[i]! * (s.ref - t));
    const held: Held = { e, base, t };
    const list = s.events;
    if (list.length === s.head || list[list.length - 1]!.t <= t) list.push(held);
    else {
      // a late report: keep the list in time order (binary search; rare)
      let lo = s.head;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (list[mid]!.t <= t) lo = mid + 1;
        else hi = mid;
      }
      list.splice(lo, 0, held);
    }
    return true;
  }

  /** Removes an event (unpublished or corrected): O(events in its section). */
  remove(eventId: string, sectionId: string, at: number): boolean {
    const s = this.sections.get(sectionId);
    if (!s) return false;
    this.advance(s, at);
    const idx = s.events.findIndex((h, k) => k >= s.head && h.e.id === eventId);
    if (idx < 0) return false;
    const [h] = s.events.splice(idx, 1);
    const i = CATEGORY_INDEX[h!.e.category];
    s.sums[i] = Math.max(0, s.sums[i]! - h!.base * Math.exp(-this.rate[i]! * (s.ref - h!.t)));
    if (s.head >= s.events.length) this.reset(s);
    return true;
  }

  /** The score at `at` (≥ the last time asked): O(categories), plus the events that left the window. */
  score(sectionId: string, at: number): number {
    const s = this.sections.get(sectionId);
    if (!s) return 0;
    this.advance(s, at);
    let weighted = 0;
    for (let i = 0; i < C; i++) weighted += this.impact[i]! * s.sums[i]!;
    return weighted > 0 ? weighted * this.vulnerabilityOf(s, at) : 0;
  }

  level(sectionId: string, at: number) {
    return levelOf(this.score(sectionId, at), this.config.thresholds);
  }

  /** Score, level and explanation (the explanation walks the section's in-window events). */
  assess(sectionId: string, at: number): Assessment | null {
    const s = this.sections.get(sectionId);
    if (!s) return null;
    this.advance(s, at);
    const live: { e: RiskEvent; w: number }[] = [];
    for (let k = s.head; k < s.events.length; k++) {
      const h = s.events[k]!;
      live.push({ e: h.e, w: h.base * Math.exp(-this.rate[CATEGORY_INDEX[h.e.category]]! * (s.ref - h.t)) });
    }
    return assessmentFrom(this.config, s.profile, s.sums, live, s.ref);
  }

  /** In-window events of a section, oldest first. */
  events(sectionId: string): RiskEvent[] {
    const s = this.sections.get(sectionId);
    return s ? s.events.slice(s.head).map((h) => h.e) : [];
  }

  private vulnerabilityOf(s: SectionState, at: number): number {
    const season = seasonAt(this.config, at);
    let v = s.vul.get(season);
    if (v === undefined) {
      v = vulnerability(this.config, s.profile, at).factor;
      s.vul.set(season, v);
    }
    return v;
  }

  private advance(s: SectionState, at: number): void {
    if (at > s.ref) {
      const dt = at - s.ref;
      for (let i = 0; i < C; i++) if (s.sums[i] !== 0) s.sums[i]! *= Math.exp(-this.rate[i]! * dt);
      s.ref = at;
    }
    // events that left the window no longer count
    const list = s.events;
    while (s.head < list.length && s.ref - list[s.head]!.t > this.windowMs) {
      const h = list[s.head++]!;
      const i = CATEGORY_INDEX[h.e.category];
      s.sums[i] = Math.max(0, s.sums[i]! - h.base * Math.exp(-this.rate[i]! * (s.ref - h.t)));
    }
    if (s.head > 0 && s.head >= list.length) this.reset(s);
    else if (s.head > 1024 && s.head * 2 > list.length) {
      list.splice(0, s.head);
      s.head = 0;
    }
  }

  /** No event left: exact zeros (no floating-point residue from the subtractions). */
  private reset(s: SectionState): void {
    s.events.length = 0;
    s.head = 0;
    s.sums.fill(0);
  }
}
