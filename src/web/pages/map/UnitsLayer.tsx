import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import { useLocale } from '../../util.ts';
import { type MapLayerProps, useMapData } from './context.ts';
import { fanOut } from './fanOut.ts';
import { POPUP_OPTIONS, popupContent, textOf } from './popup.ts';

/**
 * Units as keyboard-reachable markers (Tab focuses, Enter opens the popup). Markers that fall on
 * the same spot on screen — a BLO on its crossing point — fan out around it after every zoom.
 */
export function UnitsLayer({ map }: MapLayerProps) {
  const { t } = useTranslation();
  const loc = useLocale();
  const { units } = useMapData();

  useEffect(() => {
    if (!units) return;
    const group = L.layerGroup().addTo(map);
    const placed: { marker: L.Marker; dot: HTMLElement }[] = [];
    for (const u of units) {
      const [lon, lat] = u.location;
      const name = loc.name(u.name);
      const dot = document.createElement('span');
      dot.className = 'unit-dot';
      const icon = L.divIcon({ className: `unit-marker unit-${u.kind}`, html: dot, iconSize: [0, 0] });
      const marker = L.marker([lat, lon], { icon, keyboard: true, title: name, alt: name, riseOnHover: true }).addTo(group);
      const el = marker.getElement();
      el?.setAttribute('data-unit-id', u.id);
      el?.setAttribute('data-kind', u.kind);
      el?.setAttribute('role', 'button');
      el?.setAttribute('aria-label', `${name} — ${t(`unitKind.${u.kind}`)}`);
      marker.bindTooltip(textOf(loc.dir, name), { direction: 'top', offset: [0, -8] });
      marker.bindPopup(
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
      placed.push({ marker, dot });
    }
    const spread = () => {
      const offsets = fanOut(placed.map(({ marker }) => map.latLngToLayerPoint(marker.getLatLng())));
      placed.forEach(({ marker, dot }, i) => {
        const o = offsets[i]!;
        // CSSOM, not markup: allowed by the strict CSP
        dot.style.transform = o.x || o.y ? `translate(${o.x.toFixed(1)}px, ${o.y.toFixed(1)}px)` : '';
        marker.getElement()?.classList.toggle('unit-fanned', !!(o.x || o.y));
        // the popup opens above the dot where it is drawn
        const popup = marker.getPopup();
        if (popup) popup.options.offset = L.point(o.x, o.y - 4);
        const tooltip = marker.getTooltip();
        if (tooltip) tooltip.options.offset = L.point(o.x, o.y - 8);
      });
    };
    spread();
    map.on('zoomend', spread);
    return () => {
      map.off('zoomend', spread);
      group.remove();
    };
  }, [map, units, t, loc.code]); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}
