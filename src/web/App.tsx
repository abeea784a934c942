import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler } from './api.ts';
import { adoptUserLocale } from './i18n/index.ts';
import type { Session, User } from './types.ts';
import { StreamProvider } from './stream.tsx';
import { Header } from './components/Header.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { MapPage } from './pages/MapPage.tsx';
import { AdminPage } from './pages/AdminPage.tsx';
import { ScreeningPage } from './pages/ScreeningPage.tsx';
import { AlertsPage } from './pages/AlertsPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { ProfilePage } from './pages/ProfilePage.tsx';
import { CustomsPage } from './pages/CustomsPage.tsx';
import { can } from './permissions.ts';

export type Route = 'map' | 'admin' | 'screen' | 'alerts' | 'audit' | 'profile' | 'customs';

function routeFromHash(): Route {
  const h = window.location.hash;
  if (h.startsWith('#/admin')) return 'admin';
  if (h.startsWith('#/screen')) return 'screen';
  if (h.startsWith('#/alerts')) return 'alerts';
  if (h.startsWith('#/audit')) return 'audit';
  if (h.startsWith('#/profile')) return 'profile';
  if (h.startsWith('#/customs')) return 'customs';
  return 'map';
}

function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(routeFromHash);
  useEffect(() => {
    const on = () => setRoute(routeFromHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

type AuthState = { status: 'loading' } | { status: 'anonymous' } | { status: 'error'; error: unknown } | { status: 'signed-in'; user: User };

export function App() {
  const { t } = useTranslation();
  const route = useHashRoute();
  const [auth, setAuth] = useState<AuthState>({ status: 'loading' });

  const signedIn = useCallback((s: Session) => {
    setCsrfToken(s.csrfToken);
    void adoptUserLocale(s.user.locale);
    setAuth({ status: 'signed-in', user: s.user });
  }, []);

  const signedOut = useCallback(() => {
    setCsrfToken(null);
    setAuth({ status: 'anonymous' });
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(signedOut);
    api
      .get<Session>('/api/auth/me')
      .then(signedIn)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) signedOut();
        else setAuth({ status: 'error', error: e });
      });
    return () => setUnauthenticatedHandler(null);
  }, [signedIn, signedOut]);

  async function logout() {
    try {
      await api.post('/api/auth/logout');
    } catch {
      /* the session is gone either way */
    }
    signedOut();
    window.location.hash = '#/map';
  }

  if (auth.status === 'loading') {
    return (
      <p className="page-loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (auth.status === 'error') return <LoginPage onLogin={signedIn} initialError={auth.error} />;
  if (auth.status === 'anonymous') return <LoginPage onLogin={signedIn} />;

  const user = auth.user;
  const isAdmin = user.roles.includes('administrator');
  const page =
    route === 'admin' && isAdmin ? <AdminPage />
    : route === 'screen' && can(user, 'screening:run') ? <ScreeningPage user={user} />
    : route === 'alerts' && can(user, 'alerts:read') ? <AlertsPage user={user} />
    : route === 'audit' && can(user, 'audit:read') ? <AuditPage />
    : route === 'profile' ? <ProfilePage user={user} />
    : route === 'customs' && can(user, 'trade:read') ? <CustomsPage stateCode={user.state} />
    : <MapPage />;
  return (
    <StreamProvider key={auth.user.id}>
      <div className="app-shell">
        <Header user={auth.user} route={route} onLogout={() => void logout()} />
        {page}
      </div>
    </StreamProvider>
  );
}
