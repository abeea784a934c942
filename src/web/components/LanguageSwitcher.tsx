import { useTranslation } from 'react-i18next';
import { changeLocale, offeredLocales } from '../i18n/index.ts';
import type { LocaleCode } from '../i18n/locales.ts';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang-switcher">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select
        data-testid="language-switcher"
        aria-label={t('nav.language')}
        value={i18n.language}
        onChange={(e) => void changeLocale(e.target.value as LocaleCode)}
      >
        {offeredLocales().map((l) => (
          <option key={l.code} value={l.code} lang={l.htmlLang} dir={l.dir}>
            {l.nativeName}
          </option>
        ))}
      </select>
    </label>
  );
}
