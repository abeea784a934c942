/**
 * The risk model of a border section (docs/risk-model.md): threat from published events,
 * weighted by category, severity and Admiralty grading and decayed by age; vulnerability from
 * the section's attributes and the season; impact per category. Pure: no I/O, no clock.
 *
 *   decay_e(t)  = 2^(−age/h_c)  for 0 ≤ age ≤ W, 0 beyond the window W  (age < 0 counts as 0)
 *   base_e      = w_c · s_severity · r_reliability · c_credibility
 *   T_c(t)      = Σ_{e∈c} base_e · decay_e(t)             threat per category
 *   threat      = Σ_c T_c          impact = Σ_c i_c·T_c / threat   (1 without threat)
 *   V           = terrain · season · crossings · staffing · patrol
 *   score       = threat · impact · V = V · Σ_c i_c·T_c
 *   level       = the highest level whose threshold the score reaches
 */
import {
  RISK_CATEGORIES,
  RISK_LEVELS,
  type Credibility,
  type Reliability,
  type RiskCategory,
  type RiskConfig,
  type RiskLevel,
  type Season,
  type Severity,
  type TerrainKind,
} from './config.ts';

export const DAY_MS = 86_400_000;

/** A published event as the model sees it (mapped by the service from the event record). */
export interface RiskEvent {
  id: string;
  sectionId: string;
  /** the nearest unit, named in the explanation ("near Panji Poyon") */
  unitId: string | null;
  category: RiskCategory;
  severity: Severity;
  reliability: Reliability;
  credibility: Credibility;
  /** epoch milliseconds */
  occurredAt: number;
  /** what was seized or seen, when the event says (e.g. "heroin"); groups the explanation */
  detail?: string | null;
  /** seized quantity and its unit, when the event says (the situation report's totals) */
  amount?: number | null;
  amountUnit?: string | null;
}

export interface PostProfile {
  id: string;
  /** share of the authorised strength present, 0..1; null = not known (counted as staffed) */
  staffing: number | null;
}

/** What the model needs of a section: registry attributes, with defaults where a section says nothing. */
export interface SectionProfile {
  id: string;
  terrain: TerrainKind;
  /** null when the section does not follow a river: the season then does not change it */
  riverName: string | null;
  patrolCoverage: number;
  /** known informal crossing points (fords, ferry points); null = the terrain's default */
  crossingPoints: number | null;
  /** border posts and crossing points in the section */
  posts: PostProfile[];
}

export interface ExplanationItem {
  /** i18n key below risk.explain.* in the web app */
  key: string;
  /** share of the score this item accounts for (negative for a factor that lowers it) */
  share: number;
  /** numbers and strings; `near` (added by the service) is a name in five languages */
  params: Record<string, string | number | null | Record<string, string>>;
}

export interface VulnerabilityPart {
  key: 'terrain' | 'season' | 'crossings' | 'staffing' | 'no_posts' | 'patrol';
  factor: number;
  params: Record<string, string | number | null>;
}

export interface Vulnerability {
  factor: number;
  parts: VulnerabilityPart[];
}

export interface Assessment {
  sectionId: string;
  score: number;
  level: RiskLevel;
  threat: number;
  impact: number;
  vulnerability: number;
  /** ms */
  at: number;
  explanation: ExplanationItem[];
}

export const CATEGORY_INDEX: Record<RiskCategory, number> = Object.fromEntries(RISK_CATEGORIES.map((c, i) => [c, i])) as Record<RiskCategory, number>;

/** Grading weight: A1 = 1, F6 = 0.0625 with the defaults. */
export function gradingWeight(config: RiskConfig, reliability: Reliability, credibility: Credibility): number {
  return config.reliability[reliability] * config.credibility[credibility];
}

/** The undecayed weight of one event (before impact). */
export function baseWeight(config: RiskConfig, e: Pick<RiskEvent, 'category' | 'severity' | 'reliability' | 'credibility'>): number {
  return config.categories[e.category].weight * config.severity[e.severity] * gradingWeight(config, e.reliability, e.credibility);
}

/** 2^(−age/h) inside the window, 0 outside; an event dated in the future counts as now. */
export function decay(config: RiskConfig, category: RiskCategory, ageMs: number): number {
  const age = Math.max(0, ageMs);
  if (age > config.windowDays * DAY_MS) return 0;
  return Math.pow(2, -age / (config.categories[category].halfLifeDays * DAY_MS));
}

export function seasonAt(config: RiskConfig, at: number): Season {
  return config.vulnerability.seasonOfMonth[new Date(at).getUTCMonth() + 1]!;
}

export function vulnerability(config: RiskConfig, s: SectionProfile, at: number): Vulnerability {
  const v = config.vulnerability;
  const parts: VulnerabilityPart[] = [{ key: 'terrain', factor: v.terrain[s.terrain], params: { terrain: s.terrain } }];
  if (s.riverName !== null) {
    const season = seasonAt(config, at);
    parts.push({ key: 'season', factor: v.season[season], params: { season, river: s.riverName } });
  }
  const crossings = s.crossingPoints ?? v.defaultCrossings[s.terrain];
  parts.push({ key: 'crossings', factor: 1 + v.perCrossing * Math.min(Math.max(0, crossings), v.maxCrossings), params: { crossings } });
  if (s.posts.length === 0) {
    parts.push({ key: 'no_posts', factor: v.noPosts, params: {} });
  } else {
    const under = s.posts.filter((p) => p.staffing !== null && p.staffing < v.understaffedBelow).length;
    parts.push({ key: 'staffing', factor: 1 + v.understaffed * (under / s.posts.length), params: { understaffed: under, posts: s.posts.length } });
  }
  const coverage = Math.min(1, Math.max(0, s.patrolCoverage));
  parts.push({ key: 'patrol', factor: v.patrolAtZero + (v.patrolAtFull - v.patrolAtZero) * coverage, params: { coverage: Math.round(coverage * 100) } });
  return { factor: parts.reduce((f, p) => f * p.factor, 1), parts };
}

/** Monotone step function of the score. */
export function levelOf(score: number, thresholds: RiskConfig['thresholds']): RiskLevel {
  if (score >= thresholds.critical) return 'critical';
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.medium) return 'medium';
  return 'low';
}

export const levelRank = (l: RiskLevel): number => RISK_LEVELS.indexOf(l);

/**
 * Score and explanation from a section's events at time `at` (the reference implementation;
 * RiskState keeps the same sums incrementally). `events` may include other sections' and
 * out-of-window events: they are skipped.
 */
export function assessSection(config: RiskConfig, section: SectionProfile, events: Iterable<RiskEvent>, at: number): Assessment {
  const sums = new Float64Array(RISK_CATEGORIES.length);
  const live: { e: RiskEvent; w: number }[] = [];
  for (const e of events) {
    if (e.sectionId !== section.id) continue;
    const d = decay(config, e.category, at - e.occurredAt);
    if (d === 0) continue;
    const w = baseWeight(config, e) * d;
    sums[CATEGORY_INDEX[e.category]]! += w;
    live.push({ e, w });
  }
  return assessmentFrom(config, section, sums, live, at);
}

/** Builds the assessment from per-category decayed sums (T_c) and the live events with their decayed weights. */
export function assessmentFrom(
  config: RiskConfig,
  section: SectionProfile,
  sums: ArrayLike<number>,
  live: Iterable<{ e: RiskEvent; w: number }>,
  at: number,
): Assessment {
  let threat = 0;
  let weighted = 0;
  RISK_CATEGORIES.forEach((c, i) => {
    const t = Math.max(0, sums[i]!);
    threat += t;
    weighted += config.categories[c].impact * t;
  });
  const vul = vulnerability(config, section, at);
  const score = threat > 0 ? weighted * vul.factor : 0;
  const level = levelOf(score, config.thresholds);
  return {
    sectionId: section.id,
    score,
    level,
    threat,
    impact: threat > 0 ? weighted / threat : 1,
    vulnerability: vul.factor,
    at,
    explanation: explain(config, live, vul, weighted, at),
  };
}

interface Group {
  category: RiskCategory;
  unitId: string | null;
  detail: string | null;
  count: number;
  weight: number;
  first: number;
  last: number;
  maxSeverity: Severity;
}

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/**
 * The top contributing event groups (same category, same nearest unit, same detail) with
 * their share of the score, then the vulnerability factors that move it by at least
 * `minFactorShare` (share = 1 − 1/factor: the part of the score the factor adds).
 */
function explain(config: RiskConfig, live: Iterable<{ e: RiskEvent; w: number }>, vul: Vulnerability, weighted: number, at: number): ExplanationItem[] {
  if (weighted <= 0) return [{ key: 'no_events', share: 0, params: { days: config.windowDays } }];
  const groups = new Map<string, Group>();
  for (const { e, w } of live) {
    const key = `${e.category}|${e.unitId ?? ''}|${e.detail ?? ''}`;
    const g = groups.get(key);
    const iw = w * config.categories[e.category].impact;
    if (!g) {
      groups.set(key, { category: e.category, unitId: e.unitId, detail: e.detail ?? null, count: 1, weight: iw, first: e.occurredAt, last: e.occurredAt, maxSeverity: e.severity });
    } else {
      g.count++;
      g.weight += iw;
      g.first = Math.min(g.first, e.occurredAt);
      g.last = Math.max(g.last, e.occurredAt);
      if (SEVERITY_RANK[e.severity] > SEVERITY_RANK[g.maxSeverity]) g.maxSeverity = e.severity;
    }
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const max = config.explanation.maxItems;
  const events: ExplanationItem[] = [...groups.values()]
    .sort((a, b) => b.weight - a.weight || a.category.localeCompare(b.category))
    .slice(0, max)
    .map((g) => ({
      key: 'events',
      share: round(g.weight / weighted),
      params: {
        category: g.category,
        count: g.count,
        // "in 10 days": from the first of them until now, in whole days (at least one)
        days: Math.max(1, Math.round((at - g.first) / DAY_MS)),
        unitId: g.unitId,
        detail: g.detail,
        severity: g.maxSeverity,
      },
    }));
  const factors: ExplanationItem[] = vul.parts
    .map((p) => ({ key: `factor.${p.key}`, share: round(1 - 1 / p.factor), params: { ...p.params, factor: round(p.factor) } }))
    .filter((f) => Math.abs(f.share) >= config.explanation.minFactorShare)
    .sort((a, b) => Math.abs(b.share) - Math.abs(a.share))
    .slice(0, max);
  return [...events, ...factors];
}
