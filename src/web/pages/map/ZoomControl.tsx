import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import { useLocale } from '../../util.ts';
import type { MapLayerProps } from './context.ts';

/** Leaflet's zoom buttons with translated titles (and aria-labels), on the reading start side. */
export function ZoomControl({ map }: MapLayerProps) {
  const { t } = useTranslation();
  const loc = useLocale();
  useEffect(() => {
    const control = L.control
      .zoom({ position: loc.dir === 'rtl' ? 'topright' : 'topleft', zoomInTitle: t('picture.map.zoomIn'), zoomOutTitle: t('picture.map.zoomOut') })
      .addTo(map);
    map.attributionControl.setPosition(loc.dir === 'rtl' ? 'bottomleft' : 'bottomright');
    return () => {
      control.remove();
    };
  }, [map, t, loc.dir, loc.code]);
  return null;
}
