import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { INDICATORS } from '../../../services/partners/indicators.ts';
import { readPng } from '../../testing/png.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';
import { rawGet } from './fixtures.testing.ts';

// The report is dialect-independent (the indicators' SQL runs in partners.test.ts on both): SQLite only.
describe('progress report (HTML and PDF)', { timeout: 180_000 }, () => {
  let tj: TestNode;
  let observer: ApiClient;
  let commander: ApiClient;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-report-test-'));
  const from = new Date(Date.UTC(new Date().getUTCFullYear() - 1, new Date().getUTCMonth(), 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1)).toISOString().slice(0, 10);

  beforeAll(async () => {
    tj = await startTestNode('sqlite');
    [observer, commander] = await Promise.all([tj.as('partner.observer'), tj.as('tj.commander')]);
  }, 120_000);
  afterAll(async () => {
    await tj?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('HTML: one chart per indicator, what moved, what is late, the source of each figure, in English and Russian', async () => {
    const en = await observer.get(`/api/reports/progress?from=${from}&to=${to}&lang=en&format=html`);
    expect(en.status, en.text).toBe(200);
    expect(en.headers.get('content-type')).toContain('text/html');
    expect(en.text.match(/<svg class="chart"/g)).toHaveLength(INDICATORS.length);
    expect(en.text).toContain('What moved');
    expect(en.text).toContain('What is late');
    // Seeded: the helicopter action of lesson 3 is past its deadline.
    expect(en.text).toMatch(/dushanbe-2012\.lesson-3<\/bdi>: Find a partner for a border-management helicopter/);
    expect(en.text).toContain('Source: partner trainings ended in the period');
    expect(en.text).toContain('@font-face');
    // Seeded trainings fall in the last months: the trainings chart has bars of non-zero height.
    const trainings = en.text.split('id="ind-trainings-delivered"')[1]!.split('</section>')[0]!;
    expect([...trainings.matchAll(/class="bar"[^>]* height="([\d.]+)"/g)].some((m) => Number(m[1]) > 0)).toBe(true);
    const ru = await observer.get(`/api/reports/progress?from=${from}&to=${to}&lang=ru&format=html`);
    expect(ru.text).toContain('Что изменилось');
    expect(ru.text).toContain('Проведённые обучения');
    expect(ru.text).toContain('<html lang="ru" dir="ltr">');
    const fa = await observer.get(`/api/reports/progress?lang=fa`);
    expect(fa.text).toContain('<html lang="fa" dir="rtl">');
    expect(fa.text).toContain('گزارش پیشرفت');
  });

  it('PDF: printed by chromium, pages exist as PNG and the chart area is not blank, in Russian and Pashto', async () => {
    for (const lang of ['ru', 'ps']) {
      const pdf = await rawGet(commander, `/api/reports/progress?from=${from}&to=${to}&lang=${lang}&format=pdf`);
      expect(pdf.status, pdf.bytes.toString().slice(0, 300)).toBe(200);
      expect(pdf.type).toBe('application/pdf');
      expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const file = path.join(dir, `report-${lang}.pdf`);
      fs.writeFileSync(file, pdf.bytes);
      // Fonts embedded for every script: no page needs a system font.
      const fonts = execFileSync('pdffonts', [file]).toString();
      expect(fonts).toMatch(/Noto ?Sans/i);
      if (lang === 'ps') expect(fonts).toMatch(/Vazirmatn/i);
      // Every font is embedded and is one the project ships: no glyph fell back to a system font.
      for (const line of fonts.split('\n').slice(2).filter(Boolean)) {
        expect(line).toMatch(/\byes\b/); // emb column
        expect(line).toMatch(/^\S*(NotoSans|Vazirmatn)/i);
      }
      execFileSync('pdftoppm', ['-png', '-r', '50', file, path.join(dir, `page-${lang}`)]);
      const pages = fs.readdirSync(dir).filter((f) => f.startsWith(`page-${lang}`) && f.endsWith('.png')).sort();
      expect(pages.length).toBeGreaterThanOrEqual(2);
      // The charts: bars are drawn in #1f5f8b. Find them on the pages, and check the rows they
      // occupy are not one flat colour (pixel variance in the chart region).
      let barPixels = 0;
      let variance = 0;
      for (const page of pages) {
        const img = readPng(fs.readFileSync(path.join(dir, page)));
        const rows = new Set<number>();
        for (let i = 0; i < img.width * img.height; i++) {
          const [r, g, b] = [img.data[i * img.channels]!, img.data[i * img.channels + 1]!, img.data[i * img.channels + 2]!];
          if (Math.abs(r - 0x1f) < 30 && Math.abs(g - 0x5f) < 30 && Math.abs(b - 0x8b) < 30) {
            barPixels += 1;
            rows.add(Math.floor(i / img.width));
          }
        }
        const region = [...rows].flatMap((y) => [...img.data.subarray(y * img.width * img.channels, (y + 1) * img.width * img.channels)]);
        if (region.length) {
          const mean = region.reduce((a, v) => a + v, 0) / region.length;
          variance = Math.max(variance, region.reduce((a, v) => a + (v - mean) ** 2, 0) / region.length);
        }
      }
      expect(barPixels).toBeGreaterThan(100);
      expect(variance).toBeGreaterThan(500);
    }
  });

  it('PDF cache: miss then hit with the same bytes; a change of the data or another reader\'s scope is a miss', async () => {
    const url = `/api/reports/progress?from=${from}&to=${to}&lang=en&format=pdf`;
    const cacheDir = path.join(tj.config.dataDir, 'cache', 'reports');
    const first = await rawGet(observer, url);
    expect([first.status, first.headers.get('x-sarhad-cache')]).toEqual([200, 'miss']);
    const again = await rawGet(observer, url);
    expect([again.status, again.headers.get('x-sarhad-cache')]).toEqual([200, 'hit']);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    // The other language is another file.
    expect((await rawGet(observer, url.replace('lang=en', 'lang=tg'))).headers.get('x-sarhad-cache')).toBe('miss');

    // Another reader never gets the observer's file, even for the same report.
    const byCommander = await rawGet(commander, url);
    expect([byCommander.status, byCommander.headers.get('x-sarhad-cache')]).toEqual([200, 'miss']);
    expect((await rawGet(commander, url)).headers.get('x-sarhad-cache')).toBe('hit');
    const pdfs = () => fs.readdirSync(cacheDir).filter((f) => f.endsWith('.pdf'));
    const before = pdfs().filter((f) => f.includes(`_${from}_${to}_en_`));
    expect(before).toHaveLength(2);

    // A training delivered in the period changes the figures: a new file, the old one of that reader pruned.
    const training = { ref: `CACHE-${Date.now()}`, partner: 'OSCE', course: 'Cache-busting course', start: new Date().toISOString().slice(0, 10), end: new Date().toISOString().slice(0, 10), trainees: [{ agency: 'tj-border-troops', female: 3, male: 4 }] };
    expect((await commander.post('/api/trainings', training)).status).toBe(201);
    const changed = await rawGet(observer, url);
    expect([changed.status, changed.headers.get('x-sarhad-cache')]).toEqual([200, 'miss']);
    expect(changed.bytes.equals(first.bytes)).toBe(false);
    expect((await rawGet(observer, url)).headers.get('x-sarhad-cache')).toBe('hit');
    const after = pdfs().filter((f) => f.includes(`_${from}_${to}_en_`));
    expect(after).toHaveLength(2);
    expect(after.filter((f) => before.includes(f))).toHaveLength(1); // the commander's, still valid for its content
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // The commander's cached file is stale too: their next request is a miss.
    expect((await rawGet(commander, url)).headers.get('x-sarhad-cache')).toBe('miss');
  });

  it('without chromium: 503 PDF_PRINTER_MISSING; bad parameters: 400', async () => {
    const original = tj.ctx.config.chromiumPath;
    tj.ctx.config.chromiumPath = '/nonexistent/chromium';
    try {
      const res = await observer.get(`/api/reports/progress?format=pdf`);
      expect([res.status, res.body.error.code]).toEqual([503, 'PDF_PRINTER_MISSING']);
    } finally {
      tj.ctx.config.chromiumPath = original;
    }
    expect((await observer.get('/api/reports/progress?lang=de')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await observer.get('/api/reports/progress?format=docx')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await observer.get('/api/reports/progress?from=2026-13-01')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await observer.get('/api/reports/progress?from=2020-01-01&to=2019-01-01')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await tj.anonymous().get('/api/reports/progress')).status).toBe(401);
  });
});
