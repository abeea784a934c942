import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { haversineKm, pointToLineDistanceKm } from '../geo/geo.ts';
import { type Scenario, unitState, validateScenario } from './scenario.ts';

const raw: unknown = JSON.parse(
  readFileSync(new URL('../../store/seed/scenarios/tj-af.json', import.meta.url), 'utf8'),
);
const s: Scenario = validateScenario(raw);
const clone = (): Scenario => structuredClone(s);

const CYRILLIC = /[\u0400-\u04FF]/;
const ARABIC = /[\u0600-\u06FF]/;

describe('seeded tj-af scenario', () => {
  it('validates', () => {
    expect(s.id).toBe('tj-af');
    expect(s.states.map((x) => x.code).sort()).toEqual(['AF', 'TJ']);
  });

  it('has the five national agencies per state, one of each kind, plus partner observers', () => {
    for (const st of ['TJ', 'AF']) {
      const kinds = s.agencies.filter((a) => a.state === st && a.kind !== 'partner').map((a) => a.kind).sort();
      expect(kinds).toEqual(['border_guard', 'customs', 'drug_control', 'emergency', 'police']);
    }
    expect(s.agencies.some((a) => a.kind === 'partner')).toBe(true);
  });

  it('has 20–30 sections in order with ids tj-af-01…', () => {
    expect(s.sections.length).toBeGreaterThanOrEqual(20);
    expect(s.sections.length).toBeLessThanOrEqual(30);
    s.sections.forEach((sec, i) => {
      expect(sec.order).toBe(i + 1);
      expect(sec.id).toBe(`tj-af-${String(i + 1).padStart(2, '0')}`);
      expect(Object.keys(sec.provinces).sort()).toEqual(['AF', 'TJ']);
    });
  });

  it('sections are contiguous (end of i = start of i+1)', () => {
    for (let i = 0; i + 1 < s.sections.length; i++) {
      const end = s.sections[i]!.geometry.coordinates.at(-1);
      const start = s.sections[i + 1]!.geometry.coordinates[0];
      expect(start, `${s.sections[i]!.id} → ${s.sections[i + 1]!.id}`).toEqual(end);
    }
  });

  it('runs west → east from the TJ–AF–UZ tripoint to the China tripoint', () => {
    const first = s.sections[0]!.geometry.coordinates[0]!;
    const last = s.sections.at(-1)!.geometry.coordinates.at(-1)!;
    expect(first[0]).toBeCloseTo(67.78, 1); // on the Amu Darya near Termez
    expect(last[0]).toBeCloseTo(74.89, 1); // Wakhan / China
  });

  it('has a plausible total length and lengthKm matches the geometry', () => {
    const total = s.sections.reduce((a, x) => a + x.lengthKm, 0);
    // The official length is ≈1,344 km; the Natural Earth 10m line generalises the river
    // meanders and measures ≈1,172 km, hence the lower bound of 1,100 km.
    expect(total).toBeGreaterThan(1100);
    expect(total).toBeLessThan(1500);
    for (const sec of s.sections) {
      const c = sec.geometry.coordinates;
      let km = 0;
      for (let i = 1; i < c.length; i++) km += haversineKm(c[i - 1]!, c[i]!);
      expect(Math.abs(km - sec.lengthKm), sec.id).toBeLessThan(0.1);
      expect(sec.lengthKm, sec.id).toBeGreaterThan(20);
      expect(sec.lengthKm, sec.id).toBeLessThan(100);
    }
  });

  it('every crossing point lies within 5 km of its section and is paired across TJ/AF', () => {
    const crossings = s.units.filter((u) => u.kind === 'crossing_point');
    expect(crossings.length).toBeGreaterThanOrEqual(10);
    const byId = new Map(s.units.map((u) => [u.id, u]));
    for (const u of crossings) {
      const sec = s.sections.find((x) => x.id === u.section);
      expect(sec, u.id).toBeDefined();
      expect(pointToLineDistanceKm(u.location, sec!.geometry.coordinates), u.id).toBeLessThan(5);
      const other = byId.get(u.pairedWith ?? '');
      expect(other, u.id).toBeDefined();
      expect(other!.kind).toBe('crossing_point');
      expect(other!.pairedWith).toBe(u.id);
      expect(new Set([unitState(s, u), unitState(s, other!)])).toEqual(new Set(['TJ', 'AF']));
    }
  });

  it('every post, crossing point and BLO has its nearest section', () => {
    for (const u of s.units) {
      if (u.kind === 'headquarters') continue;
      expect(u.section, u.id).not.toBeNull();
      const own = pointToLineDistanceKm(u.location, s.sections.find((x) => x.id === u.section)!.geometry.coordinates);
      for (const sec of s.sections) {
        expect(own, `${u.id} vs ${sec.id}`).toBeLessThanOrEqual(pointToLineDistanceKm(u.location, sec.geometry.coordinates) + 1e-9);
      }
    }
  });

  it('includes the Panji Poyon – Sher Khan Bandar crossing and BLOs', () => {
    const pp = s.units.find((u) => u.id === 'tj-bcp-panji-poyon');
    expect(pp?.pairedWith).toBe('af-bcp-sher-khan-bandar');
    expect(haversineKm(pp!.location, [68.6, 37.18])).toBeLessThan(5);
    expect(s.units.filter((u) => u.kind === 'blo').length).toBeGreaterThanOrEqual(4);
    expect(s.units.filter((u) => u.kind === 'headquarters').length).toBeGreaterThanOrEqual(5);
    expect(s.communities.length).toBeGreaterThanOrEqual(20);
  });

  it('names are present in five languages in the right scripts', () => {
    const names = [
      s.name,
      ...s.states.map((x) => x.name),
      ...s.agencies.map((x) => x.name),
      ...s.sections.map((x) => x.name),
      ...s.units.map((x) => x.name),
      ...s.communities.map((x) => x.name),
    ];
    for (const n of names) {
      for (const lang of ['en', 'ru', 'tg', 'fa', 'ps'] as const) expect(n[lang].trim().length, `${n.en} ${lang}`).toBeGreaterThan(0);
      expect(n.tg, n.en).toMatch(CYRILLIC);
      expect(n.ru, n.en).toMatch(CYRILLIC);
      expect(n.fa, n.en).toMatch(ARABIC);
      expect(n.ps, n.en).toMatch(ARABIC);
      expect(n.en, n.en).not.toMatch(CYRILLIC);
    }
  });
});

describe('validateScenario rejects bad data', () => {
  it('a dangling agency reference, naming the unit', () => {
    const bad = clone();
    bad.units[0]!.agency = 'no-such-agency';
    expect(() => validateScenario(bad)).toThrow(new RegExp(`unit "${bad.units[0]!.id}".*no-such-agency`));
  });

  it('an agency of an unknown state', () => {
    const bad = clone();
    bad.agencies[0]!.state = 'XX';
    expect(() => validateScenario(bad)).toThrow(/agency "tj-border-troops".*"XX"/);
  });

  it('a duplicate id, naming it', () => {
    const bad = clone();
    bad.communities[1]!.id = bad.communities[0]!.id;
    expect(() => validateScenario(bad)).toThrow(new RegExp(`duplicate id "${bad.communities[0]!.id}"`));
  });

  it('an id shared across kinds', () => {
    const bad = clone();
    bad.units[0]!.id = 'tj-af-01';
    expect(() => validateScenario(bad)).toThrow(/duplicate id "tj-af-01"/);
  });

  it('invalid coordinates, naming the record', () => {
    const bad = clone();
    bad.sections[2]!.geometry.coordinates[1] = [200, 37];
    expect(() => validateScenario(bad)).toThrow(/section "tj-af-03" position 1.*invalid position/);
    const bad2 = clone();
    bad2.units[3]!.location = [70, -95];
    expect(() => validateScenario(bad2)).toThrow(new RegExp(`unit "${bad2.units[3]!.id}"`));
    const bad3 = clone();
    bad3.communities[0]!.location = [Number.NaN, 37];
    expect(() => validateScenario(bad3)).toThrow(new RegExp(`"${bad3.communities[0]!.id}"`));
  });

  it('a section with fewer than two positions', () => {
    const bad = clone();
    bad.sections[0]!.geometry.coordinates = [[68, 37]];
    expect(() => validateScenario(bad)).toThrow(/section "tj-af-01".*at least 2/);
  });

  it('unknown sections and asymmetric pairs', () => {
    const bad = clone();
    bad.communities[0]!.section = 'tj-af-99';
    expect(() => validateScenario(bad)).toThrow(new RegExp(`community "${bad.communities[0]!.id}".*tj-af-99`));
    const bad2 = clone();
    const u = bad2.units.find((x) => x.id === 'af-bcp-sher-khan-bandar')!;
    u.pairedWith = null;
    expect(() => validateScenario(bad2)).toThrow(/unit "tj-bcp-panji-poyon" is paired with "af-bcp-sher-khan-bandar"/);
    const bad3 = clone();
    bad3.units[0]!.pairedWith = 'ghost';
    expect(() => validateScenario(bad3)).toThrow(/paired with unknown unit "ghost"/);
  });

  it('a shape error names the record id', () => {
    const bad = clone() as unknown as { units: { id: string; kind: string }[] };
    bad.units[0]!.kind = 'castle';
    expect(() => validateScenario(bad)).toThrow(new RegExp(`units "${bad.units[0]!.id}"`));
    const bad2 = clone();
    bad2.sections[0]!.name.ps = '';
    expect(() => validateScenario(bad2)).toThrow(/sections "tj-af-01"/);
  });
});
