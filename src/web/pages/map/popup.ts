import L from 'leaflet';

// keep popups clear of the zoom control and the legend when Leaflet pans them into view
export const POPUP_OPTIONS: L.PopupOptions = { autoPanPadding: L.point(60, 60), maxWidth: 320 };

/** Small DOM popup (no HTML strings: names may come from other nodes). */
export function popupContent(dir: 'ltr' | 'rtl', title: string, rows: [string, string][], note?: string): HTMLElement {
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

export function textOf(dir: 'ltr' | 'rtl', text: string): HTMLElement {
  const span = document.createElement('span');
  span.dir = dir;
  span.textContent = text;
  return span;
}
