import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { BasemapLayer } from '../map/BasemapLayer.tsx';

const MAX_BOUNDS = L.latLngBounds([29, 59], [44, 81]);
const AREA_STYLE = { color: '#b45309', weight: 2, fillColor: '#f59e0b', fillOpacity: 0.2 };

/**
 * A joint operation's area on the offline basemap (as the map page draws it). With `onDraw`,
 * each click adds a corner ([lon, lat], GeoJSON order) and the ring is drawn as it grows.
 */
export function AreaMap({ ring, onDraw, testId = 'area-map' }: { ring: [number, number][]; onDraw?: (ring: [number, number][]) => void; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const drawRef = useRef(onDraw);
  const ringRef = useRef(ring);
  useEffect(() => {
    drawRef.current = onDraw;
    ringRef.current = ring;
  });

  useEffect(() => {
    if (!el.current) return;
    const m = L.map(el.current, { minZoom: 5, maxZoom: 13, zoomSnap: 0.25, maxBounds: MAX_BOUNDS }).setView([37.6, 70.5], 6.5);
    m.attributionControl.setPrefix(false);
    m.attributionControl.addAttribution('Natural Earth');
    m.createPane('basemap').style.zIndex = '250';
    m.createPane('rivers').style.zIndex = '300';
    const labels = m.createPane('labels');
    labels.style.zIndex = '450';
    labels.style.pointerEvents = 'none';
    m.on('click', (e: L.LeafletMouseEvent) => {
      const round = (n: number) => Math.round(n * 1e5) / 1e5;
      drawRef.current?.([...ringRef.current, [round(e.latlng.lng), round(e.latlng.lat)]]);
    });
    setMap(m);
    return () => {
      m.remove();
      setMap(null);
    };
  }, []);

  useEffect(() => {
    if (!map || ring.length === 0) return;
    const latlngs = ring.map(([lon, lat]) => L.latLng(lat, lon));
    const layer = ring.length >= 3 ? L.polygon(latlngs, AREA_STYLE) : L.polyline(latlngs, AREA_STYLE);
    layer.addTo(map);
    layer.getElement?.()?.setAttribute('data-testid', 'operation-area');
    if (!onDraw) map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 11 });
    return () => {
      layer.remove();
    };
  }, [map, ring, onDraw]);

  return (
    <div className="area-map-wrap">
      <div ref={el} className={`area-map${onDraw ? ' area-map-draw' : ''}`} data-testid={testId} dir="ltr" />
      {map && <BasemapLayer map={map} />}
    </div>
  );
}
