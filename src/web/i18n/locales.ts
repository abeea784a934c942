export type AppLocale = 'en' | 'ru' | 'tg' | 'fa' | 'ps';
/** Development-only pseudo-locale: English wrapped in right-to-left override marks. */
export type PseudoLocale = 'qps-rtl';
export type LocaleCode = AppLocale | PseudoLocale;

export interface LocaleInfo {
  code: LocaleCode;
  /** Name of the language in the language itself (never translated). */
  nativeName: string;
  dir: 'ltr' | 'rtl';
  /** Value for <html lang>. */
  htmlLang: string;
}

export const LOCALES: readonly LocaleInfo[] = [
  { code: 'en', nativeName: 'English', dir: 'ltr', htmlLang: 'en' },
  { code: 'ru', nativeName: 'Русский', dir: 'ltr', htmlLang: 'ru' },
  { code: 'tg', nativeName: 'Тоҷикӣ', dir: 'ltr', htmlLang: 'tg' },
  { code: 'fa', nativeName: 'دری', dir: 'rtl', htmlLang: 'fa-AF' },
  { code: 'ps', nativeName: 'پښتو', dir: 'rtl', htmlLang: 'ps' },
];

export const PSEUDO_RTL: LocaleInfo = {
  code: 'qps-rtl',
  nativeName: '[ɥsᴉlƃuƎ ʇɹ]',
  dir: 'rtl',
  htmlLang: 'en-XB',
};

export const APP_LOCALES: readonly AppLocale[] = ['en', 'ru', 'tg', 'fa', 'ps'];

export function isAppLocale(v: unknown): v is AppLocale {
  return typeof v === 'string' && (APP_LOCALES as readonly string[]).includes(v);
}

/** Locales offered in the switcher; the pseudo-locale only when `dev` is true. */
export function availableLocales(dev: boolean): readonly LocaleInfo[] {
  return dev ? [...LOCALES, PSEUDO_RTL] : LOCALES;
}

export function localeInfo(code: string): LocaleInfo {
  return LOCALES.find((l) => l.code === code) ?? (code === PSEUDO_RTL.code ? PSEUDO_RTL : LOCALES[0]!);
}

/** The language whose data (names, dates) to use for a UI locale. */
export function dataLocale(code: LocaleCode): AppLocale {
  return code === 'qps-rtl' ? 'en' : code;
}
