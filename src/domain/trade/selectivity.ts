import { z } from 'zod';
import type { Lane } from './declaration.ts';

/**
 * Risk-based selectivity (WCO Customs Risk Management Compendium; ASYCUDA's lanes):
 * green = release (after a stand-by delay during which an officer may still stop it),
 * blue = release now, post-clearance audit; yellow = documentary check; red = physical
 * inspection. Rules are data: every condition given must hold (lists hold when any element
 * matches). The strictest lane among the rules that fire wins; a seeded random draw selects a
 * minimum share of declarations for inspection whatever the rules say, so that rules can be
 * measured against an unbiased sample and no trader can learn that "nothing ever fires".
 */
export const RULE_LANES = ['blue', 'yellow', 'red'] as const;
const LANE_RANK: Record<Lane, number> = { green: 0, blue: 1, yellow: 2, red: 3 };
export const strictest = (a: Lane, b: Lane): Lane => (LANE_RANK[a] >= LANE_RANK[b] ? a : b);

export const selectivityRuleSchema = z
  .object({
    id: z.string().trim().min(1).max(80),
    name: z.string().trim().min(1).max(200),
    lane: z.enum(RULE_LANES),
    active: z.boolean().default(true),
    /**
     * Share of the matching declarations the rule sends to its lane (ASYCUDA's percentage per
     * criterion): 1 (or absent) = all of them; 0.25 = a seeded, reproducible quarter.
     */
    rate: z.number().gt(0).max(1).optional(),
    when: z
      .object({
        /** HS prefixes (chapter "93", heading "2402", subheading "271019"). */
        hsPrefixes: z.array(z.string().regex(/^\d{2,10}$/)).min(1).max(200).optional(),
        origins: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1).max(250).optional(),
        /** Trader ids (consignor, consignee or declarant). */
        traders: z.array(z.string().min(1).max(40)).min(1).max(1000).optional(),
        exitPoints: z.array(z.string().min(1).max(64)).min(1).max(100).optional(),
        /** Declared value per kg (USD) outside [min, max] for the items matching hsPrefixes (or all). */
        valuePerKgUsd: z.object({ min: z.number().min(0).optional(), max: z.number().positive().optional() }).strict().optional(),
        /** A party or the vehicle hit the watch list (the existing screening). */
        watchlistHit: z.literal(true).optional(),
        /** Published events / seizures of these categories recently near the exit point or on these goods. */
        intelligence: z.array(z.string().min(1).max(60)).min(1).max(30).optional(),
      })
      .strict(),
  })
  .strict();
export type SelectivityRule = z.output<typeof selectivityRuleSchema>;

/** What the engine needs to know about one declaration (prepared by the service). */
export interface DeclarationFacts {
  id: string;
  items: { hsCode: string; origin: string; valueUsd: number | null; grossMassKg: number }[];
  traders: string[];
  exitPointId: string;
  /** Alert ids the parties or vehicle matched in screening. */
  watchlistHits: string[];
  /** Categories of recent published events/seizures relevant to this crossing or these goods. */
  intelligence: string[];
}

export interface SelectivityConfig {
  /** Share of declarations drawn at random for inspection, 0..1. */
  randomRate: number;
  /** The lane a random draw sends a declaration to. */
  randomLane: Exclude<Lane, 'green'>;
  /** Stand-by before a green declaration is released, minutes. */
  greenStandbyMinutes: number;
  /** Seed of the random draw (per node); the draw for one declaration is reproducible. */
  seed: string;
  /** Expected share of each lane, for monitoring the engine against its targets. */
  expectedRates: Record<Lane, number>;
}

export const DEFAULT_SELECTIVITY: SelectivityConfig = {
  randomRate: 0.03,
  randomLane: 'red',
  greenStandbyMinutes: 30,
  seed: 'sarhad-selectivity',
  expectedRates: { green: 0.75, blue: 0.07, yellow: 0.1, red: 0.08 },
};

export interface FiredRule {
  ruleId: string;
  lane: Exclude<Lane, 'green'>;
  reason: string;
}

export interface SelectivityDecision {
  declarationId: string;
  lane: Lane;
  fired: FiredRule[];
  random: boolean;
  /** Green only: release after this instant unless stopped. */
  standbyUntil: string | null;
}

export const RANDOM_RULE_ID = 'random';

/** FNV-1a then a xorshift mix: a uniform draw in [0,1) from the seed and the declaration id. */
export function draw(seed: string, id: string): number {
  let h = 0x811c9dc5;
  const s = `${seed}\u0000${id}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

interface Compiled {
  /** Position, for the per-decision "already evaluated" stamp. */
  n: number;
  rule: SelectivityRule;
  origins: Set<string> | null;
  traders: Set<string> | null;
  exitPoints: Set<string> | null;
  intelligence: Set<string> | null;
  hsPrefixes: string[] | null;
}

/**
 * Rules compiled once: indexed by their HS prefixes so that a declaration only evaluates the
 * rules that can concern its goods (plus those without an HS condition).
 */
export class SelectivityEngine {
  private readonly byPrefix = new Map<string, Compiled[]>();
  /** Rules without an HS condition, indexed by trader or origin when they name some. */
  private readonly byTrader = new Map<string, Compiled[]>();
  private readonly byOrigin = new Map<string, Compiled[]>();
  private readonly anyGoods: Compiled[] = [];
  private readonly prefixLengths: number[];
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(
    rules: readonly SelectivityRule[],
    readonly config: SelectivityConfig = DEFAULT_SELECTIVITY,
  ) {
    const lengths = new Set<number>();
    const add = (map: Map<string, Compiled[]>, key: string, c: Compiled) => {
      const list = map.get(key) ?? [];
      list.push(c);
      map.set(key, list);
    };
    let n = 0;
    for (const rule of rules) {
      if (!rule.active) continue;
      const w = rule.when;
      const c: Compiled = {
        n: n++,
        rule,
        origins: w.origins ? new Set(w.origins) : null,
        traders: w.traders ? new Set(w.traders) : null,
        exitPoints: w.exitPoints ? new Set(w.exitPoints) : null,
        intelligence: w.intelligence ? new Set(w.intelligence) : null,
        hsPrefixes: w.hsPrefixes ?? null,
      };
      if (w.hsPrefixes) {
        for (const p of w.hsPrefixes) {
          lengths.add(p.length);
          add(this.byPrefix, p, c);
        }
      } else if (w.traders) for (const t of w.traders) add(this.byTrader, t, c);
      else if (w.origins) for (const o of w.origins) add(this.byOrigin, o, c);
      else this.anyGoods.push(c);
    }
    this.prefixLengths = [...lengths].sort((a, b) => a - b);
    this.seen = new Uint32Array(n);
  }

  /** Why this rule fires for these facts, or null. */
  private fires(c: Compiled, f: DeclarationFacts): string | null {
    const w = c.rule.when;
    const items = c.hsPrefixes ? f.items.filter((i) => c.hsPrefixes!.some((p) => i.hsCode.startsWith(p))) : f.items;
    if (items.length === 0) return null;
    const reasons: string[] = [];
    if (c.hsPrefixes) reasons.push(`HS ${items.map((i) => i.hsCode).join(', ')}`);
    if (c.exitPoints) {
      if (!c.exitPoints.has(f.exitPointId)) return null;
    }
    if (c.origins) {
      const o = items.filter((i) => c.origins!.has(i.origin));
      if (o.length === 0) return null;
      reasons.push(`origin ${[...new Set(o.map((i) => i.origin))].join(', ')}`);
    }
    if (c.traders) {
      const t = f.traders.filter((id) => c.traders!.has(id));
      if (t.length === 0) return null;
      reasons.push(`trader ${t.join(', ')}`);
    }
    if (w.watchlistHit) {
      if (f.watchlistHits.length === 0) return null;
      reasons.push(`watch-list hit (${f.watchlistHits.length})`);
    }
    if (c.intelligence) {
      const hits = f.intelligence.filter((cat) => c.intelligence!.has(cat));
      if (hits.length === 0) return null;
      reasons.push(`intelligence: ${[...new Set(hits)].join(', ')}`);
    }
    if (w.valuePerKgUsd) {
      const { min, max } = w.valuePerKgUsd;
      const out = items.filter((i) => {
        if (i.valueUsd === null || i.grossMassKg <= 0) return false;
        const perKg = i.valueUsd / i.grossMassKg;
        return (min !== undefined && perKg < min) || (max !== undefined && perKg > max);
      });
      if (out.length === 0) return null;
      const perKg = out[0]!.valueUsd! / out[0]!.grossMassKg;
      reasons.push(`value ${perKg.toFixed(2)} USD/kg outside [${min ?? 0}, ${max ?? '∞'}]`);
    }
    const rate = c.rule.rate;
    if (rate !== undefined && rate < 1) {
      // Drawn only once every condition holds, per rule and declaration: reproducible, and
      // independent of the node-wide random selection (its own seed).
      if (draw(`${this.config.seed}:rule:${c.rule.id}`, f.id) >= rate) return null;
      reasons.push(`selected at ${+(rate * 100).toFixed(2)} %`);
    }
    return reasons.join('; ') || 'always';
  }

  decide(f: DeclarationFacts, now: Date): SelectivityDecision {
    // Each candidate rule is evaluated once per decision: a stamp marks those already seen.
    const stamp = (this.stamp = (this.stamp + 1) >>> 0 || 1);
    const fired: FiredRule[] = [];
    let lane: Lane = 'green';
    const consider = (list: readonly Compiled[] | undefined) => {
      if (!list) return;
      for (const c of list) {
        if (this.seen[c.n] === stamp) continue;
        this.seen[c.n] = stamp;
        const reason = this.fires(c, f);
        if (reason === null) continue;
        fired.push({ ruleId: c.rule.id, lane: c.rule.lane, reason });
        lane = strictest(lane, c.rule.lane);
      }
    };
    consider(this.anyGoods);
    for (const t of f.traders) consider(this.byTrader.get(t));
    for (const item of f.items) {
      consider(this.byOrigin.get(item.origin));
      for (const len of this.prefixLengths) {
        if (len > item.hsCode.length) break;
        consider(this.byPrefix.get(item.hsCode.slice(0, len)));
      }
    }
    const random = draw(this.config.seed, f.id) < this.config.randomRate;
    if (random) {
      fired.push({ ruleId: RANDOM_RULE_ID, lane: this.config.randomLane, reason: `random selection (${(this.config.randomRate * 100).toFixed(1)} %)` });
      lane = strictest(lane, this.config.randomLane);
    }
    const standbyUntil = lane === 'green' ? new Date(now.getTime() + this.config.greenStandbyMinutes * 60_000).toISOString() : null;
    return { declarationId: f.id, lane, fired, random, standbyUntil };
  }
}

/** Observed share of each lane against the expected rates. */
export function laneRates(lanes: readonly Lane[], expected: Record<Lane, number>) {
  const n = lanes.length;
  const count: Record<Lane, number> = { green: 0, blue: 0, yellow: 0, red: 0 };
  for (const l of lanes) count[l] += 1;
  return (['green', 'blue', 'yellow', 'red'] as const).map((lane) => ({ lane, count: count[lane], rate: n ? count[lane] / n : 0, expected: expected[lane] }));
}

export interface InspectionOutcome {
  firedRuleIds: readonly string[];
  /** Did the inspection find an irregularity (a "hit")? */
  hit: boolean;
}

/** Hit rate per rule, for analysts: inspections the rule caused and how many found something. */
export function hitRates(outcomes: readonly InspectionOutcome[]) {
  const per = new Map<string, { inspections: number; hits: number }>();
  for (const o of outcomes) {
    for (const id of new Set(o.firedRuleIds.length ? o.firedRuleIds : ['none'])) {
      const r = per.get(id) ?? { inspections: 0, hits: 0 };
      r.inspections += 1;
      if (o.hit) r.hits += 1;
      per.set(id, r);
    }
  }
  return [...per.entries()]
    .map(([ruleId, r]) => ({ ruleId, ...r, hitRate: r.inspections ? r.hits / r.inspections : 0 }))
    .sort((a, b) => b.hitRate - a.hitRate || b.inspections - a.inspections || a.ruleId.localeCompare(b.ruleId));
}
