import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FROZEN_SEED, generateDevSet, halfOf, halfSet } from './generate.ts';

const here = new URL('./', import.meta.url);

describe('development-set generator', () => {
  it('imports nothing outside its own folder (no engine code, no engine tables)', () => {
    for (const f of readdirSync(here).filter((x) => x.endsWith('.ts'))) {
      const src = readFileSync(new URL(f, here), 'utf8');
      const specs = [...src.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      for (const s of specs) expect(s, `${f} imports ${s}`).toMatch(/^\.\/[\w-]+\.ts$|^node:|^vitest$/);
    }
  });

  it('is deterministic, splits people by a hash of their id, and keeps queries with their person', () => {
    const a = generateDevSet({ seed: FROZEN_SEED });
    const b = generateDevSet({ seed: FROZEN_SEED });
    expect(a.queries.map((q) => q.name)).toEqual(b.queries.map((q) => q.name));
    expect(a.entries).toHaveLength(1400);
    const test = halfSet(a, 'test');
    const tune = halfSet(a, 'tune');
    expect(test.entries.length + tune.entries.length).toBe(1400);
    expect(test.entries.length).toBeGreaterThan(600);
    expect(tune.entries.length).toBeGreaterThan(600);
    for (const q of test.queries) if (q.expected) expect(halfOf(q.expected)).toBe('test');
    const ids = new Set(test.entries.map((e) => e.id));
    for (const q of test.queries) if (q.expected) expect(ids.has(q.expected)).toBe(true);
    expect(halfOf('D2026-0001')).toBe(halfOf('D2026-0001'));
  });

  it('writes the variations the screening has to survive', () => {
    const s = generateDevSet({ seed: FROZEN_SEED });
    const all = s.queries.map((q) => q.name).join('\n') + '\n' + s.entries.flatMap((e) => e.names.map((n) => (typeof n === 'string' ? n : n.name))).join('\n');
    for (const re of [/ولد /, /\bs\/o\b/i, /\bd\/o\b/i, /\bbin\b/, /\bibn\b/, /ибни /, /сын /, /[يك]/, /[\u064e\u064f\u0650]/, /\u200c/, /الله/, /-?zoda|зода/i, /ов(?:\s|$)/m, /[a-zA-Z]+zai\b|زی(?:\s|$)/m, /(?:وف|اف|یف)(?:\s|$)/m]) {
      expect(all, String(re)).toMatch(re);
    }
    expect(s.queries.filter((q) => !q.expected).length).toBe(600);
    expect(s.queries.filter((q) => q.note.includes('look-alike')).length).toBeGreaterThan(50);
  });
});
