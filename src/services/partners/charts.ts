/**
 * Inline SVG charts for the progress report: no script, no external file, so the HTML prints
 * the same in chromium and in any browser. Numbers and month labels are always left-to-right
 * (direction="ltr") even inside a Dari or Pashto page.
 */
export interface ChartPoint {
  month: string;
  value: number;
}
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (n: number) => (Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(Math.round(n * 10) / 10));

/** Monthly bars with the target as a dashed line; `label` names the chart for screen readers. */
export function barChart(points: readonly ChartPoint[], opts: { label: string; target: number | null; width?: number; height?: number }): string {
  const W = opts.width ?? 560;
  const H = opts.height ?? 180;
  const pad = { l: 44, r: 10, t: 12, b: 28 };
  const max = Math.max(1, opts.target ?? 0, ...points.map((p) => p.value)) * 1.1;
  const iw = W - pad.l - pad.r;
  const ih = H - pad.t - pad.b;
  const bw = points.length ? iw / points.length : iw;
  const y = (v: number) => pad.t + ih - (v / max) * ih;
  const bars = points
    .map((p, i) => {
      const x = pad.l + i * bw + bw * 0.15;
      const h = Math.max(0, pad.t + ih - y(p.value));
      const label = points.length <= 12 || i % Math.ceil(points.length / 12) === 0 ? `<text x="${x + bw * 0.35}" y="${H - 10}" font-size="10" text-anchor="middle" fill="#444">${esc(p.month.slice(2))}</text>` : '';
      return `<rect class="bar" x="${x.toFixed(1)}" y="${y(p.value).toFixed(1)}" width="${(bw * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="#1f5f8b"><title>${esc(p.month)}: ${fmt(p.value)}</title></rect>${label}`;
    })
    .join('');
  const ticks = [0, max / 2, max].map((v) => `<text x="${pad.l - 6}" y="${y(v) + 3}" font-size="10" text-anchor="end" fill="#444">${fmt(v)}</text><line x1="${pad.l}" x2="${W - pad.r}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`).join('');
  const target = opts.target === null ? '' : `<line class="target" x1="${pad.l}" x2="${W - pad.r}" y1="${y(opts.target).toFixed(1)}" y2="${y(opts.target).toFixed(1)}" stroke="#c0392b" stroke-width="2" stroke-dasharray="6 4"/>`;
  return `<svg class="chart" role="img" aria-label="${esc(opts.label)}" direction="ltr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">${ticks}${bars}${target}</svg>`;
}
