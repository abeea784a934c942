import { useTranslation } from 'react-i18next';
import { LOCALES } from '../../i18n/locales.ts';
import type { LocalizedName } from '../../types.ts';
import { TextField } from './Field.tsx';

export const EMPTY_NAME: LocalizedName = { en: '', ru: '', tg: '', fa: '', ps: '' };

/** Labels of the `name.<locale>` field paths, for ErrorMessage. */
export function useLocalizedNameLabels(): Record<string, string> {
  const { t } = useTranslation();
  return Object.fromEntries(LOCALES.map((l) => [`name.${l.code}`, t('admin.nameIn', { language: l.nativeName })]));
}

/** One required input per locale (in its own language and direction) for a `LocalizedName`. */
export function LocalizedNameInputs({ idPrefix, value, onChange, invalid }: { idPrefix: string; value: LocalizedName; onChange: (name: LocalizedName) => void; invalid: (field: string) => true | undefined }) {
  const { t } = useTranslation();
  return LOCALES.map((l) => {
    const code = l.code as keyof LocalizedName;
    return (
      <TextField
        key={l.code}
        id={`${idPrefix}-${l.code}`}
        name={`name.${l.code}`}
        label={t('admin.nameIn', { language: l.nativeName })}
        lang={l.htmlLang}
        dir={l.dir}
        required
        aria-invalid={invalid(`name.${l.code}`)}
        value={value[code]}
        onValueChange={(v) => onChange({ ...value, [code]: v })}
      />
    );
  });
}
