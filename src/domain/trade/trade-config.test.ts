import { describe, expect, it } from 'vitest';
import { DEFAULT_SELECTIVITY, SelectivityEngine, selectivityRuleSchema, type DeclarationFacts } from './selectivity.ts';
import { hsPrefixProblem, marketInputSchema, marketProblems, ruleProblems } from './trade-config.ts';

const rule = (when: Record<string, unknown>, over: Record<string, unknown> = {}) => selectivityRuleSchema.parse({ id: 'r1', name: 'Rule', lane: 'red', when, ...over });
const facts = (id: string): DeclarationFacts => ({
  id,
  items: [{ hsCode: '252329', origin: 'TJ', valueUsd: 2400, grossMassKg: 20000 }],
  traders: ['TJ-TIN-1'],
  exitPointId: 'exit',
  watchlistHits: [],
  intelligence: [],
});

describe('selectivity rules as the editor saves them', () => {
  it('accepts a rule with real HS prefixes, countries and a value band', () => {
    expect(ruleProblems(rule({ hsPrefixes: ['25', '2523', '252329'], origins: ['CN', 'TJ'], valuePerKgUsd: { min: 0.05, max: 1 } }))).toEqual([]);
  });
  it('refuses a rule without any condition (it would stop every truck)', () => {
    expect(ruleProblems(rule({}))).toEqual([{ path: 'when', message: expect.stringMatching(/at least one condition/) }]);
  });
  it('refuses HS prefixes of chapters or headings that do not exist, and odd lengths', () => {
    expect(hsPrefixProblem('77')).toMatch(/chapter 77 does not exist/);
    expect(hsPrefixProblem('8469')).toMatch(/heading 8469 does not exist/);
    expect(hsPrefixProblem('252')).toMatch(/2, 4, 6, 8 or 10 digits/);
    expect(ruleProblems(rule({ hsPrefixes: ['25', '6908'] })).map((p) => p.path)).toEqual(['when.hsPrefixes.1']);
  });
  it('refuses countries that are not ISO 3166 codes and empty or inverted value bands', () => {
    expect(ruleProblems(rule({ origins: ['TJ', 'XX'] })).map((p) => p.path)).toEqual(['when.origins.1']);
    expect(ruleProblems(rule({ valuePerKgUsd: {} })).map((p) => p.path)).toEqual(['when.valuePerKgUsd']);
    expect(ruleProblems(rule({ valuePerKgUsd: { min: 2, max: 1 } })).map((p) => p.path)).toEqual(['when.valuePerKgUsd.min']);
  });
  it('refuses a rate outside (0, 1]', () => {
    expect(() => rule({ hsPrefixes: ['25'] }, { rate: 0 })).toThrow();
    expect(() => rule({ hsPrefixes: ['25'] }, { rate: 1.5 })).toThrow();
  });
});

describe('a rule with a rate sends that share of the matching declarations to its lane', () => {
  it('rate 1 (or none) fires on every match; rate 0.25 on about a quarter, reproducibly', () => {
    const config = { ...DEFAULT_SELECTIVITY, randomRate: 0 };
    const all = new SelectivityEngine([rule({ hsPrefixes: ['2523'] })], config);
    const quarter = new SelectivityEngine([rule({ hsPrefixes: ['2523'] }, { rate: 0.25 })], config);
    const n = 10_000;
    let fired = 0;
    for (let i = 0; i < n; i++) {
      expect(all.decide(facts(`d${i}`), new Date()).lane).toBe('red');
      if (quarter.decide(facts(`d${i}`), new Date()).lane === 'red') fired++;
    }
    // Binomial(10 000, 0.25): sd ≈ 43; ±5 sd.
    expect(fired).toBeGreaterThan(2500 - 217);
    expect(fired).toBeLessThan(2500 + 217);
    const again = new SelectivityEngine([rule({ hsPrefixes: ['2523'] }, { rate: 0.25 })], config);
    for (let i = 0; i < 50; i++) expect(again.decide(facts(`d${i}`), new Date()).lane).toBe(quarter.decide(facts(`d${i}`), new Date()).lane);
    const d = quarter.decide(facts('d-any'), new Date());
    if (d.lane === 'red') expect(d.fired[0]!.reason).toMatch(/selected at 25 %/);
  });
});

describe('border markets as the editor saves them', () => {
  const market = (over: Record<string, unknown> = {}) => marketInputSchema.parse({ ref: 'ishkashim-bazaar', name: { en: 'Ishkashim bazaar' }, weekday: 'sat', opens: '08:00', closes: '14:00', ...over });
  it('accepts a market and keeps it active by default', () => {
    expect(market()).toMatchObject({ active: true, unitId: null });
    expect(marketProblems(market())).toEqual([]);
  });
  it('refuses a market that closes before it opens, bad times, refs and weekdays', () => {
    expect(marketProblems(market({ opens: '14:00', closes: '08:00' })).map((p) => p.path)).toEqual(['closes']);
    expect(() => market({ opens: '25:00' })).toThrow();
    expect(() => market({ ref: 'Bad Ref' })).toThrow();
    expect(() => market({ weekday: 'friday' })).toThrow();
    expect(() => market({ name: { en: '' } })).toThrow();
  });
});
