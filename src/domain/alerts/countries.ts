import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

// UN official short names that the ISO list spells differently.
const UN_NAMES: Record<string, string> = {
  "democratic people's republic of korea": 'KP',
  'iran (islamic republic of)': 'IR',
  'united kingdom of great britain and northern ireland': 'GB',
  'united republic of tanzania': 'TZ',
  'state of palestine': 'PS',
  'türkiye': 'TR',
  'bolivia (plurinational state of)': 'BO',
  'venezuela (bolivarian republic of)': 'VE',
  'republic of moldova': 'MD',
  'lao people\'s democratic republic': 'LA',
  'congo': 'CG',
};

/** ISO 3166-1 alpha-2 for an English country name as the UN writes it, or null. */
export function countryCode(name: string): string | null {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  if (/^[A-Z]{2}$/.test(clean)) return clean;
  return UN_NAMES[clean.toLowerCase()] ?? countries.getAlpha2Code(clean, 'en') ?? null;
}
