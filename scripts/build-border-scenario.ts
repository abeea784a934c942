/**
 * Builds the seeded Tajikistan–Afghanistan scenario: src/store/seed/scenarios/tj-af.json
 *
 *   npx tsx scripts/build-border-scenario.ts
 *
 * The border line is the real shared TJ/AF boundary from Natural Earth 10m (world-atlas
 * countries-10m.json, extracted with topojson-client `mesh`), ordered from the TJ–AF–UZ tripoint
 * on the Amu Darya east/upstream to the China tripoint, then cut into sections at the breakpoints
 * of scripts/tj-af-registry.ts. Units and communities are hand-written there; the generator
 * checks that each lies on its own state's side and near the border, and assigns the nearest
 * section.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature, mesh } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import {
  type LonLat,
  haversineKm,
  lineLengthKm,
  nearestPointOnLine,
  pointInPolygon,
  pointToLineDistanceKm,
  roundLonLat,
  simplifyDouglasPeucker,
} from '../src/domain/geo/geo.ts';
import { validateScenario, type Scenario, type LocalizedName } from '../src/domain/registry/scenario.ts';
import * as R from './tj-af-registry.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(ROOT, 'src/store/seed/scenarios/tj-af.json');
const MAX_BYTES = 400 * 1024;
const TJ_ID = '762';
const AF_ID = '004';
/** a crossing point must be within this distance of the border line */
const CROSSING_MAX_KM = 5;
/** border posts and BLOs must be within this distance of the border line */
const POST_MAX_KM = 15;
/** how far onto its own bank a crossing-point unit is placed from the snapped bridge site */
const BANK_OFFSET_KM = 0.25;

// ---------------------------------------------------------------------------------------------
// border line
// ---------------------------------------------------------------------------------------------

const require = createRequire(import.meta.url);
const topoPath = require.resolve('world-atlas/countries-10m.json');
const topo = JSON.parse(readFileSync(topoPath, 'utf8')) as Topology;
const countries = topo.objects['countries'] as GeometryCollection<{ name: string }>;

const isPair = (a: { id?: string | number }, b: { id?: string | number }): boolean =>
  a !== b &&
  ((String(a.id) === TJ_ID && String(b.id) === AF_ID) || (String(a.id) === AF_ID && String(b.id) === TJ_ID));

const border = mesh(topo, countries, isPair);
const parts = border.coordinates.map((l) => l.map((p) => [p[0]!, p[1]!] as LonLat));
if (parts.length === 0) throw new Error('no shared TJ/AF border found in countries-10m.json');

/** Joins line parts that share end points into one line (reversing parts as needed). */
function joinParts(input: LonLat[][]): LonLat[] {
  const same = (a: LonLat, b: LonLat): boolean => haversineKm(a, b) < 0.01;
  const rest = input.map((l) => l.slice());
  rest.sort((a, b) => b.length - a.length);
  let line = rest.shift()!;
  while (rest.length > 0) {
    const i = rest.findIndex(
      (p) => same(p[0]!, line.at(-1)!) || same(p.at(-1)!, line.at(-1)!) || same(p[0]!, line[0]!) || same(p.at(-1)!, line[0]!),
    );
    if (i < 0) throw new Error(`border has ${rest.length + 1} disconnected parts; cannot join`);
    const p = rest.splice(i, 1)[0]!;
    if (same(p[0]!, line.at(-1)!)) line = line.concat(p.slice(1));
    else if (same(p.at(-1)!, line.at(-1)!)) line = line.concat(p.reverse().slice(1));
    else if (same(p.at(-1)!, line[0]!)) line = p.concat(line.slice(1));
    else line = p.reverse().concat(line.slice(1));
  }
  return line;
}

let line = joinParts(parts);
// west → east: the TJ–AF–UZ tripoint on the Amu Darya is the western end
if (line[0]![0] > line.at(-1)![0]) line.reverse();
line = line.map((p) => roundLonLat(p, 5));
// drop consecutive duplicates created by rounding
line = line.filter((p, i) => i === 0 || p[0] !== line[i - 1]![0] || p[1] !== line[i - 1]![1]);

const rawKm = lineLengthKm(line);
console.log(`border: ${parts.length} part(s), ${line.length} positions, ${rawKm.toFixed(1)} km`);

// ---------------------------------------------------------------------------------------------
// sections
// ---------------------------------------------------------------------------------------------

function nearestVertex(p: LonLat): number {
  let best = 0;
  let bestD = Infinity;
  line.forEach((q, i) => {
    const d = haversineKm(p, q);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

const cuts: number[] = [0];
for (const spec of R.sectionSpecs) {
  const idx = spec.endAt === 'end' ? line.length - 1 : nearestVertex(spec.endAt);
  if (idx <= cuts.at(-1)!) throw new Error(`breakpoint of "${spec.name.en}" is not east/upstream of the previous one`);
  cuts.push(idx);
}
if (cuts.at(-1) !== line.length - 1) throw new Error('the last section must end at the end of the line');

const sections: Scenario['sections'] = R.sectionSpecs.map((spec, i) => {
  const coords = line.slice(cuts[i]!, cuts[i + 1]! + 1);
  const lengthKm = Math.round(lineLengthKm(coords) * 10) / 10;
  return {
    id: `tj-af-${String(i + 1).padStart(2, '0')}`,
    name: spec.name,
    order: i + 1,
    provinces: { ...spec.provinces },
    terrain: spec.terrain,
    riverName: spec.river,
    patrolCoverage: spec.patrolCoverage,
    lengthKm,
    geometry: { type: 'LineString' as const, coordinates: coords },
  };
});

function nearestSection(p: LonLat): { id: string; km: number } {
  let best = { id: '', km: Infinity };
  for (const s of sections) {
    const km = pointToLineDistanceKm(p, s.geometry.coordinates);
    if (km < best.km) best = { id: s.id, km };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// which side: state polygons from the same topology
// ---------------------------------------------------------------------------------------------

type Rings = LonLat[][];
function polygonsOf(id: string): Rings[] {
  const geom = countries.geometries.find((g) => String(g.id) === id);
  if (!geom) throw new Error(`country ${id} not in topology`);
  const f = feature(topo, geom) as unknown as { geometry: { type: string; coordinates: unknown } };
  if (f.geometry.type === 'Polygon') return [f.geometry.coordinates as Rings];
  return f.geometry.coordinates as Rings[];
}
const polygons: Record<'TJ' | 'AF', Rings[]> = { TJ: polygonsOf(TJ_ID), AF: polygonsOf(AF_ID) };
const inState = (p: LonLat, st: 'TJ' | 'AF'): boolean => polygons[st].some((rings) => pointInPolygon(p, rings));

// ---------------------------------------------------------------------------------------------
// units
// ---------------------------------------------------------------------------------------------

const slug = (s: string): string =>
  s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

type Unit = Scenario['units'][number];
const units: Unit[] = [];
const problems: string[] = [];

const kindName = {
  border_post: (p: LocalizedName): LocalizedName => ({
    en: `${p.en} border post`,
    ru: `Погранзастава «${p.ru}»`,
    tg: `Заставаи сарҳадии «${p.tg}»`,
    fa: `پاسگاه مرزی ${p.fa}`,
    ps: `د ${p.ps} سرحدي پوسته`,
  }),
  crossing_point: (p: LocalizedName): LocalizedName => ({
    en: `${p.en} border crossing point`,
    ru: `Пункт пропуска «${p.ru}»`,
    tg: `Гузаргоҳи сарҳадии «${p.tg}»`,
    fa: `گذرگاه مرزی ${p.fa}`,
    ps: `د ${p.ps} سرحدي تېرځای`,
  }),
  blo: (p: LocalizedName): LocalizedName => ({
    en: `${p.en} Border Liaison Office`,
    ru: `Пограничный офис связи «${p.ru}»`,
    tg: `Дафтари робитаҳои сарҳадии «${p.tg}»`,
    fa: `دفتر ارتباطات مرزی ${p.fa}`,
    ps: `د ${p.ps} د سرحدي اړیکو دفتر`,
  }),
};

const lower = (st: 'TJ' | 'AF'): string => st.toLowerCase();
const agencyOf = (st: 'TJ' | 'AF', kind: 'border_guard' | 'customs'): string => {
  const a = R.agencies.find((x) => x.state === st && x.kind === kind);
  if (!a) throw new Error(`no ${kind} agency for ${st}`);
  return a.id;
};

for (const c of R.crossings) {
  const snap = nearestPointOnLine(c.near, line);
  if (snap.distanceKm > CROSSING_MAX_KM) {
    problems.push(`crossing ${c.key}: hand estimate is ${snap.distanceKm.toFixed(1)} km from the border line`);
  }
  // unit normal of the border segment at the bridge site, in km-scaled lon/lat space
  const a = line[snap.segmentIndex]!;
  const b = line[snap.segmentIndex + 1]!;
  const kx = Math.cos((snap.point[1] * Math.PI) / 180);
  const dx = (b[0] - a[0]) * kx;
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  const degPerKm = 1 / 111.195;
  const off = (sign: 1 | -1): LonLat => [
    snap.point[0] + (sign * (-dy / len) * BANK_OFFSET_KM * degPerKm) / kx,
    snap.point[1] + sign * (dx / len) * BANK_OFFSET_KM * degPerKm,
  ];
  const bank = (st: 'TJ' | 'AF'): LonLat => {
    const side = ([1, -1] as const).map(off).find((p) => inState(p, st));
    if (!side) {
      problems.push(`crossing ${c.key}: neither bank offset lies in ${st}`);
      return roundLonLat(snap.point, 5);
    }
    return roundLonLat(side, 5);
  };
  const tjLoc = bank('TJ');
  const afLoc = bank('AF');
  const tjPlace = R.P[c.tj];
  const afPlace = R.P[c.af];
  const ids = {
    tj: `tj-bcp-${slug(tjPlace.en)}`,
    af: `af-bcp-${slug(afPlace.en)}`,
    tjBlo: `tj-blo-${slug(tjPlace.en)}`,
    afBlo: `af-blo-${slug(afPlace.en)}`,
  };
  units.push(
    { id: ids.tj, agency: agencyOf('TJ', 'customs'), kind: 'crossing_point', name: kindName.crossing_point(tjPlace), location: tjLoc, approximate: true, locode: c.tjLocode, section: nearestSection(tjLoc).id, pairedWith: ids.af },
    { id: ids.af, agency: agencyOf('AF', 'customs'), kind: 'crossing_point', name: kindName.crossing_point(afPlace), location: afLoc, approximate: true, locode: c.afLocode, section: nearestSection(afLoc).id, pairedWith: ids.tj },
  );
  if (c.blo) {
    units.push(
      { id: ids.tjBlo, agency: agencyOf('TJ', 'border_guard'), kind: 'blo', name: kindName.blo(tjPlace), location: tjLoc, approximate: true, locode: null, section: nearestSection(tjLoc).id, pairedWith: ids.afBlo },
      { id: ids.afBlo, agency: agencyOf('AF', 'border_guard'), kind: 'blo', name: kindName.blo(afPlace), location: afLoc, approximate: true, locode: null, section: nearestSection(afLoc).id, pairedWith: ids.tjBlo },
    );
  }
}

for (const p of R.borderPosts) {
  const place = R.P[p.place];
  const at = roundLonLat(p.at, 5);
  const near = nearestSection(at);
  if (!inState(at, p.state)) problems.push(`post ${p.state} ${place.en} ${JSON.stringify(at)} is not inside ${p.state}`);
  if (near.km > POST_MAX_KM) problems.push(`post ${p.state} ${place.en} is ${near.km.toFixed(1)} km from the border`);
  units.push({
    id: `${lower(p.state)}-post-${slug(place.en)}`,
    agency: agencyOf(p.state, 'border_guard'),
    kind: 'border_post',
    name: kindName.border_post(place),
    location: at,
    approximate: true,
    locode: null,
    section: near.id,
    pairedWith: null,
  });
}

for (const h of R.headquarters) {
  units.push({ id: h.id, agency: h.agency, kind: 'headquarters', name: h.name, location: roundLonLat(h.at, 5), approximate: true, locode: h.locode, section: null, pairedWith: null });
}

// ---------------------------------------------------------------------------------------------
// communities
// ---------------------------------------------------------------------------------------------

const communities: Scenario['communities'] = R.communities.map((c) => {
  const place = R.P[c.place];
  const at = roundLonLat(c.at, 5);
  const near = nearestSection(at);
  if (!inState(at, c.state)) problems.push(`community ${c.state} ${place.en} ${JSON.stringify(at)} is not inside ${c.state}`);
  if (near.km > 25) problems.push(`community ${c.state} ${place.en} is ${near.km.toFixed(1)} km from the border`);
  return { id: `${lower(c.state)}-com-${slug(place.en)}`, state: c.state, name: place, location: at, section: near.id, population: c.population };
});

if (problems.length > 0) {
  throw new Error(`scenario data problems:\n  - ${problems.join('\n  - ')}`);
}

// ---------------------------------------------------------------------------------------------
// assemble, validate, write
// ---------------------------------------------------------------------------------------------

const scenario: Scenario = validateScenario({
  id: 'tj-af',
  name: R.scenarioName,
  states: R.states,
  agencies: R.agencies,
  sections,
  units,
  communities,
});

/** Pretty JSON with [lon, lat] pairs kept on one line. */
function render(s: Scenario): string {
  return (
    JSON.stringify(s, null, 2).replace(
      /\[\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?),\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*\]/g,
      '[$1, $2]',
    ) + '\n'
  );
}

let text = render(scenario);
if (Buffer.byteLength(text) > MAX_BYTES) {
  // fall back to a small Douglas–Peucker simplification (~200 m) of each section
  for (const s of scenario.sections) {
    s.geometry.coordinates = simplifyDouglasPeucker(s.geometry.coordinates, 0.002);
    s.lengthKm = Math.round(lineLengthKm(s.geometry.coordinates) * 10) / 10;
  }
  text = render(scenario);
}

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, text);

const total = scenario.sections.reduce((a, s) => a + s.lengthKm, 0);
console.log(`wrote ${OUT} (${(Buffer.byteLength(text) / 1024).toFixed(1)} KB)`);
console.log(`${scenario.sections.length} sections, ${total.toFixed(1)} km total`);
for (const s of scenario.sections) {
  console.log(`  ${s.id} ${s.lengthKm.toFixed(1).padStart(6)} km  ${s.provinces['TJ']}/${s.provinces['AF']}  ${s.name.en}`);
}
console.log(`${scenario.units.length} units, ${scenario.communities.length} communities`);
for (const u of scenario.units.filter((x) => x.kind === 'crossing_point')) {
  const sec = scenario.sections.find((x) => x.id === u.section)!;
  console.log(`  ${u.id} ${JSON.stringify(u.location)} ${u.section} ${pointToLineDistanceKm(u.location, sec.geometry.coordinates).toFixed(2)} km`);
}
