import Supercluster from 'supercluster';

export type BBox = [number, number, number, number]; // minLon, minLat, maxLon, maxLat

export interface Located {
  id: string;
  lon: number;
  lat: number;
}

export interface Cluster {
  /** 'cluster:<n>' for a group, the event's id for a single event */
  key: string;
  lon: number;
  lat: number;
  count: number;
  /** the events in it (ids), for a single event [id] */
  ids: string[];
  /** zoom at which the group breaks apart (null for a single event) */
  expansionZoom: number | null;
}

export function inBox(p: { lon: number; lat: number }, b: BBox): boolean {
  return p.lon >= b[0] && p.lon <= b[2] && p.lat >= b[1] && p.lat <= b[3];
}

/**
 * The clusters to draw for the events located in view. Only the points inside `view` are indexed,
 * so every cluster holds in-view events only and every in-view event is in exactly one cluster:
 * the totals always equal the number of located events in view (Ushahidi's clusters drifted
 * from it because a cluster was kept or dropped by its centre, not by its members).
 */
export function clustersInView(points: readonly Located[], view: BBox, zoom: number, radius = 48): { clusters: Cluster[]; inView: number } {
  const visible = points.filter((p) => Number.isFinite(p.lon) && Number.isFinite(p.lat) && inBox(p, view));
  const index = new Supercluster<{ id: string }, Record<string, never>>({ radius, maxZoom: 16, minPoints: 2 });
  index.load(visible.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { id: p.id } })));
  const z = Math.max(0, Math.min(17, Math.floor(zoom)));
  const clusters = index.getClusters([-180, -85, 180, 85], z).map((f): Cluster => {
    const [lon, lat] = f.geometry.coordinates as [number, number];
    const props = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; id?: string };
    if (props.cluster) {
      const id = props.cluster_id!;
      return {
        key: `cluster:${id}`,
        lon,
        lat,
        count: props.point_count!,
        ids: index.getLeaves(id, Infinity).map((l) => l.properties.id),
        expansionZoom: index.getClusterExpansionZoom(id),
      };
    }
    return { key: props.id!, lon, lat, count: 1, ids: [props.id!], expansionZoom: null };
  });
  return { clusters, inView: visible.length };
}
