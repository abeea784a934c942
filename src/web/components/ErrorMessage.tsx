import { useTranslation } from 'react-i18next';
import { ApiError, errorCodeOf } from '../api.ts';

/** A translated error from an API failure (by its stable code), with the invalid fields. */
/** Field paths of a validation error (e.g. `name.fa`, `location.0`), empty for other errors. */
export function invalidFields(error: unknown): Set<string> {
  return new Set(error instanceof ApiError ? error.fields : []);
}

export function ErrorMessage({
  error,
  testId = 'error',
  labels = {},
  message,
}: {
  error: unknown;
  testId?: string;
  /** Translated labels of the form's fields, by API field path. */
  labels?: Record<string, string>;
  /** A more precise translated message than the code's own (e.g. which field was wrong). */
  message?: string;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = errorCodeOf(error);
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <div className="alert alert-error" role="alert" data-testid={testId} data-error-code={code}>
      <p>{message ?? t(`errors.${code}`)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f} data-field={f}>
              {t('errors.field', { field: labels[f] ?? labels[f.split('.')[0] ?? ''] ?? f })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
