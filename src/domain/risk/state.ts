/**
 * Incremental risk state: per section, the decayed per-category sums T_c held at a reference
 * time and the in-window events. Advancing the clock multiplies each sum by 2^(−Δ/h_c) and
 * subtracts the events that left the window; adding an event adds its weight. Adding one event
 * is O(1) (amortised); a full recompute gives the same sums (RiskState.build, and assessSection
 * as the reference).
 *
 * Events are kept in parallel arrays (event, base weight, decay origin) — no object per event —
 * and are put in time order only when one has to leave the window (events arrive mostly in
 * order, so the order is usually already right).
 */
import { CREDIBILITIES, RELIABILITIES, RISK_CATEGORIES, SEVERITIES, type Credibility, type Reliability, type RiskCategory, type RiskConfig, type Season, type Severity } from './config.ts';
import { assessmentFrom, baseWeight, CATEGORY_INDEX, DAY_MS, levelOf, seasonAt, vulnerability, type Assessment, type RiskEvent, type SectionProfile } from './model.ts';

interface SectionState {
  profile: SectionProfile;
  sums: Float64Array;
  ref: number;
  /** in-window events; an event dated after the moment it was added is held with occurredAt = that moment */
  events: RiskEvent[];
  /** events before `head` have left the window */
  head: number;
  /** t[head..] is in ascending order */
  sorted: boolean;
  /** the smallest t of the live events (Infinity when none) */
  minT: number;
  vul: Map<Season, number>;
}

const C = RISK_CATEGORIES.length;
const SEVERITY_INDEX: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const RELIABILITY_INDEX: Record<Reliability, number> = { A: 0, B: 1, C: 2, D: 3, E: 4, F: 5 };
const weightIndex = (c: RiskCategory, s: Severity, r: Reliability, k: Credibility) => ((CATEGORY_INDEX[c] * 4 + SEVERITY_INDEX[s]) * 6 + RELIABILITY_INDEX[r]) * 6 + (k - 1);

const emptySection = (profile: SectionProfile, at: number): SectionState => ({
  profile,
  sums: new Float64Array(C),
  ref: at,
  events: [],
  head: 0,
  sorted: true,
  minT: Infinity,
  vul: new Map(),
});

export class RiskState {
  private readonly sections = new Map<string, SectionState>();
  private readonly rate: Float64Array;
  private readonly impact: Float64Array;
  private readonly windowMs: number;
  /** base weight by (category, severity, reliability, credibility), computed once */
  private readonly weights: Float64Array;

  constructor(
    readonly config: RiskConfig,
    profiles: Iterable<SectionProfile>,
    at: number,
  ) {
    this.rate = Float64Array.from(RISK_CATEGORIES, (c) => Math.LN2 / (config.categories[c].halfLifeDays * DAY_MS));
    this.impact = Float64Array.from(RISK_CATEGORIES, (c) => config.categories[c].impact);
    this.windowMs = config.windowDays * DAY_MS;
    this.weights = new Float64Array(C * 4 * 6 * 6);
    for (const category of RISK_CATEGORIES)
      for (const severity of SEVERITIES)
        for (const reliability of RELIABILITIES)
          for (const credibility of CREDIBILITIES)
            this.weights[weightIndex(category, severity, reliability, credibility)] = baseWeight(config, { category, severity, reliability, credibility });
    for (const p of profiles) this.sections.set(p.id, emptySection(p, at));
  }

  private weightOf(e: RiskEvent): number {
    return this.weights[weightIndex(e.category, e.severity, e.reliability, e.credibility)]!;
  }

  /** Full recompute: every section's sums from all its events in the window at `at`. */
  static build(config: RiskConfig, profiles: Iterable<SectionProfile>, events: Iterable<RiskEvent>, at: number): RiskState {
    const state = new RiskState(config, profiles, at);
    const W = state.windowMs;
    for (const e of events) {
      const s = state.sections.get(e.sectionId);
      if (!s) continue;
      const held = e.occurredAt <= at ? e : { ...e, occurredAt: at };
      const t = held.occurredAt;
      if (at - t > W) continue;
      const i = CATEGORY_INDEX[e.category];
      s.sums[i]! += state.weightOf(e) * Math.exp(-state.rate[i]! * (at - t));
      const list = s.events;
      if (list.length > 0 && list[list.length - 1]!.occurredAt > t) s.sorted = false;
      if (t < s.minT) s.minT = t;
      list.push(held);
    }
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
    } else this.sections.set(profile.id, emptySection(profile, at));
  }

  /** Adds one event (O(1) amortised). Returns false when its section is unknown or it lies outside the window. */
  add(e: RiskEvent, at: number): boolean {
    const s = this.sections.get(e.sectionId);
    if (!s) return false;
    this.advance(s, at);
    const held = e.occurredAt <= s.ref ? e : { ...e, occurredAt: s.ref };
    const t = held.occurredAt;
    if (s.ref - t > this.windowMs) return false;
    const i = CATEGORY_INDEX[e.category];
    s.sums[i]! += this.weightOf(e) * Math.exp(-this.rate[i]! * (s.ref - t));
    const list = s.events;
    if (list.length > s.head && list[list.length - 1]!.occurredAt > t) s.sorted = false; // a late report: ordered when something must expire
    if (t < s.minT) s.minT = t;
    list.push(held);
    return true;
  }

  /** Removes an event (unpublished or corrected): O(events in its section). */
  remove(eventId: string, sectionId: string, at: number): boolean {
    const s = this.sections.get(sectionId);
    if (!s) return false;
    this.advance(s, at);
    let k = -1;
    for (let j = s.head; j < s.events.length; j++) if (s.events[j]!.id === eventId) { k = j; break; }
    if (k < 0) return false;
    const h = s.events[k]!;
    const i = CATEGORY_INDEX[h.category];
    s.sums[i] = Math.max(0, s.sums[i]! - this.weightOf(h) * Math.exp(-this.rate[i]! * (s.ref - h.occurredAt)));
    s.events.splice(k, 1);
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
      const e = s.events[k]!;
      live.push({ e, w: this.weightOf(e) * Math.exp(-this.rate[CATEGORY_INDEX[e.category]]! * (s.ref - e.occurredAt)) });
    }
    return assessmentFrom(this.config, s.profile, s.sums, live, s.ref);
  }

  /** In-window events of a section. */
  events(sectionId: string): RiskEvent[] {
    const s = this.sections.get(sectionId);
    return s ? s.events.slice(s.head) : [];
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
    if (s.ref - s.minT <= this.windowMs) return; // nothing leaves the window
    if (!s.sorted) this.sort(s);
    // events that left the window no longer count
    const list = s.events;
    while (s.head < list.length && s.ref - list[s.head]!.occurredAt > this.windowMs) {
      const h = list[s.head++]!;
      const i = CATEGORY_INDEX[h.category];
      s.sums[i] = Math.max(0, s.sums[i]! - this.weightOf(h) * Math.exp(-this.rate[i]! * (s.ref - h.occurredAt)));
    }
    if (s.head >= list.length) {
      this.reset(s);
      return;
    }
    s.minT = list[s.head]!.occurredAt;
    if (s.head > 1024 && s.head * 2 > list.length) {
      list.splice(0, s.head);
      s.head = 0;
    }
  }

  private sort(s: SectionState): void {
    s.events = s.events.slice(s.head).sort((a, b) => a.occurredAt - b.occurredAt);
    s.head = 0;
    s.sorted = true;
  }

  /** No event left: exact zeros (no floating-point residue from the subtractions). */
  private reset(s: SectionState): void {
    s.events = [];
    s.head = 0;
    s.sorted = true;
    s.minT = Infinity;
    s.sums.fill(0);
  }
}
