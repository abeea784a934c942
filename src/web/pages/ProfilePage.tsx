import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../types.ts';
import { useLocale } from '../util.ts';
import { TokensPanel } from '../components/TokensPanel.tsx';
import { ChangePasswordForm } from './profile/ChangePasswordForm.tsx';

/** "My account" (#/profile), for every signed-in user: who they are, their API tokens, their password. */
export function ProfilePage({ user }: { user: User }) {
  const { t } = useTranslation();
  const loc = useLocale();
  // A password change revokes every token: show the list again, and no secret that just died.
  const [generation, setGeneration] = useState(0);
  return (
    <main className="admin-page profile-page" data-testid="profile-page">
      <h1>{t('profile.title')}</h1>
      <dl className="profile-facts" data-testid="profile-facts">
        <dt>{t('admin.username')}</dt>
        <dd dir="ltr" className="mono" data-testid="profile-username">
          {user.username}
        </dd>
        <dt>{t('admin.displayName')}</dt>
        <dd>{user.displayName}</dd>
        <dt>{t('admin.roles')}</dt>
        <dd>{user.roles.map((r) => t(`roles.${r}`)).join(loc.dir === 'rtl' ? '، ' : ', ')}</dd>
        <dt>{t('admin.createdAt')}</dt>
        <dd>{loc.date(user.createdAt)}</dd>
      </dl>
      <p className="muted">{t('profile.tokensIntro')}</p>
      <TokensPanel key={generation} base="/api/me/tokens" username={user.username} title={t('profile.tokensTitle')} heading="h2" />
      <ChangePasswordForm onChanged={() => setGeneration((g) => g + 1)} />
    </main>
  );
}
