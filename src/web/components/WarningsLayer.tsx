import { useEffect } from 'react';
import L from 'leaflet';
import { api } from '../api.ts';
import { useApiData } from '../useApiData.ts';
import { useLocale } from '../util.ts';
import type { WarningItem } from '../pages/warnings/types.ts';

const SEVERITY_COLOR: Record<string, string> = { Extreme: '#7f1d1d', Severe: '#dc2626', Moderate: '#f59e0b', Minor: '#facc15', Unknown: '#64748b' };
const loadActive = () => api.get<{ items: WarningItem[] }>(`/api/warnings?active=true&lang=${document.documentElement.lang || 'en'}`);

/** Warnings in force drawn on the map (polygons and circles), coloured by severity, in the reader's language. */
export function WarningsLayer({ map }: { map: L.Map }) {
  const { data } = useApiData(loadActive, ['warning']);
  const loc = useLocale();
  useEffect(() => {
    if (!data) return;
    const group = L.layerGroup().addTo(map);
    for (const w of data.items) {
      const color = SEVERITY_COLOR[w.severity] ?? '#dc2626';
      const style = { color, weight: 2, fillColor: color, fillOpacity: 0.18, dashArray: w.crossBorder ? undefined : '4 4', className: 'warning-area' };
      const popup = () => {
        const el = document.createElement('div');
        el.className = 'map-popup';
        el.dir = loc.dir;
        const b = document.createElement('strong');
        b.textContent = w.info.headline ?? w.info.event;
        const p = document.createElement('p');
        p.textContent = [w.info.event, w.info.instruction].filter(Boolean).join(' — ');
        const a = document.createElement('a');
        a.href = `#/warnings/${w.id}`;
        a.textContent = '→';
        el.append(b, p, a);
        return el;
      };
      for (const area of w.info.area) {
        for (const poly of area.polygon) L.polygon(poly.map(([lat, lon]) => [lat, lon] as L.LatLngTuple), style).bindPopup(popup).addTo(group);
        for (const c of area.circle) L.circle(c.center as L.LatLngTuple, { ...style, radius: c.radiusKm * 1000 }).bindPopup(popup).addTo(group);
      }
    }
    return () => {
      group.remove();
    };
  }, [map, data, loc.dir]);
  return null;
}
