/**
 * Builds the offline basemap of the web app: datasets/basemap/tj-af-region.topo.json
 *
 *   npx tsx scripts/build-basemap.ts
 *
 * Source: Natural Earth 1:10m admin-0 countries (public domain) as shipped by the `world-atlas`
 * package (countries-10m.json, 3.6 MB for the world). Kept: only the countries around the
 * Tajik–Afghan border, their arcs simplified (Douglas–Peucker, endpoints kept so shared borders
 * stay shared and rings stay closed) finely near the border and coarsely far from it, then
 * quantised and delta-encoded as TopoJSON. Added object `rivers`: the border rivers — the
 * Amu Darya, Panj and Pamir as the seeded border sections name them (the Natural Earth
 * boundary follows their course), and the Afghan–Uzbek stretch of the Amu Darya (the shared
 * AF/UZ arc of the same source).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeometryCollection, Topology, Polygon, MultiPolygon, LineString, MultiLineString } from 'topojson-specification';
import { simplifyDouglasPeucker, type LonLat } from '../src/domain/geo/geo.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(ROOT, 'datasets/basemap/tj-af-region.topo.json');
const SCENARIO = resolve(ROOT, 'src/store/seed/scenarios/tj-af.json');

/** Countries whose outline touches this box are kept. [minLon, minLat, maxLon, maxLat] */
const REGION: [number, number, number, number] = [56, 28, 84, 46];
/** Arcs that enter this box keep ~200 m of detail; others ~2 km; arcs outside REGION ~20 km. */
const FOCUS: [number, number, number, number] = [62, 33, 77, 42];
const TOL_FOCUS = 0.002;
const TOL_REGION = 0.02;
const TOL_FAR = 0.2;
/** quantisation: positions snap to a grid of this many steps across the kept extent */
const QUANT = 100_000;

const require = createRequire(import.meta.url);
const world = JSON.parse(readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8')) as Topology;
const countries = world.objects['countries'] as GeometryCollection<{ name: string }>;

// --- decode the world's arcs to absolute positions ---------------------------------------------
const tf = world.transform;
const arcs: LonLat[][] = world.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    if (!tf) return [dx!, dy!] as LonLat;
    x += dx!;
    y += dy!;
    return [x * tf.scale[0] + tf.translate[0], y * tf.scale[1] + tf.translate[1]] as LonLat;
  });
});

const inBox = (p: LonLat, b: readonly number[]) => p[0] >= b[0]! && p[0] <= b[2]! && p[1] >= b[1]! && p[1] <= b[3]!;
const arcIndex = (i: number) => (i < 0 ? ~i : i);

type PolyGeom = (Polygon | MultiPolygon) & { id?: string | number; properties?: { name: string } };
const ringsOf = (g: PolyGeom): number[][] => (g.type === 'Polygon' ? g.arcs : g.arcs.flat());

const kept = (countries.geometries as PolyGeom[]).filter(
  (g) => (g.type === 'Polygon' || g.type === 'MultiPolygon') && ringsOf(g).some((ring) => ring.some((i) => arcs[arcIndex(i)]!.some((p) => inBox(p, REGION)))),
);

// --- simplify each used arc once (shared borders stay identical on both sides) -----------------
const used = new Set<number>();
for (const g of kept) for (const ring of ringsOf(g)) for (const i of ring) used.add(arcIndex(i));
const oldToNew = new Map<number, number>();
const outArcs: LonLat[][] = [];
for (const i of [...used].sort((a, b) => a - b)) {
  const arc = arcs[i]!;
  const tol = arc.some((p) => inBox(p, FOCUS)) ? TOL_FOCUS : arc.some((p) => inBox(p, REGION)) ? TOL_REGION : TOL_FAR;
  oldToNew.set(i, outArcs.length);
  outArcs.push(simplifyDouglasPeucker(arc, tol));
}
const remap = (i: number) => (i < 0 ? ~oldToNew.get(~i)! : oldToNew.get(i)!);

const outCountries = kept.map((g) => {
  const base = { id: String(g.id), properties: { name: g.properties?.name ?? '' } };
  return g.type === 'Polygon'
    ? { ...base, type: 'Polygon' as const, arcs: g.arcs.map((r) => r.map(remap)) }
    : { ...base, type: 'MultiPolygon' as const, arcs: g.arcs.map((p) => p.map((r) => r.map(remap))) };
});

// --- rivers ------------------------------------------------------------------------------------
interface ScenarioSection {
  order: number;
  riverName: string | null;
  geometry: { coordinates: LonLat[] };
}
const sections = (JSON.parse(readFileSync(SCENARIO, 'utf8')) as { sections: ScenarioSection[] }).sections.sort((a, b) => a.order - b.order);
const riverLines = new Map<string, LonLat[][]>();
for (const s of sections) {
  if (!s.riverName) continue;
  const lines = riverLines.get(s.riverName) ?? [];
  const last = lines.at(-1);
  const coords = s.geometry.coordinates;
  // contiguous sections of one river join into one line
  if (last && last.at(-1)![0] === coords[0]![0] && last.at(-1)![1] === coords[0]![1]) last.push(...coords.slice(1));
  else lines.push([...coords]);
  riverLines.set(s.riverName, lines);
}
// the Afghan–Uzbek border is the Amu Darya over its whole length
const AF = '004';
const UZ = '860';
const byCountry = (id: string) => new Set((countries.geometries as PolyGeom[]).filter((g) => String(g.id) === id).flatMap((g) => ringsOf(g).flat().map(arcIndex)));
const afArcs = byCountry(AF);
for (const i of byCountry(UZ)) if (afArcs.has(i)) (riverLines.get('Amu Darya') ?? riverLines.set('Amu Darya', []).get('Amu Darya')!).push([...arcs[i]!]);

const RIVER_KEYS: Record<string, string> = { 'Amu Darya': 'amuDarya', Panj: 'panj', Pamir: 'pamir' };
const outRivers: (MultiLineString & { properties: { key: string; name: string } })[] = [];
for (const [name, lines] of riverLines) {
  const arcIds = lines.map((l) => {
    outArcs.push(simplifyDouglasPeucker(l, TOL_FOCUS));
    return [outArcs.length - 1];
  });
  outRivers.push({ type: 'MultiLineString', arcs: arcIds, properties: { key: RIVER_KEYS[name] ?? name, name } });
}

// --- quantise and delta-encode -----------------------------------------------------------------
let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
for (const a of outArcs) for (const [x, y] of a) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
const kx = (x1 - x0) / (QUANT - 1) || 1;
const ky = (y1 - y0) / (QUANT - 1) || 1;
const encoded = outArcs.map((arc) => {
  let px = 0;
  let py = 0;
  const out: [number, number][] = [];
  for (const [x, y] of arc) {
    const qx = Math.round((x - x0) / kx);
    const qy = Math.round((y - y0) / ky);
    if (out.length > 0 && qx === px && qy === py) continue;
    out.push([qx - px, qy - py]);
    px = qx;
    py = qy;
  }
  if (out.length === 1) out.push([0, 0]);
  return out;
});

const topology = {
  type: 'Topology',
  // Natural Earth (public domain) via world-atlas; built by scripts/build-basemap.ts
  bbox: [x0, y0, x1, y1],
  transform: { scale: [kx, ky], translate: [x0, y0] },
  objects: {
    countries: { type: 'GeometryCollection', geometries: outCountries },
    rivers: { type: 'GeometryCollection', geometries: outRivers as unknown as LineString[] },
  },
  arcs: encoded,
};
mkdirSync(dirname(OUT), { recursive: true });
const text = JSON.stringify(topology);
writeFileSync(OUT, text + '\n');
console.log(`${OUT}: ${outCountries.length} countries, ${outRivers.length} rivers, ${encoded.length} arcs, ${text.length} bytes`);
