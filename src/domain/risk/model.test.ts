import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_CONFIG as CFG, RISK_CATEGORIES, RISK_LEVELS, riskConfig, type RiskCategory } from './config.ts';
import { assessSection, DAY_MS, gradingWeight, levelOf, levelRank, vulnerability, type RiskEvent, type SectionProfile } from './model.ts';
import { effectiveLevel, type RiskOverride } from './override.ts';
import { RiskState } from './state.ts';

const NOW = Date.parse('2026-07-15T12:00:00Z');
/** Neutral-ish section: foothills, no river, no informal crossings, staffed posts, half patrolled (V = 1.1). */
const SECTION: SectionProfile = {
  id: 's1',
  terrain: 'foothills',
  riverName: null,
  patrolCoverage: 0.5,
  crossingPoints: 0,
  posts: [{ id: 'p1', staffing: 1 }, { id: 'p2', staffing: 0.9 }],
};

let n = 0;
function ev(partial: Partial<RiskEvent> & { daysAgo?: number } = {}): RiskEvent {
  const { daysAgo = 1, ...rest } = partial;
  return {
    id: `e${++n}`,
    sectionId: 's1',
    unitId: 'p1',
    category: 'smuggling_narcotics',
    severity: 'medium',
    reliability: 'A',
    credibility: 2,
    occurredAt: NOW - daysAgo * DAY_MS,
    detail: 'heroin',
    ...rest,
  };
}
const heroin = (over: Partial<RiskEvent> = {}) => [1, 3, 6].map((daysAgo) => ev({ daysAgo, ...over }));

describe('risk model: scenarios', () => {
  it('an empty section is low, with score 0 and an explanation that says so', () => {
    const a = assessSection(CFG, SECTION, [], NOW);
    expect(a).toMatchObject({ score: 0, level: 'low', threat: 0 });
    expect(a.explanation).toEqual([{ key: 'no_events', share: 0, params: { days: CFG.windowDays } }]);
  });

  it('three graded-A heroin seizures in a week make a section high', () => {
    for (const credibility of [1, 2] as const) {
      const a = assessSection(CFG, SECTION, heroin({ credibility }), NOW);
      expect(a.level).toBe('high');
    }
  });

  it('the same three events as F6 rumours do not raise the level', () => {
    const a = assessSection(CFG, SECTION, heroin({ reliability: 'F', credibility: 6 }), NOW);
    expect(a.level).toBe('low');
    expect(gradingWeight(CFG, 'A', 1) / gradingWeight(CFG, 'F', 6)).toBeGreaterThanOrEqual(10);
  });

  it('even in the most exposed section F6 rumours stay below high', () => {
    const exposed: SectionProfile = { ...SECTION, terrain: 'river_plain', riverName: 'Panj', crossingPoints: 10, posts: [], patrolCoverage: 0 };
    const winter = Date.parse('2026-01-15T12:00:00Z');
    const rumours = [1, 3, 6].map((d) => ev({ reliability: 'F', credibility: 6, occurredAt: winter - d * DAY_MS }));
    expect(levelRank(assessSection(CFG, exposed, rumours, winter).level)).toBeLessThan(levelRank('high'));
  });

  it('levels fall back as the events age', () => {
    const events = heroin();
    const levels = [0, 20, 45, 130].map((days) => assessSection(CFG, SECTION, events, NOW + days * DAY_MS).level);
    expect(levels).toEqual(['high', 'medium', 'low', 'low']);
    expect(assessSection(CFG, SECTION, events, NOW + 130 * DAY_MS).score).toBe(0); // out of the window
  });

  it('an override wins until it expires, and the computed level stays visible', () => {
    const computed = assessSection(CFG, SECTION, heroin(), NOW).level;
    const o: RiskOverride = {
      id: 'o1', sectionId: 's1', level: 'critical', reason: 'convoy expected', setBy: 'u1',
      setAt: new Date(NOW - DAY_MS).toISOString(), expiresAt: new Date(NOW + 2 * DAY_MS).toISOString(), clearedAt: null,
    };
    expect(computed).toBe('high');
    expect(effectiveLevel(computed, o, NOW)).toBe('critical');
    expect(effectiveLevel(computed, o, NOW + 2 * DAY_MS)).toBe('high');
    expect(effectiveLevel(computed, { ...o, clearedAt: new Date(NOW).toISOString() }, NOW)).toBe('high');
    expect(effectiveLevel(computed, null, NOW)).toBe('high');
  });

  it('explains the level: events grouped with their share, then the factors', () => {
    const events = [...heroin(), ev({ category: 'illegal_crossing', unitId: 'p2', detail: null, daysAgo: 2 })];
    const understaffed: SectionProfile = { ...SECTION, riverName: 'Panj', posts: [{ id: 'p1', staffing: 0.4 }, { id: 'p2', staffing: 1 }, { id: 'p3', staffing: null }] };
    const b = assessSection(CFG, understaffed, events, NOW);
    const first = b.explanation[0]!;
    expect(first).toMatchObject({ key: 'events', params: { category: 'smuggling_narcotics', count: 3, days: 6, unitId: 'p1', detail: 'heroin' } });
    expect(first.share).toBeGreaterThan(0.8);
    const eventShares = b.explanation.filter((x) => x.key === 'events').reduce((s, x) => s + x.share, 0);
    expect(eventShares).toBeCloseTo(1, 2);
    expect(b.explanation.find((x) => x.key === 'factor.staffing')).toMatchObject({ params: { understaffed: 1, posts: 3 } });
    // July: summer high water lowers the exposure of a river section
    expect(b.explanation.find((x) => x.key === 'factor.season')).toMatchObject({ params: { season: 'summer_high_water' } });
    expect(b.explanation.find((x) => x.key === 'factor.season')!.share).toBeLessThan(0);
  });

  it('seasons: low water and frozen river in winter raise, spring flood lowers a river section', () => {
    const river = { ...SECTION, riverName: 'Panj' };
    const at = (iso: string) => vulnerability(CFG, river, Date.parse(iso)).factor;
    expect(at('2026-01-15T00:00:00Z')).toBeGreaterThan(at('2026-04-15T00:00:00Z'));
    expect(vulnerability(CFG, SECTION, Date.parse('2026-01-15T00:00:00Z')).factor).toBe(vulnerability(CFG, SECTION, Date.parse('2026-04-15T00:00:00Z')).factor);
  });

  it('a configuration patch changes weights; thresholds must rise', () => {
    const c = riskConfig({ thresholds: { high: 10, critical: 30 } });
    expect(c.thresholds).toEqual({ medium: 3, high: 10, critical: 30 });
    expect(() => riskConfig({ thresholds: { high: 50 } })).toThrow(/must rise/);
    expect(() => riskConfig({ thresholds: { high: -1 } })).toThrow();
    expect(() => riskConfig({ nonsense: 1 })).toThrow();
    expect(riskConfig({ categories: { smuggling_narcotics: { weight: 1 } }, thresholds: { high: 9, critical: 30 } }).categories.smuggling_narcotics).toEqual({ weight: 1, halfLifeDays: 21, impact: 1.5 });
  });
});

const arbEvent = fc.record({
  id: fc.uuid(),
  sectionId: fc.constantFrom('s1', 's2'),
  unitId: fc.constantFrom('p1', 'p2', null),
  category: fc.constantFrom(...RISK_CATEGORIES) as fc.Arbitrary<RiskCategory>,
  severity: fc.constantFrom('low', 'medium', 'high', 'critical' as const),
  reliability: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F' as const),
  credibility: fc.constantFrom(1, 2, 3, 4, 5, 6 as const),
  occurredAt: fc.integer({ min: NOW - 200 * DAY_MS, max: NOW }),
  detail: fc.constantFrom(null, 'heroin', 'opium'),
});
const arbSection = fc.record({
  id: fc.constant('s1'),
  terrain: fc.constantFrom('river_plain', 'foothills', 'mountain', 'high_mountain', 'gorge' as const),
  riverName: fc.constantFrom(null, 'Panj'),
  patrolCoverage: fc.double({ min: 0, max: 1, noNaN: true }),
  crossingPoints: fc.option(fc.integer({ min: 0, max: 30 })),
  posts: fc.array(fc.record({ id: fc.string(), staffing: fc.option(fc.double({ min: 0, max: 1, noNaN: true })) }), { maxLength: 4 }),
});

describe('risk model: properties', () => {
  it('adding an event never lowers a section’s threat or score', () => {
    fc.assert(
      fc.property(arbSection, fc.array(arbEvent, { maxLength: 30 }), arbEvent, fc.integer({ min: 0, max: 150 * DAY_MS }), (section, events, extra, later) => {
        const at = NOW + later;
        const before = assessSection(CFG, section, events, at);
        const after = assessSection(CFG, section, [...events, extra], at);
        expect(after.threat).toBeGreaterThanOrEqual(before.threat);
        expect(after.score).toBeGreaterThanOrEqual(before.score * (1 - 1e-12));
        expect(levelRank(after.level)).toBeGreaterThanOrEqual(levelRank(before.level));
      }),
    );
  });

  it('the level is monotone in the score', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(levelRank(levelOf(lo, CFG.thresholds))).toBeLessThanOrEqual(levelRank(levelOf(hi, CFG.thresholds)));
      }),
    );
    expect(RISK_LEVELS.map((l) => levelOf(l === 'low' ? 0 : CFG.thresholds[l], CFG.thresholds))).toEqual([...RISK_LEVELS]);
  });

  it('the incremental state agrees with a full recompute, whatever the order of arrival', () => {
    fc.assert(
      fc.property(arbSection, fc.array(arbEvent, { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 10 * DAY_MS }), { minLength: 40, maxLength: 40 }), (section, events, steps) => {
        const s2 = { ...section, id: 's2' };
        const state = new RiskState(CFG, [section, s2], NOW - 300 * DAY_MS);
        let at = NOW;
        events.forEach((e, k) => {
          at += steps[k]!;
          state.add({ ...e, occurredAt: Math.min(e.occurredAt, at) }, at);
        });
        const all = events.map((e, k) => ({ ...e, occurredAt: Math.min(e.occurredAt, NOW + steps.slice(0, k + 1).reduce((a, b) => a + b, 0)) }));
        for (const id of ['s1', 's2']) {
          const full = assessSection(CFG, id === 's1' ? section : s2, all, at);
          const inc = state.assess(id, at)!;
          expect(inc.score).toBeCloseTo(full.score, 6);
          expect(inc.level === full.level || Math.abs(inc.score - full.score) < 1e-6).toBe(true);
          expect(state.score(id, at)).toBeCloseTo(full.score, 6);
          const built = RiskState.build(CFG, [section, s2], all, at);
          expect(built.score(id, at)).toBeCloseTo(full.score, 6);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('removing an event takes exactly its contribution away', () => {
    const state = RiskState.build(CFG, [SECTION], heroin(), NOW);
    const extra = ev({ category: 'armed_incident', severity: 'high', daysAgo: 2 });
    const before = state.score('s1', NOW);
    state.add(extra, NOW);
    expect(state.score('s1', NOW)).toBeGreaterThan(before);
    expect(state.remove(extra.id, 's1', NOW)).toBe(true);
    expect(state.score('s1', NOW)).toBeCloseTo(before, 9);
    expect(state.remove('missing', 's1', NOW)).toBe(false);
  });

  it('events leave the incremental state when they leave the window; an emptied section is exactly 0', () => {
    const state = RiskState.build(CFG, [SECTION], heroin(), NOW);
    expect(state.level('s1', NOW)).toBe('high');
    expect(state.score('s1', NOW + 119 * DAY_MS)).toBeGreaterThan(0);
    expect(state.score('s1', NOW + 130 * DAY_MS)).toBe(0);
    expect(state.events('s1')).toEqual([]);
  });
});
