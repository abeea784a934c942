import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { FeatureCollection } from 'geojson';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import { api } from '../api.ts';
import type { ImpactLevel, ListAnswer, SectionCollection, SectionFeature, Unit, UnitKind } from '../types.ts';
import { IMPACT_LEVELS } from '../types.ts';
import { useApiData } from '../useApiData.ts';
import { formatNumber, formatPercent, isPlaceKey, isTerrainKey, useLocale } from '../util.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';

export const IMPACT_COLORS: Record<ImpactLevel | 'none', string> = {
  low: '#2e7d32',
  medium: '#e0a100',
  high: '#e4572e',
  critical: '#7f1d1d',
  none: '#64748b',
};

const UNIT_STYLE: Record<UnitKind, L.CircleMarkerOptions> = {
  crossing_point: { radius: 8, color: '#4c1d95', weight: 3, fillColor: '#ffffff', fillOpacity: 1 },
  border_post: { radius: 4.5, color: '#ffffff', weight: 1.5, fillColor: '#1e3a5f', fillOpacity: 1 },
  blo: { radius: 5, color: '#ffffff', weight: 2, fillColor: '#0e7490', fillOpacity: 1 },
  headquarters: { radius: 6.5, color: '#ffffff', weight: 2, fillColor: '#a16207', fillOpacity: 1 },
};

// keep popups clear of the zoom control and the legend when Leaflet pans them into view
const POPUP_OPTIONS: L.PopupOptions = { autoPanPadding: L.point(60, 60), maxWidth: 320 };

// ISO 3166 numeric codes used by world-atlas
const FOCUS_COUNTRIES = new Set(['762', '004']);
const COUNTRY_FILL: Record<string, string> = { '762': '#fcfaf4', '004': '#f6f0e2' };
const COUNTRY_LABELS: { code: 'TJ' | 'AF'; at: L.LatLngExpression }[] = [
  { code: 'TJ', at: [38.95, 70.3] },
  { code: 'AF', at: [35.9, 68.6] },
];

/** Small DOM popup (no HTML strings: names may come from other nodes). */
function popupContent(dir: 'ltr' | 'rtl', title: string, rows: [string, string][], note?: string): HTMLElement {
  const root = document.createElement('div');
  root.className = 'map-popup';
  root.dir = dir;
  const h = document.createElement('strong');
  h.textContent = title;
  root.append(h);
  const dl = document.createElement('dl');
  for (const [k, v] of rows) {
    if (!v) continue;
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    dl.append(dt, dd);
  }
  root.append(dl);
  if (note) {
    const p = document.createElement('p');
    p.className = 'map-popup-note';
    p.textContent = note;
    root.append(p);
  }
  return root;
}

function textOf(dir: 'ltr' | 'rtl', text: string): HTMLElement {
  const span = document.createElement('span');
  span.dir = dir;
  span.textContent = text;
  return span;
}

async function loadMapData(): Promise<{ sections: SectionCollection; units: Unit[] }> {
  const [sections, units] = await Promise.all([api.get<SectionCollection>('/api/sections'), api.get<ListAnswer<Unit>>('/api/units')]);
  return { sections, units: units.items };
}

export function MapPage() {
  const { t } = useTranslation();
  const loc = useLocale();
  const { data, error } = useApiData(loadMapData, ['section', 'unit', 'border_section', 'assessment']);
  const sections = data?.sections ?? null;
  const units = data?.units ?? null;
  const [basemapFailed, setBasemapFailed] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const sectionLayers = useRef(new Map<string, L.Polyline>());
  const fitted = useRef(false);
  const legendRef = useRef<HTMLDivElement>(null);

  // The map and its offline basemap (Natural Earth via world-atlas; no tile server).
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const map = L.map(el, { minZoom: 4, maxZoom: 13, zoomSnap: 0.25 }).setView([37.6, 70.5], 6.5);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('Natural Earth');
    map.createPane('basemap').style.zIndex = '250';
    const labels = map.createPane('labels');
    labels.style.zIndex = '450';
    labels.style.pointerEvents = 'none';
    mapRef.current = map;

    let cancelled = false;
    fetch(countriesUrl)
      .then((r) => {
        if (!r.ok) throw new Error(String(r.status));
        return r.json() as Promise<Topology>;
      })
      .then((topo) => {
        if (cancelled) return;
        const obj = topo.objects['countries'] as GeometryCollection;
        const land = feature(topo, obj) as FeatureCollection;
        L.geoJSON(land, {
          pane: 'basemap',
          interactive: false,
          style: (f) => {
            const id = String(f?.id ?? '');
            const focus = FOCUS_COUNTRIES.has(id);
            return {
              color: focus ? '#8a8170' : '#b5ae9f',
              weight: focus ? 1.2 : 0.8,
              fillColor: COUNTRY_FILL[id] ?? '#e9e4d8',
              fillOpacity: 1,
            };
          },
        }).addTo(map);
      })
      .catch(() => {
        if (!cancelled) setBasemapFailed(true);
      });

    const onResize = () => map.invalidateSize();
    window.addEventListener('resize', onResize);
    return () => {
      cancelled = true;
      window.removeEventListener('resize', onResize);
      map.remove();
      mapRef.current = null;
      fitted.current = false;
    };
  }, []);

  // Map controls on the reading side: zoom at the start, attribution at the end.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    map.zoomControl.setPosition(loc.dir === 'rtl' ? 'topright' : 'topleft');
    map.attributionControl.setPosition(loc.dir === 'rtl' ? 'bottomleft' : 'bottomright');
  }, [loc.dir]);

  // Country labels in the UI language.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const group = L.layerGroup(
      COUNTRY_LABELS.map(({ code, at }) =>
        L.marker(at, {
          pane: 'labels',
          interactive: false,
          keyboard: false,
          icon: L.divIcon({ className: 'country-label', html: textOf(loc.dir, t(`map.countries.${code}`)), iconSize: [0, 0] }),
        }),
      ),
    ).addTo(map);
    return () => {
      group.remove();
    };
  }, [t, loc.dir, loc.code]);

  // Border sections and units.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !sections) return;
    const group = L.layerGroup().addTo(map);
    sectionLayers.current.clear();

    const sectionLayer = L.geoJSON(undefined, {
      className: 'section-line',
      style: (f) => {
        const level = (f?.properties as SectionFeature['properties'] | undefined)?.impactLevel ?? 'none';
        return { color: IMPACT_COLORS[level], weight: 6, opacity: 0.92, lineCap: 'round', lineJoin: 'round' };
      },
    } as L.GeoJSONOptions & L.PathOptions).addTo(group);

    for (const f of sections.features) {
      sectionLayer.addData(f as unknown as GeoJSON.Feature);
    }
    sectionLayer.eachLayer((layer) => {
      const path = layer as L.Polyline;
      const p = (path.feature as SectionFeature | undefined)?.properties;
      if (!p) return;
      const level = p.impactLevel ?? 'none';
      const name = loc.name(p.name);
      const el = path.getElement();
      if (el) {
        el.classList.add('section-line', `impact-${level}`);
        el.setAttribute('data-section-id', p.id);
        el.setAttribute('data-impact', level);
      }
      sectionLayers.current.set(p.id, path);
      path.bindTooltip(textOf(loc.dir, name), { sticky: true, direction: 'top', className: 'section-tooltip' });
      path.bindPopup(
        popupContent(loc.dir, name, [
          [t('map.legend'), t(`map.impact.${level}`)],
          [t('map.terrain'), isTerrainKey(p.terrain) ? t(`terrain.${p.terrain}`) : p.terrain],
          [t('map.river'), typeof p.riverName === 'string' && isPlaceKey(p.riverName) ? t(`place.${p.riverName}`) : loc.name(p.riverName)],
          [t('map.length'), t('map.lengthKm', { value: formatNumber(p.lengthKm, loc.lang) })],
          [t('map.provinces'), p.provinces ? Object.values(p.provinces).map((v) => (isPlaceKey(v) ? t(`place.${v}`) : v)).join(' · ') : ''],
          [t('map.patrolCoverage'), typeof p.patrolCoverage === 'number' ? formatPercent(p.patrolCoverage, loc.lang) : ''],
        ]),
        POPUP_OPTIONS,
      );
      path.on('mouseover', () => path.setStyle({ weight: 9 }));
      path.on('mouseout', () => path.setStyle({ weight: 6 }));
    });

    for (const u of units ?? []) {
      const [lon, lat] = u.location;
      const style = UNIT_STYLE[u.kind] ?? UNIT_STYLE.headquarters;
      const m = L.circleMarker([lat, lon], { ...style, className: `unit-marker unit-${u.kind}` }).addTo(group);
      const el = m.getElement();
      el?.setAttribute('data-unit-id', u.id);
      el?.setAttribute('data-kind', u.kind);
      const name = loc.name(u.name);
      m.bindTooltip(textOf(loc.dir, name), { direction: 'top', offset: [0, -6] });
      m.bindPopup(
        popupContent(
          loc.dir,
          name,
          [
            [t('map.kind'), t(`unitKind.${u.kind}`)],
            [t('map.locode'), u.locode ?? ''],
          ],
          u.approximate ? t('map.approximate') : undefined,
        ),
        POPUP_OPTIONS,
      );
    }

    const bounds = sectionLayer.getBounds();
    if (!fitted.current && bounds.isValid()) {
      // keep the border clear of the legend, which sits at the bottom on the reading start
      const side = (legendRef.current?.offsetWidth ?? 0) + 24;
      map.fitBounds(
        bounds,
        loc.dir === 'rtl'
          ? { paddingTopLeft: [28, 28], paddingBottomRight: [side, 28] }
          : { paddingTopLeft: [side, 28], paddingBottomRight: [28, 28] },
      );
      fitted.current = true;
    }
    return () => {
      group.remove();
    };
  }, [sections, units, t, loc.code]); // eslint-disable-line react-hooks/exhaustive-deps

  const ordered = useMemo(
    () => [...(sections?.features ?? [])].sort((a, b) => a.properties.order - b.properties.order),
    [sections],
  );
  const crossingCount = units?.filter((u) => u.kind === 'crossing_point').length ?? 0;
  const postCount = units?.filter((u) => u.kind === 'border_post').length ?? 0;

  function focusSection(id: string) {
    const layer = sectionLayers.current.get(id);
    const map = mapRef.current;
    if (!layer || !map) return;
    map.fitBounds(layer.getBounds(), { padding: [40, 40], maxZoom: 9 });
    layer.openPopup();
  }

  return (
    <main className="map-page">
      <section className="map-wrap" aria-label={t('map.title')}>
        <div ref={containerRef} className="map" data-testid="border-map" dir="ltr" />
        <div className="map-legend" data-testid="map-legend" ref={legendRef}>
          <h2>{t('map.legend')}</h2>
          <ul>
            {[...IMPACT_LEVELS, 'none' as const].map((level) => (
              <li key={level} data-level={level}>
                <span className="swatch-line" style={{ background: IMPACT_COLORS[level] }} aria-hidden="true" />
                {t(`map.impact.${level}`)}
              </li>
            ))}
            <li className="legend-sep">
              <span className="swatch-dot swatch-crossing" aria-hidden="true" />
              {t('map.crossingPoints')}
            </li>
            <li>
              <span className="swatch-dot swatch-post" aria-hidden="true" />
              {t('map.borderPosts')}
            </li>
            <li>
              <span className="swatch-dot swatch-blo" aria-hidden="true" />
              {t('unitKind.blo')}
            </li>
            <li>
              <span className="swatch-dot swatch-hq" aria-hidden="true" />
              {t('unitKind.headquarters')}
            </li>
          </ul>
        </div>
        {!sections && !error && (
          <p className="map-status" role="status">
            {t('map.loading')}
          </p>
        )}
        {basemapFailed && (
          <p className="map-status map-status-warn" role="status">
            {t('map.basemapFailed')}
          </p>
        )}
      </section>
      <aside className="side-panel" data-testid="section-list">
        <h1>{t('map.sections')}</h1>
        <ErrorMessage error={error} testId="map-error" />
        {sections && (
          <p className="muted counts">
            <span>{t('map.sectionCount', { n: formatNumber(ordered.length, loc.lang) })}</span>
            <span>
              {t('map.crossingPoints')}: <bdi>{formatNumber(crossingCount, loc.lang)}</bdi>
            </span>
            <span>
              {t('map.borderPosts')}: <bdi>{formatNumber(postCount, loc.lang)}</bdi>
            </span>
          </p>
        )}
        {sections && ordered.length === 0 && <p className="muted">{t('map.noSections')}</p>}
        <ol className="section-list">
          {ordered.map((f) => {
            const p = f.properties;
            const level = p.impactLevel ?? 'none';
            return (
              <li key={p.id}>
                <button type="button" className="section-item" data-section-id={p.id} onClick={() => focusSection(p.id)}>
                  <span className="section-swatch" style={{ background: IMPACT_COLORS[level] }} aria-hidden="true" />
                  <span className="section-text">
                    <span className="section-name">{loc.name(p.name)}</span>
                    <span className="section-meta">
                      <bdi>{isTerrainKey(p.terrain) ? t(`terrain.${p.terrain}`) : p.terrain}</bdi>
                      {' · '}
                      <bdi>{t('map.lengthKm', { value: formatNumber(p.lengthKm, loc.lang) })}</bdi>
                    </span>
                  </span>
                  <span className={`impact-badge impact-${level}`}>{t(`map.impact.${level}`)}</span>
                </button>
              </li>
            );
          })}
        </ol>
      </aside>
    </main>
  );
}
