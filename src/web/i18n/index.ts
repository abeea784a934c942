import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.ts';
import ru from './locales/ru.ts';
import tg from './locales/tg.ts';
import fa from './locales/fa.ts';
import ps from './locales/ps.ts';
import { pseudoRtl } from './pseudo.ts';
import { availableLocales, localeInfo, type LocaleCode } from './locales.ts';

export const STORAGE_KEY = 'sarhad.locale';
/** The RTL pseudo-locale exists only in development builds (`vite`, not `vite build`). */
export const DEV_LOCALES = import.meta.env.DEV;

const resources = {
  en: { translation: en },
  ru: { translation: ru },
  tg: { translation: tg },
  fa: { translation: fa },
  ps: { translation: ps },
  ...(DEV_LOCALES ? { 'qps-rtl': { translation: pseudoRtl(en) } } : {}),
};

export function offeredLocales(): ReturnType<typeof availableLocales> {
  return availableLocales(DEV_LOCALES);
}

function isOffered(code: string | null | undefined): code is LocaleCode {
  return !!code && offeredLocales().some((l) => l.code === code);
}

/** The language the user chose on this device, if any. */
export function storedLocale(): LocaleCode | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isOffered(v) ? v : null;
  } catch {
    return null;
  }
}

function applyToDocument(code: string): void {
  const info = localeInfo(code);
  document.documentElement.lang = info.htmlLang;
  document.documentElement.dir = info.dir;
}

/** Switch the UI language, remember it on this device and mirror the page when needed. */
export async function changeLocale(code: LocaleCode, remember = true): Promise<void> {
  if (!isOffered(code)) return;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, code);
    } catch {
      /* private mode: the choice is not remembered */
    }
  }
  await i18n.changeLanguage(code);
}

/** After sign-in: use the remembered choice, or else the user's own language. */
export async function adoptUserLocale(userLocale: string): Promise<void> {
  const stored = storedLocale();
  if (stored) return;
  if (isOffered(userLocale)) await changeLocale(userLocale, false);
}

i18n.on('languageChanged', applyToDocument);

export const i18nReady = i18n.use(initReactI18next).init({
  resources,
  lng: storedLocale() ?? 'en',
  fallbackLng: 'en',
  supportedLngs: Object.keys(resources),
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyToDocument(i18n.language || 'en');

export default i18n;
