import type { Subject } from '../../domain/policy/roles.ts';
import type { Place } from '../../domain/partners/records.ts';
import { listRecords } from '../../store/records.repository.ts';
import type { AppContext } from '../context.ts';
import { readPartnerRecords } from './partners.service.ts';

/**
 * "Who does what WHERE" as GeoJSON (docs/partners.md, "Initiatives on the map"): one Point
 * feature per registry place (unit or border section) that at least one initiative the reader
 * may read names, with those initiatives. The records are exactly those of GET /api/initiatives
 * (readPartnerRecords: the same authorize() action and the same marking filter), so the map
 * shows nothing the partners page does not.
 */

type LonLat = [number, number];

export interface MapInitiative {
  id: string;
  ref: string;
  partner: string;
  title: string;
  stateCode: string;
  ownerState: string;
  start: string;
  end: string | null;
  status: string;
  budget: number | null;
  currency: string | null;
  illustrative: boolean;
}

interface RegistryPlace {
  id: string;
  type: Place['type'];
  ref: string | null;
  kind: string;
  name: Record<string, string>;
  stateCode: string | null;
  at: LonLat;
}

/** The point halfway along a line, by length (a section's marker sits in its middle, on the line). */
export function midpointOf(coords: readonly LonLat[]): LonLat {
  if (coords.length === 1) return coords[0]!;
  // Planar lengths in degrees, longitude scaled by cos(latitude): close enough over a section.
  const seg = coords.slice(1).map((b, i) => {
    const a = coords[i]!;
    const k = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
    return Math.hypot((b[0] - a[0]) * k, b[1] - a[1]);
  });
  let left = seg.reduce((s, x) => s + x, 0) / 2;
  for (let i = 0; i < seg.length; i++) {
    if (left <= seg[i]! && seg[i]! > 0) {
      const a = coords[i]!;
      const b = coords[i + 1]!;
      const f = left / seg[i]!;
      return [round6(a[0] + (b[0] - a[0]) * f), round6(a[1] + (b[1] - a[1]) * f)];
    }
    left -= seg[i]!;
  }
  return coords[coords.length - 1]!;
}
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

async function registryPlaces(ctx: AppContext): Promise<RegistryPlace[]> {
  const [units, sections] = await Promise.all([listRecords(ctx.db.kysely, 'unit'), listRecords(ctx.db.kysely, 'section')]);
  return [
    ...units.map((u) => ({ id: u.id, type: 'unit' as const, ref: u.body.ref ?? null, kind: u.body.kind, name: u.body.name, stateCode: u.body.stateCode, at: u.body.location as LonLat })),
    ...sections.map((s) => ({ id: s.id, type: 'section' as const, ref: s.body.ref ?? null, kind: 'border_section', name: s.body.name, stateCode: null, at: midpointOf(s.body.geometry.coordinates as LonLat[]) })),
  ];
}

export async function initiativesMap(ctx: AppContext, subject: Subject) {
  const records = await readPartnerRecords(ctx, subject, 'initiative'); // authorize(subject, 'partners:read') first
  const places = await registryPlaces(ctx);
  const byId = new Map(places.map((p) => [p.id, p]));
  const byRef = new Map(places.filter((p) => p.ref).map((p) => [`${p.type}:${p.ref}`, p]));
  const at = new Map<string, { place: RegistryPlace; initiatives: MapInitiative[] }>();
  const unplaced: { id: string; partner: string; title: string; places: Place[] }[] = [];

  for (const { record: r } of records) {
    const b = r.body;
    const item: MapInitiative = { id: r.id, ref: b.ref, partner: b.partner, title: b.title, stateCode: b.stateCode, ownerState: r.owner.state, start: b.start, end: b.end, status: b.status, budget: b.budget, currency: b.currency, illustrative: b.illustrative };
    const missing: Place[] = [];
    for (const p of b.places) {
      // Ids are per node: a copy received from the other side names its places by ref.
      const local = (r.owner.node === ctx.node.id ? byId.get(p.id) : undefined) ?? (p.ref ? byRef.get(`${p.type}:${p.ref}`) : undefined) ?? byId.get(p.id);
      if (!local || local.type !== p.type) {
        missing.push(p);
        continue;
      }
      const slot = at.get(local.id) ?? at.set(local.id, { place: local, initiatives: [] }).get(local.id)!;
      if (!slot.initiatives.some((x) => x.id === item.id)) slot.initiatives.push(item);
    }
    if (missing.length) unplaced.push({ id: r.id, partner: b.partner, title: b.title, places: missing });
  }

  const features = [...at.values()]
    .sort((a, b) => a.place.type.localeCompare(b.place.type) || (a.place.ref ?? a.place.id).localeCompare(b.place.ref ?? b.place.id))
    .map(({ place, initiatives }) => ({
      type: 'Feature' as const,
      id: place.id,
      geometry: { type: 'Point' as const, coordinates: place.at },
      properties: {
        placeId: place.id,
        placeType: place.type,
        ref: place.ref,
        kind: place.kind,
        name: place.name,
        stateCode: place.stateCode,
        count: initiatives.length,
        initiatives: initiatives.sort((a, b) => a.partner.localeCompare(b.partner) || a.title.localeCompare(b.title)),
      },
    }));
  return { type: 'FeatureCollection' as const, features, unplaced };
}
