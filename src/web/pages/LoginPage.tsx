import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { Session } from '../types.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';

export function LoginPage({ onLogin, initialError = null }: { onLogin: (s: Session) => void; initialError?: unknown }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(initialError);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<Session>('/api/auth/login', { username, password });
      onLogin(session);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

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
        <ErrorMessage error={error} testId="login-error" />
        <div className="field">
          <label htmlFor="login-username">{t('login.username')}</label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            dir="ltr"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            dir="ltr"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="login-submit">
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
