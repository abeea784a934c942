import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import { formatNumber, useLocale } from '../../util.ts';
import { type MapLayerProps, useMapData } from './context.ts';
import { POPUP_OPTIONS, popupContent } from './popup.ts';

/** Towns and villages along the border, named in the UI language (labels from zoom 8). */
export function CommunitiesLayer({ map }: MapLayerProps) {
  const { t } = useTranslation();
  const loc = useLocale();
  const { communities } = useMapData();

  useEffect(() => {
    if (!communities) return;
    const group = L.layerGroup().addTo(map);
    for (const c of communities) {
      const [lon, lat] = c.location;
      const name = loc.name(c.name);
      const m = L.circleMarker([lat, lon], {
        pane: 'communities',
        radius: 3,
        color: '#44403c',
        weight: 1,
        fillColor: '#fafaf9',
        fillOpacity: 1,
        className: 'community-marker',
      }).addTo(group);
      m.getElement()?.setAttribute('data-community-id', c.id);
      m.bindTooltip(name, { permanent: true, direction: loc.dir === 'rtl' ? 'left' : 'right', offset: [4, 0], className: 'community-label' });
      m.bindPopup(
        popupContent(loc.dir, name, [
          [t('picture.map.country'), t(`map.countries.${c.stateCode === 'AF' ? 'AF' : 'TJ'}`)],
          [t('picture.map.population'), c.population ? formatNumber(c.population, loc.lang) : ''],
        ]),
        POPUP_OPTIONS,
      );
    }
    const labels = () => map.getContainer().classList.toggle('map-labels-hidden', map.getZoom() < 8);
    labels();
    map.on('zoomend', labels);
    return () => {
      map.off('zoomend', labels);
      group.remove();
    };
  }, [map, communities, t, loc.code]); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}
