import { useTranslation } from 'react-i18next';
import type { User } from '../types.ts';
import { useStream } from '../stream.tsx';
import { useLocale } from '../util.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import type { Route } from '../App.tsx';
import { can } from '../permissions.ts';

export function Header({ user, route, onLogout }: { user: User; route: Route; onLogout: () => void }) {
  const { t } = useTranslation();
  const { date } = useLocale();
  const { status } = useStream();
  const isAdmin = user.roles.includes('administrator');
  return (
    <header className="app-header" data-testid="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name" data-testid="app-name">{t('app.name')}</span>
      </div>
      <nav className="main-nav" aria-label={t('nav.main')}>
        <a href="#/map" data-testid="nav-map" aria-current={route === 'map' ? 'page' : undefined}>
          {t('nav.map')}
        </a>
        {can(user, 'events:read') && (
          <a href="#/events" data-testid="nav-events" aria-current={route === 'events' ? 'page' : undefined}>
            {t('picture.nav')}
          </a>
        )}
        {can(user, 'screening:run') && (
          <a href="#/screen" data-testid="nav-screen" aria-current={route === 'screen' ? 'page' : undefined}>
            {t('nav.screen')}
          </a>
        )}
        {can(user, 'alerts:read') && (
          <a href="#/alerts" data-testid="nav-alerts" aria-current={route === 'alerts' ? 'page' : undefined}>
            {t('nav.alerts')}
          </a>
        )}
        {can(user, 'warnings:read') && (
          <a href="#/warnings" data-testid="nav-warnings" aria-current={route === 'warnings' ? 'page' : undefined}>
            {t('hazard.nav')}
          </a>
        )}
        {can(user, 'assessments:read') && (
          <a href="#/risk" data-testid="nav-risk" aria-current={route === 'risk' || route === 'risk-report' ? 'page' : undefined}>
            {t('risk.nav')}
          </a>
        )}
        {can(user, 'trade:read') && (
          <a href="#/customs" data-testid="nav-customs" aria-current={route === 'customs' ? 'page' : undefined}>
            {t('trade.nav')}
          </a>
        )}
        {can(user, 'liaison:read') && (
          <a href="#/liaison" data-testid="nav-liaison" aria-current={route === 'liaison' ? 'page' : undefined}>
            {t('liaison.nav')}
          </a>
        )}
        {can(user, 'meetings:read') && (
          <a href="#/meetings" data-testid="nav-meetings" aria-current={route === 'meetings' ? 'page' : undefined}>
            {t('meetings.nav')}
          </a>
        )}
        {can(user, 'operations:read') && (
          <a href="#/operations" data-testid="nav-operations" aria-current={route === 'operations' ? 'page' : undefined}>
            {t('operations.nav')}
          </a>
        )}
        {can(user, 'partners:read') && (
          <a href="#/partners" data-testid="nav-partners" aria-current={route === 'partners' ? 'page' : undefined}>
            {t('partners.nav')}
          </a>
        )}
        {can(user, 'partners:read') && (
          <a href="#/recommendations" data-testid="nav-recommendations" aria-current={route === 'recommendations' ? 'page' : undefined}>
            {t('partners.navRecommendations')}
          </a>
        )}
        {can(user, 'audit:read') && (
          <a href="#/audit" data-testid="nav-audit" aria-current={route === 'audit' ? 'page' : undefined}>
            {t('nav.audit')}
          </a>
        )}
        {can(user, 'federation:admin') && (
          <a href="#/federation" data-testid="nav-federation" aria-current={route === 'federation' ? 'page' : undefined}>
            {t('federation.nav')}
          </a>
        )}
        {isAdmin && (
          <a href="#/admin" data-testid="nav-admin" aria-current={route === 'admin' ? 'page' : undefined}>
            {t('nav.admin')}
          </a>
        )}
      </nav>
      <div className="header-tools">
        <span className={`live live-${status}`} data-testid="live-indicator" data-status={status} role="status">
          <span className="live-dot" aria-hidden="true" />
          {t(`live.${status}`)}
        </span>
        <time className="today" data-testid="today-date" dateTime={new Date().toISOString().slice(0, 10)} title={t('nav.today')}>
          {date(new Date())}
        </time>
        <LanguageSwitcher />
        <a
          href="#/profile"
          className="current-user"
          data-testid="current-user"
          title={t('nav.myAccountOf', { name: user.username })}
          aria-current={route === 'profile' ? 'page' : undefined}
        >
          {user.displayName}
        </a>
        <button type="button" className="btn btn-quiet" data-testid="logout" onClick={onLogout}>
          {t('nav.logout')}
        </button>
      </div>
    </header>
  );
}
