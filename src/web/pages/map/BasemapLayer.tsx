import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiLineString } from 'geojson';
// Natural Earth 10m around the border, simplified and quantised (scripts/build-basemap.ts): ~48 kB, ~14 kB brotli
import basemapUrl from '../../../../datasets/basemap/tj-af-region.topo.json?url';
import { useLocale } from '../../util.ts';
import type { MapLayerProps } from './context.ts';
import { textOf } from './popup.ts';

// ISO 3166 numeric codes used by Natural Earth / world-atlas
const FOCUS_COUNTRIES = new Set(['762', '004']);
const COUNTRY_FILL: Record<string, string> = { '762': '#fcfaf4', '004': '#f6f0e2' };
const COUNTRY_LABELS: { code: 'TJ' | 'AF'; at: L.LatLngExpression }[] = [
  { code: 'TJ', at: [38.95, 70.3] },
  { code: 'AF', at: [35.9, 68.6] },
];
export const RIVER_COLOR = '#3b82c4';
type RiverKey = 'Amu Darya' | 'Panj' | 'Pamir';
/** where each river's name is written (on the river, in open country) */
const RIVER_LABELS: { key: RiverKey; at: L.LatLngExpression }[] = [
  { key: 'Amu Darya', at: [37.3, 67.0] },
  { key: 'Panj', at: [37.55, 69.55] },
  { key: 'Pamir', at: [37.1, 73.2] },
];

let basemapPromise: Promise<{ land: FeatureCollection; rivers: FeatureCollection<MultiLineString> }> | null = null;
function loadBasemap() {
  basemapPromise ??= fetch(basemapUrl)
    .then((r) => {
      if (!r.ok) throw new Error(String(r.status));
      return r.json() as Promise<Topology>;
    })
    .then((topo) => ({
      land: feature(topo, topo.objects['countries'] as GeometryCollection) as FeatureCollection,
      rivers: feature(topo, topo.objects['rivers'] as GeometryCollection) as FeatureCollection<MultiLineString>,
    }))
    .catch((e: unknown) => {
      basemapPromise = null;
      throw e;
    });
  return basemapPromise;
}

/** Offline basemap: countries, the border rivers and their names, the two countries' names. */
export function BasemapLayer({ map }: MapLayerProps) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [failed, setFailed] = useState(false);
  const [data, setData] = useState<Awaited<ReturnType<typeof loadBasemap>> | null>(null);

  useEffect(() => {
    let cancelled = false;
    loadBasemap().then(
      (d) => !cancelled && setData(d),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!data) return;
    const group = L.layerGroup().addTo(map);
    L.geoJSON(data.land, {
      pane: 'basemap',
      interactive: false,
      style: (f) => {
        const id = String(f?.id ?? '');
        const focus = FOCUS_COUNTRIES.has(id);
        return { color: focus ? '#8a8170' : '#b5ae9f', weight: focus ? 1.2 : 0.8, fillColor: COUNTRY_FILL[id] ?? '#e9e4d8', fillOpacity: 1 };
      },
    }).addTo(group);
    L.geoJSON(data.rivers, {
      pane: 'rivers',
      interactive: false,
      style: () => ({ color: RIVER_COLOR, weight: 3, opacity: 0.9, lineCap: 'round', lineJoin: 'round', className: 'river-line' }),
      onEachFeature: (f: Feature, layer) => {
        const key = (f.properties as { name?: string } | null)?.name ?? '';
        (layer as L.Path).once('add', () => (layer as L.Path).getElement()?.setAttribute('data-river', key));
      },
    }).addTo(group);
    return () => {
      group.remove();
    };
  }, [map, data]);

  // names in the UI language
  useEffect(() => {
    const group = L.layerGroup([
      ...COUNTRY_LABELS.map(({ code, at }) =>
        L.marker(at, {
          pane: 'labels',
          interactive: false,
          keyboard: false,
          icon: L.divIcon({ className: 'country-label', html: textOf(loc.dir, t(`map.countries.${code}`)), iconSize: [0, 0] }),
        }),
      ),
      ...RIVER_LABELS.map(({ key, at }) =>
        L.marker(at, {
          pane: 'labels',
          interactive: false,
          keyboard: false,
          icon: L.divIcon({ className: 'river-label', html: textOf(loc.dir, t(`place.${key}`)), iconSize: [0, 0] }),
        }),
      ),
    ]).addTo(map);
    return () => {
      group.remove();
    };
  }, [map, t, loc.dir, loc.code]);

  return failed ? (
    <p className="map-status map-status-warn" role="status">
      {t('map.basemapFailed')}
    </p>
  ) : null;
}
