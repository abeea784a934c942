import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import { formatNumber, useLocale } from '../../util.ts';
import type { MapLayerProps } from '../map/context.ts';
import { textOf } from '../map/popup.ts';
import { clustersInView, type BBox } from './cluster.ts';
import { usePicture } from './context.ts';
import { SEVERITY_COLORS, type EventFeature } from './model.ts';

const SEVERITY_RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;

/**
 * Published events, clustered (supercluster) over the events in view only, so that the numbers
 * on the clusters add up to the events in view (shown beside the map). Every marker is a
 * keyboard-reachable button: a cluster zooms in, an event opens its details.
 */
export function EventsLayer({ map }: MapLayerProps) {
  const { t } = useTranslation();
  const loc = useLocale();
  const { events, select, selectedId, setView, setInView, picking, picked, pickedAt } = usePicture();

  useEffect(() => {
    if (!map.getPane('events')) map.createPane('events').style.zIndex = '640';
    const group = L.layerGroup().addTo(map);
    const byId = new Map(events.map((e) => [e.id, e]));
    const located = events
      .filter((e): e is EventFeature & { geometry: { coordinates: [number, number] } } => !!e.geometry)
      .map((e) => ({ id: e.id, lon: e.geometry.coordinates[0], lat: e.geometry.coordinates[1] }));

    const draw = () => {
      group.clearLayers();
      const b = map.getBounds();
      const view: BBox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
      const { clusters, inView } = clustersInView(located, view, map.getZoom());
      setView(view);
      setInView(inView);
      for (const c of clusters) {
        const worst = c.ids.map((id) => byId.get(id)?.properties.severity ?? 'low').reduce((a, s) => (SEVERITY_RANK[s] > SEVERITY_RANK[a] ? s : a), 'low' as keyof typeof SEVERITY_RANK);
        const el = document.createElement('span');
        el.className = c.count > 1 ? 'event-bubble' : 'event-dot';
        el.style.setProperty('--sev', SEVERITY_COLORS[worst]);
        if (c.count > 1) el.textContent = formatNumber(c.count, loc.lang);
        const label =
          c.count > 1 ? t('picture.clusterOf', { n: formatNumber(c.count, loc.lang) })
          : `${t(`picture.category.${byId.get(c.ids[0]!)!.properties.category}`)} — ${loc.date(byId.get(c.ids[0]!)!.properties.occurredAt)}`;
        const m = L.marker([c.lat, c.lon], {
          icon: L.divIcon({ className: `event-marker${c.count > 1 ? ' event-cluster' : ''}${c.ids[0] === selectedId && c.count === 1 ? ' event-selected' : ''}`, html: el, iconSize: [0, 0] }),
          keyboard: true,
          title: label,
          pane: 'events',
        }).addTo(group);
        const mel = m.getElement();
        mel?.setAttribute('role', 'button');
        mel?.setAttribute('aria-label', label);
        mel?.setAttribute('data-count', String(c.count));
        if (c.count === 1) mel?.setAttribute('data-event-id', c.ids[0]!);
        m.bindTooltip(textOf(loc.dir, label), { direction: 'top', offset: [0, -10] });
        // a group zooms in until it breaks apart; events on one spot (they never do) list themselves
        const activate = () => {
          if (c.count === 1) select(c.ids[0]!);
          else if (c.expansionZoom !== null && c.expansionZoom <= map.getMaxZoom() && map.getZoom() < map.getMaxZoom()) map.flyTo([c.lat, c.lon], c.expansionZoom);
          else m.bindPopup(clusterList(c.ids), { maxHeight: 260 }).openPopup();
        };
        const clusterList = (ids: string[]) => {
          const ul = document.createElement('ul');
          ul.className = 'cluster-list';
          ul.dir = loc.dir;
          for (const id of ids) {
            const e = byId.get(id);
            if (!e) continue;
            const li = document.createElement('li');
            const b = document.createElement('button');
            b.type = 'button';
            b.className = 'link-button';
            b.setAttribute('data-event-id', id);
            b.textContent = `${t(`picture.category.${e.properties.category}`)} — ${loc.date(e.properties.occurredAt)}`;
            b.addEventListener('click', () => select(id));
            li.append(b);
            ul.append(li);
          }
          return ul;
        };
        // Leaflet turns Enter on a focused marker into a click
        m.on('click', activate);
      }
    };
    draw();
    map.on('moveend', draw);
    return () => {
      map.off('moveend', draw);
      group.remove();
    };
  }, [map, events, selectedId, t, loc.code]); // eslint-disable-line react-hooks/exhaustive-deps

  // picking a location for a report: one click on the map
  useEffect(() => {
    if (!picking) return;
    const container = map.getContainer();
    container.classList.add('map-picking');
    const onClick = (e: L.LeafletMouseEvent) => picked(Number(e.latlng.lat.toFixed(5)), Number(e.latlng.lng.toFixed(5)));
    map.on('click', onClick);
    return () => {
      container.classList.remove('map-picking');
      map.off('click', onClick);
    };
  }, [map, picking, picked]);

  useEffect(() => {
    if (!pickedAt) return;
    const m = L.circleMarker([pickedAt.lat, pickedAt.lon], { radius: 9, color: '#111827', weight: 3, fillColor: '#fde047', fillOpacity: 0.9, className: 'picked-location', interactive: false }).addTo(map);
    return () => {
      m.remove();
    };
  }, [map, pickedAt]);

  return null;
}
