import { useTranslation } from 'react-i18next';
import { ApiError, errorCodeOf } from '../api.ts';

/** A translated error from an API failure (by its stable code), with the invalid fields. */
export function ErrorMessage({ error, testId = 'error' }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = errorCodeOf(error);
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <div className="alert alert-error" role="alert" data-testid={testId} data-error-code={code}>
      <p>{t(`errors.${code}`)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f}>
              {t('errors.field', { field: f })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
