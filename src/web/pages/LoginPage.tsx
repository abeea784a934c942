import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { Session } from '../types.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';
import { TextField } from '../components/form/Field.tsx';
import { SubmitButton } from '../components/form/SubmitButton.tsx';
import { useApiForm } from '../components/form/useApiForm.ts';

export function LoginPage({ onLogin, initialError = null }: { onLogin: (s: Session) => void; initialError?: unknown }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const form = useApiForm(initialError);

  const submit = form.onSubmit(async () => {
    onLogin(await api.post<Session>('/api/auth/login', { username, password }));
  });

  return (
    <main className="login-page">
      <div className="login-lang">
        <LanguageSwitcher />
      </div>
      <form className="card login-card" onSubmit={submit} data-testid="login-form">
        <div className="login-brand">
          <span className="brand-mark brand-mark-large" aria-hidden="true" />
          <div>
            <h1>{t('app.name')}</h1>
            <p className="muted">{t('app.tagline')}</p>
          </div>
        </div>
        <h2>{t('login.title')}</h2>
        <ErrorMessage error={form.error} testId="login-error" />
        <TextField id="login-username" name="username" label={t('login.username')} autoComplete="username" dir="ltr" required value={username} onValueChange={setUsername} />
        <TextField id="login-password" name="password" type="password" label={t('login.password')} autoComplete="current-password" dir="ltr" required value={password} onValueChange={setPassword} />
        <SubmitButton busy={form.busy} testId="login-submit" label={t('login.submit')} busyLabel={t('login.submitting')} />
      </form>
    </main>
  );
}
