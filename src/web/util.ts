import { useTranslation } from 'react-i18next';
import en from './i18n/locales/en.ts';
import { dataLocale, localeInfo, type AppLocale, type LocaleCode } from './i18n/locales.ts';
import { formatDate } from './i18n/dates.ts';
import type { LocalizedName } from './types.ts';

/** A localized name in the UI language, falling back to English, then to any value. */
export function localName(name: LocalizedName | string | null | undefined, lang: AppLocale): string {
  if (!name) return '';
  if (typeof name === 'string') return name;
  return name[lang] || name.en || Object.values(name).find((v) => !!v) || '';
}

/** The current UI locale, the language for data, the direction and a date formatter. */
export function useLocale(): {
  code: LocaleCode;
  lang: AppLocale;
  dir: 'ltr' | 'rtl';
  name: (n: LocalizedName | string | null | undefined) => string;
  date: (d: Date | string) => string;
} {
  const { i18n } = useTranslation();
  const code = (i18n.resolvedLanguage ?? i18n.language ?? 'en') as LocaleCode;
  const lang = dataLocale(code);
  return {
    code,
    lang,
    dir: localeInfo(code).dir,
    name: (n) => localName(n, lang),
    date: (d) => formatDate(d, lang),
  };
}

export type PlaceKey = keyof typeof en.place;
export function isPlaceKey(v: string): v is PlaceKey {
  return Object.hasOwn(en.place, v);
}

export type TerrainKey = keyof typeof en.terrain;
export function isTerrainKey(v: string): v is TerrainKey {
  return Object.hasOwn(en.terrain, v);
}

/**
 * Digits, one rule for the whole app: Dari and Pashto write Extended Arabic-Indic digits
 * (۰۱۲۳۴۵۶۷۸۹, as Afghan administrations and the Solar Hijri dates do); English, Russian and
 * Tajik write Latin digits. Every number shown goes through numberFormat() (docs/web.md, "Digits").
 */
export function numberingSystemOf(lang: AppLocale): 'arabext' | 'latn' {
  return lang === 'fa' || lang === 'ps' ? 'arabext' : 'latn';
}

export function numberFormat(lang: AppLocale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const tag = lang === 'fa' ? 'fa-AF' : lang;
  const numberingSystem = numberingSystemOf(lang);
  try {
    return new Intl.NumberFormat(tag, { ...options, numberingSystem });
  } catch {
    return new Intl.NumberFormat('en', { ...options, numberingSystem });
  }
}

/** Format a number the way the locale writes it (digits per numberingSystemOf). */
export function formatNumber(value: number, lang: AppLocale, maximumFractionDigits = 0): string {
  return numberFormat(lang, { maximumFractionDigits }).format(value);
}

export function formatPercent(share: number, lang: AppLocale): string {
  return numberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
