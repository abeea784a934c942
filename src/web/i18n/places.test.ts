import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../domain/policy/roles.ts';
import en from './locales/en.ts';
import fa from './locales/fa.ts';
import ps from './locales/ps.ts';
import ru from './locales/ru.ts';
import tg from './locales/tg.ts';

const messages = { en, ru, tg, fa, ps };
const scenario = JSON.parse(readFileSync(new URL('../../store/seed/scenarios/tj-af.json', import.meta.url), 'utf8')) as {
  sections: Array<{ riverName: string | null; provinces: Record<string, string> }>;
};

describe('place names in the shipped scenario', () => {
  const names = new Set(scenario.sections.flatMap((s) => [...(s.riverName ? [s.riverName] : []), ...Object.values(s.provinces)]));
  it('every river and province shown in a section popup is translated in all five languages', () => {
    expect(names.size).toBeGreaterThan(5);
    for (const locale of LOCALES) {
      const place = messages[locale].place as Record<string, string>;
      const missing = [...names].filter((n) => !place[n]?.trim());
      expect(missing, locale).toEqual([]);
    }
  });
  it('Dari and Pashto names are in Perso-Arabic script, Russian and Tajik in Cyrillic', () => {
    for (const n of names) {
      expect((fa.place as Record<string, string>)[n]).toMatch(/^[\u0600-\u06ff\u200c ]+$/);
      expect((ps.place as Record<string, string>)[n]).toMatch(/^[\u0600-\u06ff\u200c ]+$/);
      expect((ru.place as Record<string, string>)[n]).toMatch(/^[\u0400-\u04ff -]+$/);
      expect((tg.place as Record<string, string>)[n]).toMatch(/^[\u0400-\u04ff -]+$/);
    }
  });
});
