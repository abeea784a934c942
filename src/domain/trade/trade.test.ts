import { describe, expect, it } from 'vitest';
import { crossingTimeReport, percentile, stepDurations, totalHours } from './crossing-times.ts';
import { isOpenOnDay, type CrossingPointBody } from './crossing-point.ts';
import { isIso4217 } from './currency.ts';
import { declarationBodySchema, type DeclarationBody } from './declaration.ts';
import { hsCodeProblem, hsHeadingCount, isHsCode } from './hs.ts';
import { matchArrival } from './matching.ts';
import { DEFAULT_SELECTIVITY, draw, hitRates, laneRates, SelectivityEngine, type DeclarationFacts, type SelectivityRule } from './selectivity.ts';
import { canMove, isOverdue } from './transit.ts';

const U1 = '00000000-0000-4000-8000-000000000001';
const U2 = '00000000-0000-4000-8000-000000000002';

export const sampleDeclaration = (over: Partial<Record<string, unknown>> = {}) => ({
  ref: 'TJ-EXP-2026-0001',
  type: 'export',
  consignor: { name: 'Somon Cement LLC', id: 'TJ-TIN-300111', country: 'TJ' },
  consignee: { name: 'Kunduz Builders', id: 'AF-TIN-900222', country: 'AF' },
  items: [{ hsCode: '2523.29', description: 'Portland cement in bags', quantity: 400, unit: 'bag', grossMassKg: 20_000, value: 2_400, currency: 'USD', origin: 'TJ' }],
  vehicle: { plate: '1234 TJ 03', nationality: 'TJ' },
  seals: ['S-1001', 'S-1002'],
  route: ['Dushanbe', 'Panji Poyon', 'Sher Khan Bandar', 'Kunduz'],
  exitPointId: U1,
  entryPointId: U2,
  destinationState: 'AF',
  expectedArrival: '2026-12-02T10:00:00Z',
  status: 'lodged',
  lane: null,
  laneRules: [],
  standbyUntil: null,
  ...over,
});

describe('HS 2022 and ISO 4217', () => {
  it('knows the HS 2022 headings and refuses codes that do not exist', () => {
    expect(hsHeadingCount()).toBeGreaterThan(1150);
    expect(hsHeadingCount()).toBeLessThan(1260);
    for (const ok of ['0101', '2404', '2523.29', '847130', '8549', '8806', '9706', '1001.99.00.00']) expect(isHsCode(ok), ok).toBe(true);
    expect(hsCodeProblem('9999')).toMatch(/chapter 99 does not exist/);
    expect(hsCodeProblem('7701')).toMatch(/chapter 77/);
    expect(hsCodeProblem('0503')).toMatch(/heading 0503 does not exist/);
    expect(hsCodeProblem('8469')).toMatch(/heading 8469/);
    expect(hsCodeProblem('12345')).toMatch(/4, 6, 8 or 10 digits/);
    expect(hsCodeProblem('abcd')).toMatch(/digits/);
  });
  it('accepts ISO 4217 currencies in force only', () => {
    for (const c of ['USD', 'TJS', 'AFN', 'EUR', 'UZS']) expect(isIso4217(c), c).toBe(true);
    for (const c of ['usd', 'XXX', 'XTS', 'ABC', 'TJR', 'US']) expect(isIso4217(c), c).toBe(false);
  });
});

describe('declaration (WCO Data Model shape)', () => {
  it('parses a good declaration and normalises the HS code', () => {
    const d = declarationBodySchema.parse(sampleDeclaration());
    expect(d.items[0]!.hsCode).toBe('252329');
  });
  it('refuses unknown HS codes, negative quantities and non-ISO currencies with clear messages', () => {
    const bad = (item: Record<string, unknown>) => declarationBodySchema.safeParse(sampleDeclaration({ items: [{ ...sampleDeclaration().items[0], ...item }] }));
    const r1 = bad({ hsCode: '9999.10' });
    expect(r1.success).toBe(false);
    expect(JSON.stringify(r1.error!.issues)).toMatch(/chapter 99 does not exist in HS 2022/);
    expect(JSON.stringify(bad({ quantity: -5 }).error!.issues)).toMatch(/quantity must be more than 0/);
    expect(JSON.stringify(bad({ currency: 'XYZ' }).error!.issues)).toMatch(/ISO 4217/);
  });
});

describe('crossing point hours', () => {
  const profile: CrossingPointBody = {
    unitId: U1, unitRef: 'tj-bcp-panji-poyon', pairedUnitId: U2, stateCode: 'TJ', locode: null, locodeNote: 'none confirmed',
    utcOffsetMinutes: 300, hours: { mon: { open: '08:00', close: '17:00' }, tue: { open: '08:00', close: '17:00' }, wed: { open: '08:00', close: '17:00' } },
    closedDates: ['2026-12-01'], lanes: { cargo: 2, passenger: 1 }, capacityTrucksPerDay: 150, feesUsd: {},
  };
  it('is closed on a weekday without hours and on a closed date, in local time', () => {
    expect(isOpenOnDay(profile, new Date('2026-11-30T06:00:00Z'))).toBe(true); // Monday
    expect(isOpenOnDay(profile, new Date('2026-12-01T06:00:00Z'))).toBe(false); // closed date
    expect(isOpenOnDay(profile, new Date('2026-12-03T06:00:00Z'))).toBe(false); // Thursday: no hours
    // 2026-12-02T20:00Z is already Thursday 01:00 at UTC+5.
    expect(isOpenOnDay(profile, new Date('2026-12-02T20:00:00Z'))).toBe(false);
  });
});

const facts = (id: string, over: Partial<DeclarationFacts> = {}): DeclarationFacts => ({
  id,
  items: [{ hsCode: '252329', origin: 'TJ', valueUsd: 2400, grossMassKg: 20000 }],
  traders: ['TJ-TIN-300111', 'AF-TIN-900222'],
  exitPointId: U1,
  watchlistHits: [],
  intelligence: [],
  ...over,
});
const noRandom = { ...DEFAULT_SELECTIVITY, randomRate: 0 };
const now = new Date('2026-12-02T08:00:00Z');

describe('selectivity engine', () => {
  const rules: SelectivityRule[] = [
    { id: 'arms', name: 'Arms and ammunition', lane: 'red', active: true, when: { hsPrefixes: ['93'] } },
    { id: 'new-trader', name: 'Trader on audit list', lane: 'blue', active: true, when: { traders: ['AF-TIN-555'] } },
    { id: 'cement-origin-cn', name: 'Cement of Chinese origin: documents', lane: 'yellow', active: true, when: { hsPrefixes: ['2523'], origins: ['CN'] } },
    { id: 'cement-value', name: 'Cement value band 0.05–1 USD/kg', lane: 'yellow', active: true, when: { hsPrefixes: ['2523'], valuePerKgUsd: { min: 0.05, max: 1 } } },
    { id: 'watchlist', name: 'Watch-list hit', lane: 'red', active: true, when: { watchlistHit: true } },
    { id: 'intel-narcotics', name: 'Narcotics seizures at the crossing', lane: 'red', active: true, when: { hsPrefixes: ['08', '12'], intelligence: ['smuggling_narcotics'] } },
    { id: 'off', name: 'Inactive', lane: 'red', active: false, when: {} },
  ];
  const engine = new SelectivityEngine(rules, noRandom);

  it('green: nothing fires; released after the stand-by delay', () => {
    const d = engine.decide(facts('a'), now);
    expect(d).toMatchObject({ lane: 'green', fired: [], random: false, standbyUntil: '2026-12-02T08:30:00.000Z' });
  });
  it('blue: a trader on the audit list', () => {
    const d = engine.decide(facts('b', { traders: ['AF-TIN-555'] }), now);
    expect(d.lane).toBe('blue');
    expect(d.fired.map((f) => f.ruleId)).toEqual(['new-trader']);
    expect(d.standbyUntil).toBeNull();
  });
  it('yellow: commodity and origin together', () => {
    const d = engine.decide(facts('c', { items: [{ hsCode: '252321', origin: 'CN', valueUsd: 2400, grossMassKg: 20000 }] }), now);
    expect(d.lane).toBe('yellow');
    expect(d.fired[0]!.reason).toMatch(/origin CN/);
  });
  it('yellow: a value outside the band for the heading (undervalued cement)', () => {
    const d = engine.decide(facts('d', { items: [{ hsCode: '252329', origin: 'TJ', valueUsd: 200, grossMassKg: 20000 }] }), now);
    expect(d.lane).toBe('yellow');
    expect(d.fired.map((f) => f.ruleId)).toEqual(['cement-value']);
    expect(d.fired[0]!.reason).toMatch(/0\.01 USD\/kg outside \[0\.05, 1\]/);
  });
  it('red: arms; a watch-list hit; intelligence on the goods — and the strictest lane wins', () => {
    expect(engine.decide(facts('e', { items: [{ hsCode: '930190', origin: 'RU', valueUsd: 1, grossMassKg: 1 }] }), now).lane).toBe('red');
    const w = engine.decide(facts('f', { watchlistHits: ['alert-1'], traders: ['AF-TIN-555'] }), now);
    expect(w.lane).toBe('red');
    expect(w.fired.map((f) => f.ruleId).sort()).toEqual(['new-trader', 'watchlist']);
    expect(engine.decide(facts('g', { items: [{ hsCode: '080620', origin: 'AF', valueUsd: 5000, grossMassKg: 10000 }], intelligence: ['smuggling_narcotics'] }), now).lane).toBe('red');
    expect(engine.decide(facts('h', { items: [{ hsCode: '080620', origin: 'AF', valueUsd: 5000, grossMassKg: 10000 }], intelligence: ['flood'] }), now).lane).toBe('green');
  });

  it('selects the minimum random share over 10,000 declarations, within binomial bounds, reproducibly', () => {
    const rate = 0.05;
    const random = new SelectivityEngine(rules, { ...DEFAULT_SELECTIVITY, randomRate: rate, seed: 'test-seed' });
    let selected = 0;
    let selectedAmongRuled = 0;
    let ruled = 0;
    for (let i = 0; i < 10_000; i++) {
      const f = i % 2 === 0 ? facts(`decl-${i}`) : facts(`decl-${i}`, { traders: ['AF-TIN-555'] });
      const d = random.decide(f, now);
      if (d.random) selected += 1;
      if (i % 2 === 1) {
        ruled += 1;
        if (d.random) selectedAmongRuled += 1;
        expect(d.lane).toBe(d.random ? 'red' : 'blue');
      } else expect(d.lane).toBe(d.random ? 'red' : 'green');
    }
    // Binomial(10000, 0.05): sd = sqrt(n p (1-p)) ≈ 21.8; ±4.5 sd ≈ ±98 (fails by chance ~1e-5).
    expect(Math.abs(selected - 500)).toBeLessThan(98);
    // Independent of the rules: the same share among declarations a rule already selected (n=5000, sd ≈ 15.4).
    expect(Math.abs(selectedAmongRuled - ruled * rate)).toBeLessThan(70);
    // The draw is a function of seed and id.
    expect(draw('test-seed', 'decl-1')).toBe(draw('test-seed', 'decl-1'));
    expect(draw('test-seed', 'decl-1')).not.toBe(draw('other-seed', 'decl-1'));
  });

  it('draws are uniform enough: ten deciles of 10,000 draws each within 4.5 sd of 1,000', () => {
    const bins = Array(10).fill(0) as number[];
    for (let i = 0; i < 10_000; i++) bins[Math.floor(draw('u', `id-${i}`) * 10)]! += 1;
    for (const b of bins) expect(Math.abs(b - 1000)).toBeLessThan(135); // sd = 30
  });

  it('reports lane rates against the expected ones and hit rates per rule', () => {
    const rates = laneRates(['green', 'green', 'red', 'yellow'], DEFAULT_SELECTIVITY.expectedRates);
    expect(rates.find((r) => r.lane === 'green')).toEqual({ lane: 'green', count: 2, rate: 0.5, expected: 0.75 });
    const hr = hitRates([
      { firedRuleIds: ['arms'], hit: true },
      { firedRuleIds: ['arms', 'watchlist'], hit: false },
      { firedRuleIds: ['watchlist'], hit: false },
      { firedRuleIds: ['random'], hit: true },
    ]);
    expect(hr).toEqual([
      { ruleId: 'random', inspections: 1, hits: 1, hitRate: 1 },
      { ruleId: 'arms', inspections: 2, hits: 1, hitRate: 0.5 },
      { ruleId: 'watchlist', inspections: 2, hits: 0, hitRate: 0 },
    ]);
  });
});

describe('arrival matching', () => {
  const d = declarationBodySchema.parse(sampleDeclaration()) as DeclarationBody;
  it('a clean arrival has no discrepancy; weight within 5 % is tolerated', () => {
    expect(matchArrival(d, { plate: '1234TJ03', grossMassKg: 20_600, seals: ['S-1002', 'S-1001'], hsCodesFound: ['2523'], valueUsd: 2400 })).toEqual([]);
  });
  it('flags weight, seals, HS chapter and value', () => {
    const found = matchArrival(d, { plate: '1234 TJ 03', grossMassKg: 26_000, seals: ['S-1001'], hsCodesFound: ['2523', '2402'], valueUsd: 9000 });
    expect(found.map((x) => x.kind)).toEqual(['weight', 'seals', 'hs_chapter', 'value']);
    expect(found[0]!.message).toBe('gross mass differs by 30.0 % (tolerance 5 %)');
    expect(found[1]!.message).toMatch(/missing: S-1002/);
    expect(found[2]!.message).toMatch(/chapter 24/);
  });
});

describe('transit (eTIR)', () => {
  it('moves declared → started → terminated → discharged only', () => {
    expect(canMove('declared', 'started')).toBe(true);
    expect(canMove('declared', 'terminated')).toBe(false);
    expect(canMove('terminated', 'discharged')).toBe(true);
    expect(canMove('discharged', 'started')).toBe(false);
  });
  it('is overdue once started and past its time limit, not before, not once terminated', () => {
    const t = { status: 'started' as const, startedAt: '2026-12-01T00:00:00Z', timeLimitHours: 48 };
    expect(isOverdue(t, new Date('2026-12-02T23:59:00Z'))).toBe(false);
    expect(isOverdue(t, new Date('2026-12-03T00:01:00Z'))).toBe(true);
    expect(isOverdue({ ...t, status: 'terminated' }, new Date('2026-12-09T00:00:00Z'))).toBe(false);
  });
});

describe('crossing time and cost (TRS / CPMM)', () => {
  // Five trucks, inbound, hand-computed below.
  const at = (h: number) => new Date(Date.UTC(2026, 10, 2, 0, 0) + h * 3_600_000).toISOString();
  const fixture = [
    // queue 2h, entry→docs 1h, docs→payment 0.5h (no inspection), payment→exit 0.5h: total 4h, $150
    { steps: { queue_arrival: at(0), entry: at(2), document_check: at(3), payment: at(3.5), exit: at(4) }, feesUsd: 150 },
    // queue 3, docs 1, inspection 2, payment 0.5 → total 6.5+... : 0→3→3.5(docs)→4.5(insp)→6.5(pay)→7 total 7h, $200
    { steps: { queue_arrival: at(0), entry: at(3), document_check: at(3.5), inspection: at(4.5), payment: at(6.5), exit: at(7) }, feesUsd: 200 },
    // total 8h: 0→5→6→7(pay)→8, $185
    { steps: { queue_arrival: at(0), entry: at(5), document_check: at(6), payment: at(7), exit: at(8) }, feesUsd: 185 },
    // total 10h: 0→4→5→9(insp→pay)… 0→4(entry)→5(docs)→6(insp)→9(pay)→10, $250
    { steps: { queue_arrival: at(0), entry: at(4), document_check: at(5), inspection: at(6), payment: at(9), exit: at(10) }, feesUsd: 250 },
    // total 2h: 0→1→1.5→2 (no payment step), $20
    { steps: { queue_arrival: at(0), entry: at(1), document_check: at(1.5), exit: at(2) }, feesUsd: 20 },
    // not finished: ignored
    { steps: { queue_arrival: at(0), entry: at(1) }, feesUsd: 0 },
  ];

  it('matches the hand-computed figures', () => {
    expect(totalHours(fixture[1]!)).toBe(7);
    expect(stepDurations(fixture[1]!)).toEqual({ queue_arrival: 3, entry: 0.5, document_check: 1, inspection: 2, payment: 0.5 });
    const r = crossingTimeReport(fixture, { source: 'CAREC CPMM 2022', year: 2022, hours: 7.4, costUsd: 185 });
    // totals 2, 4, 7, 8, 10 → median 7; p90 nearest rank ceil(4.5) = 5th → 10
    expect(r.count).toBe(5);
    expect(r.medianHours).toBe(7);
    expect(r.p90Hours).toBe(10);
    // fees 20, 150, 185, 200, 250 → median 185
    expect(r.medianCostUsd).toBe(185);
    // queue (entry - arrival): 2, 3, 5, 4, 1 → sum 15, median 3 — the slowest step in total
    expect(r.slowestStep).toBe('queue_arrival');
    expect(r.steps.find((s) => s.step === 'queue_arrival')).toEqual({ step: 'queue_arrival', count: 5, medianHours: 3, p90Hours: 5 });
    // entry → document check: 1, 0.5, 1, 1, 0.5 → median 1
    expect(r.steps.find((s) => s.step === 'entry')).toMatchObject({ count: 5, medianHours: 1 });
    // inspection (to payment): 2, 3 → median 2.5
    expect(r.steps.find((s) => s.step === 'inspection')).toEqual({ step: 'inspection', count: 2, medianHours: 2.5, p90Hours: 3 });
    expect(r.histogram.reduce((s, b) => s + b.count, 0)).toBe(5);
    expect(r.baseline).toEqual({ source: 'CAREC CPMM 2022', year: 2022, hours: 7.4, costUsd: 185 });
  });
  it('percentiles: even count median is the mean of the middle two', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5, 1, 9, 3, 7, 2, 8, 4, 6, 10], 90)).toBe(9);
  });
});
