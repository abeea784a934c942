import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { AppError } from '../../errors.ts';

/**
 * The PDF printer: the report's HTML written to a private temporary directory and printed by
 * Debian's chromium, headless, with the flags the browser tests use (playwright.config.ts). The
 * fonts for every script of the report (Latin and Cyrillic: Noto Sans; Arabic script: Vazirmatn)
 * are embedded in the HTML as data: URLs, so chromium needs no network and no system fonts, and
 * embeds them in the PDF.
 */
const require = createRequire(import.meta.url);
const FONT_FILES: [family: string, file: string, range: string][] = [
  ['Noto Sans', '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2', 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215'],
  ['Noto Sans', '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2', 'U+0100-02AF,U+1E00-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF'],
  ['Noto Sans', '@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff2', 'U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116'],
  ['Noto Sans', '@fontsource/noto-sans/files/noto-sans-cyrillic-ext-400-normal.woff2', 'U+0460-052F,U+1C80-1C88,U+20B4,U+2DE0-2DFF,U+A640-A69F,U+FE2E-FE2F'],
  ['Vazirmatn', '@fontsource/vazirmatn/files/vazirmatn-arabic-400-normal.woff2', 'U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0898-08E1,U+08E3-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC'],
  ['Vazirmatn', '@fontsource/vazirmatn/files/vazirmatn-latin-400-normal.woff2', 'U+0000-00FF'],
];

let fontCss: string | null = null;
/**
 * @font-face rules with the woff2 files inlined (read once), regular and bold: without a real
 * bold face chromium synthesises one and prints it as Type 3 outlines.
 */
export function embeddedFontCss(): string {
  if (fontCss === null) {
    fontCss = FONT_FILES.flatMap(([family, file, range]) =>
      [400, 700].map((weight) => {
        const data = fs.readFileSync(require.resolve(file.replace('-400-', `-${weight}-`))).toString('base64');
        return `@font-face{font-family:'${family}';font-style:normal;font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`;
      }),
    ).join('\n');
  }
  return fontCss;
}

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-pdf-header-footer', '--run-all-compositor-stages-before-draw', '--virtual-time-budget=5000'];

/** Prints the HTML to PDF bytes. PDF_PRINTER_MISSING when chromium is not at `chromiumPath`. */
export async function printPdf(html: string, chromiumPath: string, timeoutMs = 60_000): Promise<Buffer> {
  try {
    fs.accessSync(chromiumPath, fs.constants.X_OK);
  } catch {
    throw new AppError('PDF_PRINTER_MISSING', `No PDF printer: chromium is not installed at ${chromiumPath} (set SARHAD_CHROMIUM_PATH)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-report-'));
  try {
    const input = path.join(dir, 'report.html');
    const output = path.join(dir, 'report.pdf');
    fs.writeFileSync(input, html);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(chromiumPath, [...FLAGS, `--user-data-dir=${path.join(dir, 'profile')}`, `--print-to-pdf=${output}`, `file://${input}`], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        if (err.length < 4000) err += d.toString();
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new AppError('PDF_PRINT_FAILED', `chromium could not be started: ${e.message}`));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (fs.existsSync(output) && fs.statSync(output).size > 0) resolve();
        else reject(new AppError('PDF_PRINT_FAILED', `chromium printed no PDF (exit ${code}): ${err.split('\n').slice(-3).join(' ').slice(0, 300)}`));
      });
    });
    return fs.readFileSync(output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
