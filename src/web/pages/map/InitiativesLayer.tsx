import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import { api } from '../../api.ts';
import type { LocalizedName } from '../../types.ts';
import { useApiData } from '../../useApiData.ts';
import { formatNumber, useLocale } from '../../util.ts';
import { fanOut } from './fanOut.ts';
import { POPUP_OPTIONS, textOf } from './popup.ts';

/** GET /api/initiatives/map (docs/partners.md, "Initiatives on the map"). */
export interface InitiativesMap {
  type: 'FeatureCollection';
  features: {
    id: string;
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: {
      placeId: string;
      placeType: 'unit' | 'section';
      ref: string | null;
      kind: string;
      name: LocalizedName;
      count: number;
      initiatives: { id: string; partner: string; title: string; start: string; end: string | null; status: string; budget: number | null; currency: string | null }[];
    };
  }[];
}

const load = () => api.get<InitiativesMap>('/api/initiatives/map');

/**
 * Partners' initiatives, one marker per place with the number of initiatives there; the popup
 * lists them all (partner, title, period, status, budget). Markers take Tab and Enter like the
 * units', and ones that meet on screen (a BLO beside its crossing point) fan out after each zoom.
 * `focus` — a place id from the hash — is zoomed to and its popup opened once the data is in.
 */
export function InitiativesLayer({ map, focus }: { map: L.Map; focus: string | null }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const { data, error } = useApiData(load, ['initiative']);
  const [missing, setMissing] = useState<string | null>(null);
  // A place is focused once per hash: a live reload of the data must not pull the view back.
  const focused = useRef<string | null>(null);

  useEffect(() => {
    if (!data) return;
    const group = L.layerGroup().addTo(map);
    const placed: { id: string; marker: L.Marker; badge: HTMLElement }[] = [];
    for (const f of data.features) {
      const p = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      const name = loc.name(p.name) || p.ref || p.placeId;
      const count = formatNumber(p.count, loc.lang);
      const badge = document.createElement('span');
      badge.className = 'initiative-badge';
      badge.textContent = count;
      const icon = L.divIcon({ className: 'initiative-marker', html: badge, iconSize: [0, 0] });
      const label = `${name} — ${t('map.initiatives.count', { n: count })}`;
      // above the units: the badge sits over its place, the unit's own dot stays visible below it
      const marker = L.marker([lat, lon], { icon, keyboard: true, title: label, alt: label, zIndexOffset: 1000, riseOnHover: true }).addTo(group);
      const el = marker.getElement();
      el?.setAttribute('data-place-id', p.placeId);
      el?.setAttribute('data-count', String(p.count));
      el?.setAttribute('role', 'button');
      el?.setAttribute('aria-label', label);
      marker.bindTooltip(textOf(loc.dir, label), { direction: 'top', offset: [0, -22] });
      marker.bindPopup(() => popup(name, f.properties.initiatives), { ...POPUP_OPTIONS, maxWidth: 360, className: 'initiatives-popup' });
      placed.push({ id: p.placeId, marker, badge });
    }

    function popup(name: string, items: InitiativesMap['features'][number]['properties']['initiatives']): HTMLElement {
      const root = document.createElement('div');
      root.className = 'map-popup initiatives-popup-body';
      root.dir = loc.dir;
      const h = document.createElement('strong');
      h.textContent = `${name} · ${t('map.initiatives.count', { n: formatNumber(items.length, loc.lang) })}`;
      const list = document.createElement('ul');
      list.className = 'initiative-list';
      for (const i of items) {
        const li = document.createElement('li');
        li.dataset.initiativeId = i.id;
        const head = document.createElement('div');
        const partner = document.createElement('bdi');
        partner.className = 'initiative-partner';
        partner.textContent = i.partner;
        const title = document.createElement('bdi'); // a Latin title keeps its punctuation in RTL text
        title.textContent = i.title;
        head.append(partner, ' · ', title);
        const dl = document.createElement('dl');
        const rows: [string, string][] = [
          [t('partners.period'), `${loc.date(i.start)} – ${i.end ? loc.date(i.end) : '…'}`],
          [t('partners.status'), t(`partners.statuses.${i.status}` as never)],
          [t('partners.budget'), i.budget !== null && i.currency ? `${formatNumber(i.budget, loc.lang)} ${i.currency}` : ''],
        ];
        for (const [k, v] of rows) {
          if (!v) continue;
          const dt = document.createElement('dt');
          dt.textContent = k;
          const dd = document.createElement('dd');
          const b = document.createElement('bdi'); // dates and sums keep their order in RTL text
          b.textContent = v;
          dd.append(b);
          dl.append(dt, dd);
        }
        li.append(head, dl);
        list.append(li);
      }
      const link = document.createElement('a');
      link.href = '#/partners';
      link.textContent = t('map.initiatives.partnersPage');
      root.append(h, list, link);
      return root;
    }

    const spread = () => {
      const offsets = fanOut(placed.map(({ marker }) => map.latLngToLayerPoint(marker.getLatLng())), 24, 28);
      placed.forEach(({ marker, badge }, i) => {
        const o = offsets[i]!;
        badge.style.transform = o.x || o.y ? `translate(${o.x.toFixed(1)}px, ${o.y.toFixed(1)}px)` : ''; // CSSOM: allowed by the CSP
        marker.getElement()?.classList.toggle('initiative-fanned', !!(o.x || o.y));
        const popup = marker.getPopup();
        if (popup) popup.options.offset = L.point(o.x, o.y - 20);
        const tooltip = marker.getTooltip();
        if (tooltip) tooltip.options.offset = L.point(o.x, o.y - 22);
      });
    };
    spread();
    map.on('zoomend', spread);

    const target = focus && focused.current !== focus ? placed.find((x) => x.id === focus) : undefined;
    if (focus && focused.current !== focus) setMissing(target ? null : focus);
    focused.current = focus;
    if (target) {
      map.setView(target.marker.getLatLng(), Math.max(map.getZoom(), 9), { animate: false });
      spread();
      target.marker.openPopup();
      (target.marker.getElement() as HTMLElement | undefined)?.focus({ preventScroll: true });
    }
    return () => {
      map.off('zoomend', spread);
      group.remove();
    };
  }, [map, data, focus, t, loc.code]); // eslint-disable-line react-hooks/exhaustive-deps

  if (error) return <p className="map-status map-status-warn" role="alert">{t('map.initiatives.loadFailed')}</p>;
  if (!data) return <p className="map-status" role="status">{t('map.initiatives.loading')}</p>;
  if (missing) return <p className="map-status" role="status" data-testid="initiatives-not-found">{t('map.initiatives.notFound')}</p>;
  return null;
}
