import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.ts';
import type { Messages } from './messages.ts';
import { pseudoRtl } from './pseudo.ts';
import { availableLocales, localeInfo, type LocaleCode } from './locales.ts';

export const STORAGE_KEY = 'sarhad.locale';
/** The RTL pseudo-locale exists only in development builds (`vite`, not `vite build`). */
export const DEV_LOCALES = import.meta.env.DEV;

// English is in the first bundle; every other language is its own small chunk, loaded when
// chosen (a post on a satellite link downloads only the language it reads).
const resources = {
  en: { translation: en },
  ...(DEV_LOCALES ? { 'qps-rtl': { translation: pseudoRtl(en) } } : {}),
};
const LOADERS: Record<Exclude<LocaleCode, 'en' | 'qps-rtl'>, () => Promise<{ default: Messages }>> = {
  ru: () => import('./locales/ru.ts'),
  tg: () => import('./locales/tg.ts'),
  fa: () => import('./locales/fa.ts'),
  ps: () => import('./locales/ps.ts'),
};

/** Make sure the messages of `code` are loaded (no-op for English and loaded ones). */
export async function loadLocale(code: LocaleCode): Promise<void> {
  if (code === 'en' || code === 'qps-rtl' || i18n.hasResourceBundle(code, 'translation')) return;
  const messages = (await LOADERS[code]()).default;
  i18n.addResourceBundle(code, 'translation', messages, true, true);
}

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
let latestChange = 0;
export async function changeLocale(code: LocaleCode, remember = true): Promise<void> {
  if (!isOffered(code)) return;
  // Languages other than English load on demand: the last choice wins even when an earlier one
  // (e.g. the user's own language adopted at sign-in) finishes loading after it.
  const mine = ++latestChange;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, code);
    } catch {
      /* private mode: the choice is not remembered */
    }
  }
  await loadLocale(code);
  if (mine !== latestChange) return;
  await i18n.changeLanguage(code);
}

/** After sign-in: use the remembered choice, or else the user's own language. */
export async function adoptUserLocale(userLocale: string): Promise<void> {
  const stored = storedLocale();
  if (stored) return;
  if (isOffered(userLocale)) await changeLocale(userLocale, false);
}

i18n.on('languageChanged', applyToDocument);

const initial = storedLocale() ?? 'en';
applyToDocument(initial);
export const i18nReady = i18n
  .use(initReactI18next)
  .init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: offeredLocales().map((l) => l.code),
    partialBundledLanguages: true,
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  .then(() => (initial === 'en' ? undefined : changeLocale(initial, false)))
  .catch(() => undefined);

export default i18n;
