/**
 * Scenario data set for a border registry: states, agencies, border sections (with geometry),
 * units (posts, crossing points, Border Liaison Offices, headquarters) and border communities.
 *
 * Pure: zod 4 schema + referential-integrity checks, no I/O. The seeded Tajikistan–Afghanistan
 * scenario lives in `src/store/seed/scenarios/tj-af.json` (see docs/scenario-data.md).
 */
import { z } from 'zod';
import { AGENCY_KINDS, localizedNameSchema, TERRAINS, UNIT_KINDS, type LocalizedNameValue } from './entities.ts';

const nonEmpty = z.string().trim().min(1);

// One definition of names and kinds for the registry: the records' own (entities.ts).
export { localizedNameSchema } from './entities.ts';
export type LocalizedName = LocalizedNameValue;

/** [longitude, latitude] in decimal degrees, RFC 7946 order. Ranges are checked by validateScenario. */
export const positionSchema = z.tuple([z.number(), z.number()]);
export type Position = z.infer<typeof positionSchema>;

export const agencyKinds = AGENCY_KINDS;
export const terrains = TERRAINS;
export const unitKinds = UNIT_KINDS;

export const stateSchema = z.object({
  code: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code expected'),
  name: localizedNameSchema,
});

export const agencySchema = z.object({
  id: nonEmpty,
  state: z.string(),
  kind: z.enum(agencyKinds),
  name: localizedNameSchema,
});

export const lineStringSchema = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(positionSchema),
});

export const sectionSchema = z.object({
  id: nonEmpty,
  name: localizedNameSchema,
  order: z.number().int().nonnegative(),
  /** province/region on each side, keyed by state code, e.g. { TJ: 'Khatlon', AF: 'Kunduz' } */
  provinces: z.record(z.string(), nonEmpty),
  terrain: z.enum(terrains),
  riverName: nonEmpty.nullable(),
  /** share of the section under regular patrol, 0..1 */
  patrolCoverage: z.number().min(0).max(1),
  lengthKm: z.number().positive(),
  geometry: lineStringSchema,
  /** known informal crossing points (fords, ferry points) for the risk model; absent = the terrain's default */
  crossingPoints: z.number().int().nonnegative().optional(),
});

export const unitSchema = z.object({
  id: nonEmpty,
  agency: z.string(),
  kind: z.enum(unitKinds),
  name: localizedNameSchema,
  location: positionSchema,
  /** true when the coordinates are not known to ~1 km */
  approximate: z.boolean(),
  /** UN/LOCODE (2-letter country + 3 characters), or null when none is known */
  locode: z
    .string()
    .regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'UN/LOCODE expected, e.g. TJDYU')
    .nullable(),
  section: z.string().nullable(),
  /** the facing unit on the other side of the border (symmetric) */
  pairedWith: z.string().nullable(),
  /** share of the authorised strength present, 0..1 (risk model); absent = not known */
  staffing: z.number().min(0).max(1).optional(),
});

export const communitySchema = z.object({
  id: nonEmpty,
  state: z.string(),
  name: localizedNameSchema,
  location: positionSchema,
  section: z.string(),
  population: z.number().int().nonnegative().nullable(),
});

export const scenarioSchema = z.object({
  id: nonEmpty,
  name: localizedNameSchema,
  states: z.array(stateSchema).min(1),
  agencies: z.array(agencySchema),
  sections: z.array(sectionSchema),
  units: z.array(unitSchema),
  communities: z.array(communitySchema),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioState = Scenario['states'][number];
export type Agency = Scenario['agencies'][number];
export type BorderSection = Scenario['sections'][number];
export type Unit = Scenario['units'][number];
export type Community = Scenario['communities'][number];
export type AgencyKind = (typeof agencyKinds)[number];
export type Terrain = (typeof terrains)[number];
export type UnitKind = (typeof unitKinds)[number];

function checkPosition(p: Position, what: string): void {
  const [lon, lat] = p;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new Error(`${what}: invalid position [${lon}, ${lat}] (lon must be in [-180,180], lat in [-90,90])`);
  }
}

/**
 * Parses and validates a scenario: shape (zod), unique ids, references between records,
 * symmetric pairing of units and valid geometry. Throws an Error naming the offending id.
 */
export function validateScenario(json: unknown): Scenario {
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first ? first.path.join('.') : '';
    // name the id of the record at fault when the path points inside a list
    let where = path;
    if (first && first.path.length >= 2 && typeof first.path[1] === 'number' && json && typeof json === 'object') {
      const list = (json as Record<string, unknown>)[String(first.path[0])];
      const rec = Array.isArray(list) ? list[first.path[1]] : undefined;
      const id = rec && typeof rec === 'object' ? ((rec as { id?: unknown; code?: unknown }).id ?? (rec as { code?: unknown }).code) : undefined;
      if (typeof id === 'string') where = `${String(first.path[0])} "${id}" (${path})`;
    }
    throw new Error(`invalid scenario at ${where || '<root>'}: ${first?.message ?? z.prettifyError(parsed.error)}`);
  }
  const s = parsed.data;

  // unique ids: state codes, and one id space for agencies, sections, units and communities
  const stateCodes = new Set<string>();
  for (const st of s.states) {
    if (stateCodes.has(st.code)) throw new Error(`duplicate state code "${st.code}"`);
    stateCodes.add(st.code);
  }
  const seen = new Map<string, string>();
  const claim = (id: string, kind: string): void => {
    const prev = seen.get(id);
    if (prev) throw new Error(`duplicate id "${id}" (${kind}; already used by a ${prev})`);
    seen.set(id, kind);
  };
  for (const a of s.agencies) claim(a.id, 'agency');
  for (const sec of s.sections) claim(sec.id, 'section');
  for (const u of s.units) claim(u.id, 'unit');
  for (const c of s.communities) claim(c.id, 'community');

  const agencies = new Map(s.agencies.map((a) => [a.id, a]));
  const sectionIds = new Set(s.sections.map((x) => x.id));
  const units = new Map(s.units.map((u) => [u.id, u]));

  for (const a of s.agencies) {
    if (!stateCodes.has(a.state)) throw new Error(`agency "${a.id}" refers to unknown state "${a.state}"`);
  }

  const orders = new Set<number>();
  for (const sec of s.sections) {
    if (orders.has(sec.order)) throw new Error(`section "${sec.id}" repeats order ${sec.order}`);
    orders.add(sec.order);
    for (const code of Object.keys(sec.provinces)) {
      if (!stateCodes.has(code)) throw new Error(`section "${sec.id}" names a province of unknown state "${code}"`);
    }
    const coords = sec.geometry.coordinates;
    if (coords.length < 2) {
      throw new Error(`section "${sec.id}": geometry needs at least 2 positions, got ${coords.length}`);
    }
    coords.forEach((p, i) => checkPosition(p, `section "${sec.id}" position ${i}`));
  }

  for (const u of s.units) {
    if (!agencies.has(u.agency)) throw new Error(`unit "${u.id}" refers to unknown agency "${u.agency}"`);
    if (u.section !== null && !sectionIds.has(u.section)) {
      throw new Error(`unit "${u.id}" refers to unknown section "${u.section}"`);
    }
    checkPosition(u.location, `unit "${u.id}"`);
    if (u.pairedWith !== null) {
      if (u.pairedWith === u.id) throw new Error(`unit "${u.id}" is paired with itself`);
      const other = units.get(u.pairedWith);
      if (!other) throw new Error(`unit "${u.id}" is paired with unknown unit "${u.pairedWith}"`);
      if (other.pairedWith !== u.id) {
        throw new Error(
          `unit "${u.id}" is paired with "${other.id}" but "${other.id}" is paired with ${other.pairedWith === null ? 'nothing' : `"${other.pairedWith}"`}`,
        );
      }
    }
  }

  for (const c of s.communities) {
    if (!stateCodes.has(c.state)) throw new Error(`community "${c.id}" refers to unknown state "${c.state}"`);
    if (!sectionIds.has(c.section)) throw new Error(`community "${c.id}" refers to unknown section "${c.section}"`);
    checkPosition(c.location, `community "${c.id}"`);
  }

  return s;
}

/** The state a unit belongs to (through its agency), or undefined when the agency is unknown. */
export function unitState(s: Scenario, unit: Unit): string | undefined {
  return s.agencies.find((a) => a.id === unit.agency)?.state;
}
