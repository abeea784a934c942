import { sectionOf, type BorderSection, type BorderUnit } from '../domain/events/snapping.ts';
import type { LonLat } from '../domain/geo/geo.ts';
import { listRecords } from '../store/records.repository.ts';
import type { AppContext } from './context.ts';

export interface BorderSnapshot {
  sections: BorderSection[];
  units: BorderUnit[];
  unitIds: Set<string>;
}

const cache = new WeakMap<AppContext, Promise<BorderSnapshot>>();
const watching = new WeakSet<AppContext>();

async function load(ctx: AppContext): Promise<BorderSnapshot> {
  const [sections, units] = await Promise.all([listRecords(ctx.db.kysely, 'section'), listRecords(ctx.db.kysely, 'unit')]);
  return {
    sections: sections.map((s) => sectionOf(s.id, s.body.geometry.coordinates as LonLat[])),
    units: units.map((u) => ({ id: u.id, stateCode: u.body.stateCode, location: u.body.location as LonLat })),
    unitIds: new Set(units.map((u) => u.id)),
  };
}

/**
 * The border sections and units that events snap to, kept in memory: every event would
 * otherwise read and parse all section geometries. A committed change to a section or unit
 * (in this process or, through the relay, another) or a relay reset drops the copy.
 */
export function borderSnapshot(ctx: AppContext): Promise<BorderSnapshot> {
  if (!watching.has(ctx)) {
    watching.add(ctx);
    ctx.events.subscribe((change) => {
      if (change.type === 'section' || change.type === 'unit') cache.delete(ctx);
    });
    ctx.events.onReset(() => cache.delete(ctx));
  }
  let snapshot = cache.get(ctx);
  if (!snapshot) {
    snapshot = load(ctx);
    cache.set(ctx, snapshot);
    snapshot.catch(() => cache.delete(ctx));
  }
  return snapshot;
}
