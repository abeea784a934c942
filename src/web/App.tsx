import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler } from './api.ts';
import { adoptUserLocale } from './i18n/index.ts';
import type { Session, User } from './types.ts';
import { StreamProvider } from './stream.tsx';
import { Header } from './components/Header.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { can } from './permissions.ts';
import { RiskNotifier } from './pages/risk/RiskNotifier.tsx';

// Code-split: the login needs none of these (Leaflet and the basemap alone are most of the
// app's weight), so a post on a slow link gets a usable login first and each page on demand.
const MapPage = lazy(() => import('./pages/MapPage.tsx').then((m) => ({ default: m.MapPage })));
const AdminPage = lazy(() => import('./pages/AdminPage.tsx').then((m) => ({ default: m.AdminPage })));
const ScreeningPage = lazy(() => import('./pages/ScreeningPage.tsx').then((m) => ({ default: m.ScreeningPage })));
const AlertsPage = lazy(() => import('./pages/AlertsPage.tsx').then((m) => ({ default: m.AlertsPage })));
const AuditPage = lazy(() => import('./pages/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const EventsPage = lazy(() => import('./pages/events/EventsPage.tsx').then((m) => ({ default: m.EventsPage })));
const ProfilePage = lazy(() => import('./pages/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })));
const WarningsPage = lazy(() => import('./pages/WarningsPage.tsx').then((m) => ({ default: m.WarningsPage })));
const RiskPage = lazy(() => import('./pages/RiskPage.tsx').then((m) => ({ default: m.RiskPage })));
const RiskReportPage = lazy(() => import('./pages/RiskReportPage.tsx').then((m) => ({ default: m.RiskReportPage })));
const LiaisonPage = lazy(() => import('./pages/liaison/LiaisonPage.tsx').then((m) => ({ default: m.LiaisonPage })));
const MeetingsPage = lazy(() => import('./pages/meetings/MeetingsPage.tsx').then((m) => ({ default: m.MeetingsPage })));
const OperationsPage = lazy(() => import('./pages/meetings/OperationsPage.tsx').then((m) => ({ default: m.OperationsPage })));
const PartnersPage = lazy(() => import('./pages/PartnersPage.tsx').then((m) => ({ default: m.PartnersPage })));
const RecommendationsPage = lazy(() => import('./pages/RecommendationsPage.tsx').then((m) => ({ default: m.RecommendationsPage })));
const FederationPage = lazy(() => import('./pages/federation/FederationPage.tsx').then((m) => ({ default: m.FederationPage })));
const CustomsPage = lazy(() => import('./pages/CustomsPage.tsx').then((m) => ({ default: m.CustomsPage })));

export type Route = 'map' | 'events' | 'admin' | 'screen' | 'alerts' | 'audit' | 'profile' | 'warnings' | 'risk' | 'risk-report' | 'customs' | 'liaison' | 'meetings' | 'operations' | 'partners' | 'recommendations' | 'federation';

function routeFromHash(): Route {
  const h = window.location.hash;
  if (h.startsWith('#/events')) return 'events';
  if (h.startsWith('#/admin')) return 'admin';
  if (h.startsWith('#/screen')) return 'screen';
  if (h.startsWith('#/alerts')) return 'alerts';
  if (h.startsWith('#/audit')) return 'audit';
  if (h.startsWith('#/profile')) return 'profile';
  if (h.startsWith('#/warnings')) return 'warnings';
  if (h.startsWith('#/risk/report')) return 'risk-report';
  if (h.startsWith('#/risk')) return 'risk';
  if (h.startsWith('#/customs')) return 'customs';
  if (h.startsWith('#/liaison')) return 'liaison';
  if (h.startsWith('#/meetings')) return 'meetings';
  if (h.startsWith('#/operations')) return 'operations';
  if (h.startsWith('#/partners')) return 'partners';
  if (h.startsWith('#/recommendations')) return 'recommendations';
  if (h.startsWith('#/federation')) return 'federation';
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

const LAST_USER = 'sarhad.lastUser';
/** The user signed in on this device (their own profile, no secret), for working offline. */
function rememberUser(user: User | null): void {
  try {
    if (user) localStorage.setItem(LAST_USER, JSON.stringify(user));
    else localStorage.removeItem(LAST_USER);
  } catch {
    /* private mode */
  }
}
function lastUser(): User | null {
  try {
    const v = localStorage.getItem(LAST_USER);
    return v ? (JSON.parse(v) as User) : null;
  } catch {
    return null;
  }
}

type AuthState = { status: 'loading' } | { status: 'anonymous' } | { status: 'error'; error: unknown } | { status: 'signed-in'; user: User };

export function App() {
  const { t } = useTranslation();
  const route = useHashRoute();
  const [auth, setAuth] = useState<AuthState>({ status: 'loading' });

  const signedIn = useCallback((s: Session) => {
    rememberUser(s.user);
    setCsrfToken(s.csrfToken);
    void adoptUserLocale(s.user.locale);
    setAuth({ status: 'signed-in', user: s.user });
  }, []);

  const signedOut = useCallback(() => {
    rememberUser(null);
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
        // the link is down at a post: carry on as the user last signed in on this device, so that
        // reports can be written (they wait in the outbox; the server checks the session on sending)
        else if (e instanceof ApiError && e.code === 'NETWORK' && lastUser()) setAuth({ status: 'signed-in', user: lastUser()! });
        else setAuth({ status: 'error', error: e });
      });
    // back online after starting offline: renew the session's CSRF token (the outbox needs it)
    const online = () => void api.get<Session>('/api/auth/me').then(signedIn, () => undefined);
    window.addEventListener('online', online);
    return () => {
      setUnauthenticatedHandler(null);
      window.removeEventListener('online', online);
    };
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
    route === 'events' && can(user, 'events:read') ? <EventsPage user={user} />
    : route === 'admin' && isAdmin ? <AdminPage />
    : route === 'federation' && can(user, 'federation:admin') ? <FederationPage />
    : route === 'screen' && can(user, 'screening:run') ? <ScreeningPage user={user} />
    : route === 'alerts' && can(user, 'alerts:read') ? <AlertsPage user={user} />
    : route === 'audit' && can(user, 'audit:read') ? <AuditPage />
    : route === 'profile' ? <ProfilePage user={user} />
    : route === 'warnings' && can(user, 'warnings:read') ? <WarningsPage user={user} />
    : route === 'risk' && can(user, 'assessments:read') ? <RiskPage />
    : route === 'risk-report' && can(user, 'assessments:read') ? <RiskReportPage />
    : route === 'liaison' && can(user, 'liaison:read') ? <LiaisonPage canDashboard={can(user, 'cooperation:read')} />
    : route === 'meetings' && can(user, 'meetings:read') ? <MeetingsPage user={user} />
    : route === 'operations' && can(user, 'operations:read') ? <OperationsPage user={user} />
    : route === 'customs' && can(user, 'trade:read') ? <CustomsPage stateCode={user.state} canConfigure={can(user, 'trade:configure')} />
    : route === 'partners' && can(user, 'partners:read') ? <PartnersPage user={user} />
    : route === 'recommendations' && can(user, 'partners:read') ? <RecommendationsPage />
    : <MapPage initiatives={can(user, 'partners:read')} />;
  return (
    <StreamProvider key={auth.user.id}>
      <div className="app-shell">
        <Header user={auth.user} route={route} onLogout={() => void logout()} />
        {can(user, 'assessments:read') && <RiskNotifier />}
        <Suspense
          fallback={
            <p className="page-loading" role="status">
              {t('app.loading')}
            </p>
          }
        >
          {page}
        </Suspense>
      </div>
    </StreamProvider>
  );
}
