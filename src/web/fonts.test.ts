import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import en from './i18n/locales/en.ts';
import ru from './i18n/locales/ru.ts';
import tg from './i18n/locales/tg.ts';
import fa from './i18n/locales/fa.ts';
import ps from './i18n/locales/ps.ts';
import * as dates from './i18n/dates.ts';

// Every letter the UI can show must be in a font the app ships (Pashto ۍ was an empty box
// on machines without a Pashto font): the shipped faces are read from fonts.css, and each
// face's woff2 file is opened to read its character map (cmap).

const WEB = path.dirname(new URL(import.meta.url).pathname);

interface Face {
  family: string;
  weight: number;
  file: string;
  ranges: [number, number][];
  cmap: Set<number>;
}

/** The code points a WOFF2 font maps to glyphs (cmap formats 4 and 12). */
function woff2CodePoints(buf: Buffer): Set<number> {
  if (buf.toString('latin1', 0, 4) !== 'wOF2') throw new Error('not a woff2 file');
  const numTables = buf.readUInt16BE(12);
  const compressedSize = buf.readUInt32BE(20);
  let p = 48;
  const base128 = () => {
    let v = 0;
    for (let i = 0; i < 5; i++) {
      const b = buf[p++]!;
      v = v * 128 + (b & 0x7f);
      if (!(b & 0x80)) return v;
    }
    throw new Error('bad UIntBase128');
  };
  const tables: { tag: number | string; length: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = buf[p++]!;
    const known = flags & 0x3f;
    const tag = known === 63 ? buf.toString('latin1', p, (p += 4)) : known;
    const version = (flags >> 6) & 3;
    const origLength = base128();
    // glyf (10) and loca (11) are transformed unless version 3; other tables only if version ≠ 0
    const transformed = tag === 10 || tag === 11 ? version !== 3 : version !== 0;
    const length = transformed ? base128() : origLength;
    tables.push({ tag, length });
  }
  const data = zlib.brotliDecompressSync(buf.subarray(p, p + compressedSize));
  let offset = 0;
  let cmapAt = -1;
  for (const t of tables) {
    if (t.tag === 0 || t.tag === 'cmap') cmapAt = offset;
    offset += t.length;
  }
  if (cmapAt < 0) throw new Error('no cmap');
  const cmap = data.subarray(cmapAt);
  const points = new Set<number>();
  const n = cmap.readUInt16BE(2);
  for (let i = 0; i < n; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    if (!((platform === 3 && (encoding === 1 || encoding === 10)) || platform === 0)) continue;
    const sub = cmap.subarray(cmap.readUInt32BE(8 + i * 8));
    const format = sub.readUInt16BE(0);
    if (format === 4) {
      const segs = sub.readUInt16BE(6) / 2;
      const ends = 14;
      const starts = ends + segs * 2 + 2;
      const deltas = starts + segs * 2;
      const rangeOffsets = deltas + segs * 2;
      for (let s = 0; s < segs; s++) {
        const end = sub.readUInt16BE(ends + s * 2);
        const start = sub.readUInt16BE(starts + s * 2);
        const delta = sub.readInt16BE(deltas + s * 2);
        const ro = sub.readUInt16BE(rangeOffsets + s * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph: number;
          if (ro === 0) glyph = (c + delta) & 0xffff;
          else {
            const at = rangeOffsets + s * 2 + ro + (c - start) * 2;
            glyph = sub.readUInt16BE(at);
            if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
          }
          if (glyph !== 0) points.add(c);
        }
      }
    } else if (format === 12) {
      const groups = sub.readUInt32BE(12);
      for (let g = 0; g < groups; g++) {
        const start = sub.readUInt32BE(16 + g * 12);
        const end = sub.readUInt32BE(20 + g * 12);
        for (let c = start; c <= end; c++) points.add(c);
      }
    }
  }
  return points;
}

function shippedFaces(): Face[] {
  const css = fs.readFileSync(path.join(WEB, 'fonts.css'), 'utf8');
  return [...css.matchAll(/@font-face \{([^}]*)\}/g)].map(([, body]) => {
    const family = /font-family: '([^']+)'/.exec(body!)![1]!;
    const weight = Number(/font-weight: (\d+)/.exec(body!)![1]);
    const url = /url\('([^']+)'\)/.exec(body!)![1]!;
    expect(url.endsWith('.woff2'), url).toBe(true);
    const file = path.resolve(WEB, url);
    const ranges = /unicode-range: ([^;]+);/
      .exec(body!)![1]!
      .split(',')
      .map((r) => {
        const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as [number, number];
      });
    return { family, weight, file, ranges, cmap: woff2CodePoints(fs.readFileSync(file)) };
  });
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

const faces = shippedFaces();
const covered = (c: number, weight: number) => faces.some((f) => f.weight === weight && f.cmap.has(c) && f.ranges.some(([a, b]) => c >= a && c <= b));

describe('shipped fonts', () => {
  it('are woff2 files of Noto Sans and Vazirmatn in 400 and 700', () => {
    expect(new Set(faces.map((f) => f.family))).toEqual(new Set(['Noto Sans', 'Vazirmatn']));
    for (const f of faces) expect(f.cmap.size, f.file).toBeGreaterThan(50);
  });

  it('cover the letters that were missing: Pashto ۍ ې ښ ږ ټ ډ ړ ڼ ځ څ, Tajik ғ ӣ қ ӯ ҳ ҷ, Persian digits', () => {
    for (const ch of 'ۍېښږټډړڼځڅګ' + 'ғӣқӯҳҷҒӢҚӮҲҶ' + '۰۱۲۳۴۵۶۷۸۹' + 'یکگچپژ') {
      for (const w of [400, 700]) expect(covered(ch.codePointAt(0)!, w), `${ch} U+${ch.codePointAt(0)!.toString(16)} at ${w}`).toBe(true);
    }
  });

  it('cover every letter, digit and mark of the five locales and of the month names (regular and bold)', () => {
    const text = [en, ru, tg, fa, ps, Object.values(dates)].flatMap(strings).join('');
    const missing = new Set<string>();
    for (const ch of new Set(text)) {
      if (!/[\p{L}\p{N}\p{M}]/u.test(ch)) continue;
      for (const w of [400, 700]) if (!covered(ch.codePointAt(0)!, w)) missing.add(`${ch} U+${ch.codePointAt(0)!.toString(16)} (${w})`);
    }
    expect([...missing]).toEqual([]);
  });
});
