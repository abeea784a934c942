import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { api } from '../api.ts';
import type { Community, ListAnswer, SectionCollection, Unit } from '../types.ts';
import { IMPACT_LEVELS } from '../types.ts';
import { useApiData } from '../useApiData.ts';
import { formatNumber, isTerrainKey, useLocale } from '../util.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { type MapData, MapDataContext, type MapLayer } from './map/context.ts';
import { IMPACT_COLORS } from './map/colors.ts';
import { BasemapLayer, RIVER_COLOR } from './map/BasemapLayer.tsx';
import { SectionsLayer } from './map/SectionsLayer.tsx';
import { CommunitiesLayer } from './map/CommunitiesLayer.tsx';
import { UnitsLayer } from './map/UnitsLayer.tsx';
import { ZoomControl } from './map/ZoomControl.tsx';
import { WarningsLayer } from '../components/WarningsLayer.tsx';
import { InitiativesLayer } from './map/InitiativesLayer.tsx';
import { focusFromHash } from './map/initiativesHash.ts';

export { IMPACT_COLORS };

/**
 * The layers of the border map, drawn in this order. Each is a component given the Leaflet map
 * (see map/context.ts); add a layer with one line here.
 */
export const MAP_LAYERS: MapLayer[] = [ZoomControl, BasemapLayer, SectionsLayer, CommunitiesLayer, UnitsLayer, WarningsLayer];

async function loadMapData(): Promise<{ sections: SectionCollection; units: Unit[]; communities: Community[] }> {
  const [sections, units, communities] = await Promise.all([
    api.get<SectionCollection>('/api/sections'),
    api.get<ListAnswer<Unit>>('/api/units'),
    api.get<ListAnswer<Community>>('/api/communities'),
  ]);
  return { sections, units: units.items, communities: communities.items };
}

/** The region the basemap covers: the map does not wander off it. */
const MAX_BOUNDS = L.latLngBounds([29, 59], [44, 81]);

/** `#/map/initiatives/<placeId>`: the place to focus with the initiatives layer on (null otherwise), following the hash. */
function useInitiativesFocus(): [string | null, () => void] {
  const [focus, setFocus] = useState(() => focusFromHash(window.location.hash));
  useEffect(() => {
    const on = () => setFocus(focusFromHash(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const clear = () => {
    // replaceState fires no hashchange: reloading then does not turn the layer on again
    if (focusFromHash(window.location.hash)) history.replaceState(null, '', '#/map');
    setFocus(null);
  };
  return [focus, clear];
}

/**
 * `layers` replaces the default layers; `side` replaces the list of sections beside the map;
 * `initiatives` offers the partners' initiatives layer in the layer control (readers of partners).
 */
export function MapPage({ layers = MAP_LAYERS, side, testId = 'map-page', initiatives = false }: { layers?: MapLayer[]; side?: React.ReactNode; testId?: string; initiatives?: boolean }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [focus, clearFocus] = useInitiativesFocus();
  const [showInitiatives, setShowInitiatives] = useState(focus !== null);
  useEffect(() => {
    if (focus) setShowInitiatives(true); // a link from the partners page turns the layer on
  }, [focus]);
  function toggleInitiatives(on: boolean) {
    setShowInitiatives(on);
    if (!on) clearFocus();
  }
  const { data, error } = useApiData(loadMapData, ['section', 'unit', 'border_section', 'community', 'assessment']);
  const sections = data?.sections ?? null;
  const units = data?.units ?? null;
  const containerRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const sectionLayers = useRef(new Map<string, L.Polyline>());

  // The map itself; its layers are the components of `layers`.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const m = L.map(el, { minZoom: 5, maxZoom: 13, zoomSnap: 0.25, zoomControl: false, maxBounds: MAX_BOUNDS, maxBoundsViscosity: 0.8 }).setView([37.6, 70.5], 6.5);
    m.attributionControl.setPrefix(false);
    m.attributionControl.addAttribution('Natural Earth');
    m.createPane('basemap').style.zIndex = '250';
    m.createPane('rivers').style.zIndex = '300';
    const communities = m.createPane('communities');
    communities.style.zIndex = '590';
    const labels = m.createPane('labels');
    labels.style.zIndex = '450';
    labels.style.pointerEvents = 'none';
    setMap(m);
    const onResize = () => m.invalidateSize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      m.remove();
      setMap(null);
    };
  }, []);

  const mapData = useMemo<MapData>(
    () => ({
      sections,
      units,
      communities: data?.communities ?? null,
      sectionLayers: sectionLayers.current,
      legendWidth: () => legendRef.current?.offsetWidth ?? 0,
    }),
    [sections, units, data?.communities],
  );

  const ordered = useMemo(() => [...(sections?.features ?? [])].sort((a, b) => a.properties.order - b.properties.order), [sections]);
  const crossingCount = units?.filter((u) => u.kind === 'crossing_point').length ?? 0;
  const postCount = units?.filter((u) => u.kind === 'border_post').length ?? 0;

  function focusSection(id: string) {
    const layer = sectionLayers.current.get(id);
    if (!layer || !map) return;
    map.fitBounds(layer.getBounds(), { padding: [40, 40], maxZoom: 9 });
    layer.openPopup();
  }

  return (
    <MapDataContext.Provider value={mapData}>
      <main className="map-page" data-testid={testId}>
        <section className="map-wrap" aria-label={t('map.title')}>
          <div ref={containerRef} className="map" data-testid="border-map" dir="ltr" />
          {map && layers.map((Layer, i) => <Layer key={i} map={map} />)}
          {map && initiatives && showInitiatives && <InitiativesLayer map={map} focus={focus} />}
          {initiatives && (
            <div className="map-layer-control" role="group" aria-labelledby="map-layers-title" data-testid="map-layer-control">
              <p id="map-layers-title" className="map-layer-title">
                {t('map.layers')}
              </p>
              <label>
                <input type="checkbox" checked={showInitiatives} onChange={(e) => toggleInitiatives(e.target.checked)} data-testid="layer-toggle-initiatives" />
                <span className="swatch-initiative" aria-hidden="true" />
                <span>{t('map.initiatives.layer')}</span>
              </label>
            </div>
          )}
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
                <span className="swatch-line swatch-river" style={{ background: RIVER_COLOR }} aria-hidden="true" />
                {t('picture.map.rivers')}
              </li>
              <li>
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
              <li>
                <span className="swatch-dot swatch-community" aria-hidden="true" />
                {t('picture.map.communities')}
              </li>
            </ul>
          </div>
          {!sections && !error && (
            <p className="map-status" role="status">
              {t('map.loading')}
            </p>
          )}
        </section>
        {side ?? (
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
        )}
      </main>
    </MapDataContext.Provider>
  );
}
