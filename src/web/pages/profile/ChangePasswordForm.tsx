import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api.ts';
import { formatNumber, useLocale } from '../../util.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { TextField } from '../../components/form/Field.tsx';
import { OkMessage } from '../../components/form/OkMessage.tsx';
import { SubmitButton } from '../../components/form/SubmitButton.tsx';
import { useApiForm } from '../../components/form/useApiForm.ts';

export const MIN_PASSWORD_LENGTH = 10;

/**
 * One's own password: `POST /api/me/password` with the current one. The server ends every
 * other session and every API token of the user; this session stays.
 */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const form = useApiForm();

  const submit = form.onSubmit(async () => {
    if (next !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    await api.post('/api/me/password', { currentPassword: current, newPassword: next });
    form.succeed(true);
    setCurrent('');
    setNext('');
    setRepeat('');
    onChanged();
  });

  // The server's stable code, made precise by the field it names.
  const e = form.error;
  const message =
    !(e instanceof ApiError) ? undefined
    : e.code === 'RATE_LIMITED' && e.retryAfterSeconds !== null ? t('profile.rateLimited', { seconds: formatNumber(e.retryAfterSeconds, loc.lang) })
    : e.code === 'VALIDATION_FAILED' && e.fields.includes('currentPassword') ? t('profile.wrongCurrent')
    : e.code === 'VALIDATION_FAILED' && e.fields.includes('newPassword') ? t('profile.newInvalid', { min: formatNumber(MIN_PASSWORD_LENGTH, loc.lang) })
    : undefined;

  return (
    <section className="card password-panel" aria-labelledby="password-heading" data-testid="password-panel">
      <h2 id="password-heading">{t('profile.passwordTitle')}</h2>
      <p className="muted" data-testid="password-note">
        {t('profile.passwordNote')}
      </p>
      <form className="admin-form" onSubmit={submit} data-testid="change-password-form">
        <ErrorMessage
          error={form.error}
          testId="change-password-error"
          message={message}
          labels={{ currentPassword: t('profile.currentPassword'), newPassword: t('profile.newPassword') }}
        />
        {mismatch && (
          <div className="alert alert-error" role="alert" data-testid="password-mismatch">
            <p>{t('profile.mismatch')}</p>
          </div>
        )}
        {form.done && <OkMessage testId="change-password-ok">{t('profile.passwordChanged')}</OkMessage>}
        <div className="form-grid">
          <TextField
            id="pw-current"
            name="currentPassword"
            label={t('profile.currentPassword')}
            type="password"
            autoComplete="current-password"
            dir="ltr"
            required
            maxLength={200}
            aria-invalid={form.invalid('currentPassword')}
            value={current}
            onValueChange={setCurrent}
          />
          <TextField
            id="pw-new"
            name="newPassword"
            label={t('profile.newPassword')}
            type="password"
            autoComplete="new-password"
            dir="ltr"
            required
            minLength={MIN_PASSWORD_LENGTH}
            maxLength={200}
            aria-describedby="pw-new-hint"
            aria-invalid={form.invalid('newPassword')}
            value={next}
            onValueChange={setNext}
          >
            <small id="pw-new-hint" className="muted">
              {t('profile.newHint', { min: formatNumber(MIN_PASSWORD_LENGTH, loc.lang) })}
            </small>
          </TextField>
          <TextField
            id="pw-repeat"
            name="repeatPassword"
            label={t('profile.repeatPassword')}
            type="password"
            autoComplete="new-password"
            dir="ltr"
            required
            minLength={MIN_PASSWORD_LENGTH}
            maxLength={200}
            aria-invalid={mismatch || undefined}
            value={repeat}
            onValueChange={setRepeat}
          />
        </div>
        <SubmitButton busy={form.busy} testId="change-password-submit" label={t('profile.changePassword')} busyLabel={t('profile.changing')} />
      </form>
    </section>
  );
}
