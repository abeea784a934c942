import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import type { SectionFeature } from '../../types.ts';
import { formatNumber, formatPercent, isPlaceKey, isTerrainKey, useLocale } from '../../util.ts';
import { type MapLayerProps, useMapData } from './context.ts';
import { POPUP_OPTIONS, popupContent, textOf } from './popup.ts';
import { IMPACT_COLORS } from './colors.ts';

/** The border sections, coloured by impact level, with a tooltip and a popup each. */
export function SectionsLayer({ map }: MapLayerProps) {
  const { t } = useTranslation();
  const loc = useLocale();
  const { sections, sectionLayers, legendWidth } = useMapData();
  const fitted = useRef(false);

  useEffect(() => {
    if (!sections) return;
    const group = L.layerGroup().addTo(map);
    sectionLayers.clear();
    const sectionLayer = L.geoJSON(undefined, {
      className: 'section-line',
      style: (f) => {
        const level = (f?.properties as SectionFeature['properties'] | undefined)?.impactLevel ?? 'none';
        return { color: IMPACT_COLORS[level], weight: 6, opacity: 0.92, lineCap: 'round', lineJoin: 'round' };
      },
    } as L.GeoJSONOptions & L.PathOptions).addTo(group);
    for (const f of sections.features) sectionLayer.addData(f as unknown as GeoJSON.Feature);
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
      sectionLayers.set(p.id, path);
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

    const bounds = sectionLayer.getBounds();
    if (!fitted.current && bounds.isValid()) {
      // keep the border clear of the legend, which sits at the bottom on the reading start
      const side = legendWidth() + 24;
      const small = map.getSize().x < 600;
      map.fitBounds(
        bounds,
        small ? { padding: [16, 16] }
        : loc.dir === 'rtl' ? { paddingTopLeft: [28, 28], paddingBottomRight: [side, 28] }
        : { paddingTopLeft: [side, 28], paddingBottomRight: [28, 28] },
      );
      fitted.current = true;
    }
    return () => {
      group.remove();
    };
  }, [map, sections, t, loc.code]); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}
