import path from 'node:path';
import { z } from 'zod';
import { authorize } from '../../domain/policy/authorize.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { lateActions } from '../../domain/partners/recommendation.ts';
import { validation } from '../../errors.ts';
import type { AppContext } from '../context.ts';
import { barChart } from './charts.ts';
import { computeIndicators } from './indicators.ts';
import { embeddedFontCss, printPdf } from './pdf.ts';
import { contentFingerprint, REPORT_CACHE_DIR, ReportCache, scopeKey } from './report-cache.ts';
import { listRecommendations } from './recommendations.service.ts';
import { msg, REPORT_LANGS, type ReportLang } from './report-messages.ts';

/**
 * The progress report for senior officials' meetings (docs/partners.md): per period, the
 * indicators as charts against their targets, what moved since the previous period of the same
 * length, which actions are late, the recommendations' status, and the source of every figure.
 */
export const progressQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    lang: z.enum(REPORT_LANGS).default('en'),
    format: z.enum(['html', 'pdf', 'json']).default('html'),
  })
  .strict();

const DAY = 86_400_000;

/** [from, to) as instants; default the last 12 whole months. `to` is exclusive. */
export function periodOf(q: { from?: string; to?: string }, now = new Date()) {
  const to = q.to ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.UTC(Number(to.slice(0, 4)) - 1, Number(to.slice(5, 7)) - 1, 1)).toISOString().slice(0, 10);
  if (from >= to) throw validation('"from" must be before "to"', [{ path: 'from', message: 'after to' }]);
  if (Date.parse(to) - Date.parse(from) > 5 * 366 * DAY) throw validation('The period is at most five years', [{ path: 'to', message: 'too long' }]);
  return { from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z`, fromDay: from, toDay: to };
}

export async function progressData(ctx: AppContext, subject: Subject, q: { from?: string; to?: string }, now = new Date()) {
  authorize(subject, 'partners:read');
  const p = periodOf(q, now);
  const length = Date.parse(p.to) - Date.parse(p.from);
  const prevFrom = new Date(Date.parse(p.from) - length).toISOString();
  const [current, previous, recommendations] = await Promise.all([computeIndicators({ db: ctx.db.kysely }, p.from, p.to), computeIndicators({ db: ctx.db.kysely }, prevFrom, p.from), listRecommendations(ctx, subject, now.toISOString().slice(0, 10))]);
  const indicators = current.map((c) => {
    const prev = previous.find((x) => x.id === c.id)!;
    return { ...c, previous: prev.value, change: Math.round((c.value - prev.value) * 100) / 100 };
  });
  const today = now.toISOString().slice(0, 10);
  const late = recommendations.flatMap((r) => lateActions(r.actions, today).map((a) => ({ recommendation: r.ref, title: r.title, action: a })));
  return { period: { from: p.fromDay, to: p.toDay }, generatedAt: now.toISOString(), node: { id: ctx.node.id, state: ctx.node.stateCode }, indicators, recommendations, late };
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 }));

export function renderProgressHtml(data: Awaited<ReturnType<typeof progressData>>, lang: ReportLang): string {
  const t = (k: string) => esc(msg(lang, k));
  const rtl = lang === 'fa' || lang === 'ps';
  const title = (r: { title: Record<string, string> }) => r.title[lang] ?? r.title.en ?? '';
  const unit = (u: string) => (msg(lang, `unit.${u}`) ? ` ${esc(msg(lang, `unit.${u}`))}` : '');
  const moved = data.indicators.filter((i) => i.change !== 0);
  const sections = data.indicators
    .map(
      (i) => `<section class="indicator" id="ind-${esc(i.id)}">
  <h3>${t(`indicator.${i.id}`)}</h3>
  <p class="figure"><strong><bdi>${fmt(i.value)}</bdi>${unit(i.unit)}</strong> · ${t('previous')}: <bdi>${fmt(i.previous)}</bdi>${i.target ? ` · ${t('target')}: <bdi>${fmt(i.target.perMonth)}</bdi> ${t('perMonth')} (${t(i.target.direction === 'up' ? 'moreIsBetter' : 'lessIsBetter')})` : ''}</p>
  ${barChart(i.byMonth, { label: msg(lang, `indicator.${i.id}`), target: i.target?.perMonth ?? null })}
  <p class="source">${t('source')}: ${esc(i.source)}</p>
</section>`,
    )
    .join('\n');
  const recRows = data.recommendations
    .map((r) => {
      const actions = r.actions.map((a) => `<li class="${r.late.includes(a.id) ? 'late' : ''}">${esc(a.text)} — ${t('owner')}: ${esc(a.owner)}${a.deadline ? `, ${t('deadline')}: <bdi>${esc(a.deadline)}</bdi>` : ''}, ${t(`status.${a.status}`)}${a.evidence.length ? `; ${t('evidence')}: ${a.evidence.map((e) => esc(e.text)).join('; ')}` : ''}</li>`).join('');
      return `<tr><td><bdi>${esc(r.ref)}</bdi></td><td>${esc(title(r))}<ul>${actions}</ul></td><td class="status-${esc(r.status)}">${t(`status.${r.status}`)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang}" dir="${rtl ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<title>${t('title')}</title>
<style>
${embeddedFontCss()}
@page { size: A4; margin: 16mm 14mm; }
body { font-family: ${rtl ? "'Vazirmatn', 'Noto Sans'" : "'Noto Sans', 'Vazirmatn'"}, sans-serif; color: #111; font-size: 11pt; margin: 0; }
h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 14pt; margin: 14pt 0 6pt; border-block-end: 1px solid #999; } h3 { font-size: 12pt; margin: 8pt 0 2pt; }
.meta, .source { color: #444; font-size: 9pt; } .indicator { break-inside: avoid; margin-block-end: 8pt; }
table { border-collapse: collapse; inline-size: 100%; font-size: 10pt; } td, th { border: 1px solid #bbb; padding: 3pt 5pt; text-align: start; vertical-align: top; }
li.late, .status-late { color: #a00; font-weight: bold; } .chart { display: block; max-inline-size: 100%; }
</style>
</head>
<body>
<header>
<h1>${t('title')}</h1>
<p>${t('subtitle')}</p>
<p class="meta">${t('period')}: <bdi>${esc(data.period.from)} – ${esc(data.period.to)}</bdi> · ${t('generated')}: <bdi>${esc(data.generatedAt.slice(0, 16).replace('T', ' '))} UTC</bdi> · ${t('node')}: <bdi>${esc(data.node.state)}</bdi></p>
</header>
<h2>${t('moved')}</h2>
${moved.length ? `<ul class="moved">${moved.map((i) => `<li>${t(`indicator.${i.id}`)}: ${t('previous')} <bdi>${fmt(i.previous)}</bdi>, ${t('value')} <bdi>${fmt(i.value)}</bdi> (${t(i.change > 0 ? 'up' : 'down')})</li>`).join('')}</ul>` : `<p>${t('movedNone')}</p>`}
<h2>${t('late')}</h2>
${data.late.length ? `<ul class="late-list">${data.late.map((l) => `<li class="late"><bdi>${esc(l.recommendation)}</bdi>: ${esc(l.action.text)} — ${t('owner')}: ${esc(l.action.owner)}, ${t('deadline')}: <bdi>${esc(l.action.deadline)}</bdi></li>`).join('')}</ul>` : `<p>${t('lateNone')}</p>`}
<h2>${t('indicators')}</h2>
${sections}
<h2>${t('recommendations')}</h2>
<table><thead><tr><th>Ref</th><th>${t('action')}</th><th>${t('status')}</th></tr></thead><tbody>
${recRows}
</tbody></table>
<h2>${t('sources')}</h2>
<ul class="sources">${data.indicators.map((i) => `<li>${t(`indicator.${i.id}`)}: ${esc(i.source)}</li>`).join('')}</ul>
<p class="meta">${t('illustrative')}</p>
</body>
</html>`;
}

const caches = new WeakMap<AppContext, ReportCache>();
function cacheOf(ctx: AppContext): ReportCache {
  let c = caches.get(ctx);
  if (!c) caches.set(ctx, (c = new ReportCache(path.join(ctx.config.dataDir, REPORT_CACHE_DIR), ctx.config.reportCacheMaxFiles)));
  return c;
}

export async function progressReport(ctx: AppContext, subject: Subject, q: z.output<typeof progressQuery>, now = new Date()) {
  const data = await progressData(ctx, subject, q, now);
  if (q.format === 'json') return { kind: 'json' as const, data };
  const html = renderProgressHtml(data, q.lang);
  if (q.format === 'html') return { kind: 'html' as const, html, data };
  // The PDF cache's key (report-cache.ts): the content as printed, bar the generation time.
  const fingerprint = contentFingerprint(renderProgressHtml({ ...data, generatedAt: '' }, q.lang));
  const key = { from: data.period.from, to: data.period.to, lang: q.lang, scope: scopeKey(ctx.node.id, subject), fingerprint };
  const { pdf, cache } = await cacheOf(ctx).get(key, () => printPdf(html, ctx.config.chromiumPath));
  return { kind: 'pdf' as const, pdf, cache, data };
}
