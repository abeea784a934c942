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

/** Format a number the way the locale writes it (Dari/Pashto digits via Intl where known). */
export function formatNumber(value: number, lang: AppLocale, maximumFractionDigits = 0): string {
  const tag = lang === 'fa' ? 'fa-AF' : lang;
  try {
    return new Intl.NumberFormat(tag, { maximumFractionDigits }).format(value);
  } catch {
    return String(value);
  }
}

export function formatPercent(share: number, lang: AppLocale): string {
  const tag = lang === 'fa' ? 'fa-AF' : lang;
  try {
    return new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }).format(share);
  } catch {
    return `${Math.round(share * 100)}%`;
  }
}
