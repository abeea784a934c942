import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import type { LocalizedNameValue } from './entities.ts';

const require = createRequire(import.meta.url);
const LOCALES = ['en', 'ru', 'tg', 'fa', 'ps'] as const;
for (const l of LOCALES) countries.registerLocale(require(`i18n-iso-countries/langs/${l}.json`));

/** True for an assigned ISO 3166-1 alpha-2 code (not merely two letters). */
export function isStateCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

/** The state's short name in every UI locale, from the ISO list. */
export function stateName(code: string): LocalizedNameValue {
  const name = (l: (typeof LOCALES)[number]) => countries.getName(code, l) ?? countries.getName(code, 'en') ?? code;
  return { en: name('en'), ru: name('ru'), tg: name('tg'), fa: name('fa'), ps: name('ps') };
}

/** The name given to the national border agency a node creates for itself when none is registered. */
export function nationalAgencyName(code: string): LocalizedNameValue {
  const s = stateName(code);
  return {
    en: `${s.en}: national border agency`,
    ru: `${s.ru}: национальное пограничное ведомство`,
    tg: `${s.tg}: идораи миллии сарҳадӣ`,
    fa: `${s.fa}: اداره ملی مرزبانی`,
    ps: `${s.ps}: د پولو ملي اداره`,
  };
}
