/**
 * OGC API – Features (Part 1 Core + GeoJSON) over the picture and the registry (docs/ogc.md):
 * which collections exist, and their records filtered by bbox and datetime, paged. Every read
 * is authorised like the JSON API: events through the events policy (marking, workflow — only
 * published and closed events are in the collection), registry records through registry:read.
 */
import { inPicture } from '../domain/events/event.ts';
import { bboxesIntersect, geometryBbox, type Bbox, type Interval } from '../domain/ogc/params.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { notFound } from '../errors.ts';
import type { SavedRecord } from '../store/records.repository.ts';
import type { AppContext } from './context.ts';
import { listEvents } from './events-query.service.ts';
import { readEvent } from './events.service.ts';
import { listVisible } from './registry.service.ts';

export interface CollectionInfo {
  id: string;
  title: string;
  description: string;
  /** whether `datetime` filters it (events: the time of occurrence) */
  temporal: boolean;
}

export const OGC_COLLECTIONS: readonly CollectionInfo[] = [
  { id: 'events', title: 'Events', description: 'Published and closed incidents and hazards (the common situational picture), point at the place of occurrence; datetime filters the time of occurrence.', temporal: true },
  { id: 'sections', title: 'Border sections', description: 'The border line split into named sections, with their current threat level.', temporal: false },
  { id: 'units', title: 'Units', description: 'Border posts, crossing points, liaison offices and headquarters.', temporal: false },
  { id: 'crossing-points', title: 'Crossing points', description: 'Official crossing points (units of kind crossing_point).', temporal: false },
  { id: 'communities', title: 'Communities', description: 'Towns and villages along the border.', temporal: false },
];

export function collectionInfo(id: string): CollectionInfo {
  const c = OGC_COLLECTIONS.find((x) => x.id === id);
  if (!c) throw notFound('collection');
  return c;
}

export interface ItemsQuery {
  bbox?: Bbox;
  interval?: Interval;
  limit: number;
  /** events: the keyset cursor; registry collections: the offset as a string */
  cursor?: string;
}

export type RegistryItem = { kind: 'section'; record: SavedRecord<'section'> } | { kind: 'unit'; record: SavedRecord<'unit'> } | { kind: 'community'; record: SavedRecord<'community'> };
export type ItemsPage = { kind: 'events'; items: SavedRecord<'event'>[]; next: string | null } | { kind: 'registry'; items: RegistryItem[]; next: string | null };

const inBox = (bbox: Bbox | undefined, coordinates: unknown) => {
  if (!bbox) return true;
  const box = geometryBbox(coordinates);
  return box !== null && bboxesIntersect(bbox, box);
};

async function registryItems(ctx: AppContext, subject: Subject, id: string): Promise<RegistryItem[]> {
  if (id === 'sections') return (await listVisible(ctx, subject, 'section')).sort((a, b) => a.body.order - b.body.order).map((record) => ({ kind: 'section' as const, record }));
  if (id === 'communities') return (await listVisible(ctx, subject, 'community')).map((record) => ({ kind: 'community' as const, record }));
  const units = await listVisible(ctx, subject, 'unit', id === 'crossing-points' ? { kind: 'crossing_point' } : {});
  return units.map((record) => ({ kind: 'unit' as const, record }));
}

const coordinatesOf = (x: RegistryItem): unknown => (x.kind === 'section' ? x.record.body.geometry.coordinates : x.record.body.location);

export async function collectionItems(ctx: AppContext, subject: Subject, id: string, q: ItemsQuery): Promise<ItemsPage> {
  collectionInfo(id);
  if (id === 'events') {
    const [start, end] = q.interval ?? [null, null];
    const page = await listEvents(ctx, subject, {
      bbox: q.bbox,
      from: start === null ? undefined : new Date(start).toISOString(),
      // the standard's intervals include their end; the events query excludes `to`
      to: end === null ? undefined : new Date(end + 1).toISOString(),
      limit: q.limit,
      cursor: q.cursor,
    });
    return { kind: 'events', items: page.items, next: page.next };
  }
  const offset = q.cursor && /^\d{1,9}$/.test(q.cursor) ? Number(q.cursor) : 0;
  const all = (await registryItems(ctx, subject, id)).filter((x) => inBox(q.bbox, coordinatesOf(x)));
  const items = all.slice(offset, offset + q.limit);
  return { kind: 'registry', items, next: offset + q.limit < all.length ? String(offset + q.limit) : null };
}

/** One feature; one the reader may not see, or an event not (or no longer) in the picture, is not found. */
export async function collectionItem(ctx: AppContext, subject: Subject, id: string, featureId: string): Promise<{ kind: 'event'; record: SavedRecord<'event'> } | RegistryItem> {
  collectionInfo(id);
  if (id === 'events') {
    const record = await readEvent(ctx, subject, featureId);
    if (!inPicture(record.body.status)) throw notFound('feature');
    return { kind: 'event', record };
  }
  const found = (await registryItems(ctx, subject, id)).find((x) => x.record.id === featureId);
  if (!found) throw notFound('feature');
  return found;
}
