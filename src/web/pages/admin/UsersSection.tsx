import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { LOCALES } from '../../i18n/locales.ts';
import type { User } from '../../types.ts';
import { useLocale } from '../../util.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import type { Directory } from './directory.ts';
import { CreateUserForm } from './CreateUserForm.tsx';
import { TokensPanel } from '../../components/TokensPanel.tsx';

export function UsersSection({ dir, onChanged, setUsers }: { dir: Directory; onChanged: () => Promise<void>; setUsers: (u: User[]) => void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [rowError, setRowError] = useState<unknown>(null);
  const [tokensOf, setTokensOf] = useState<string | null>(null);
  const tokensUser = dir.users.find((u) => u.id === tokensOf);
  const agencyName = (id: string) => loc.name(dir.agencies.find((a) => a.id === id)?.name) || id;
  const unitName = (id: string | null) => (id ? loc.name(dir.units.find((u) => u.id === id)?.name) || id : '—');

  async function toggle(u: User) {
    setRowError(null);
    try {
      const updated = await api.patch<User>(`/api/users/${encodeURIComponent(u.id)}`, { disabled: !u.disabled });
      setUsers(dir.users.map((x) => (x.id === u.id ? { ...x, ...updated } : x)));
    } catch (e) {
      setRowError(e);
    }
  }

  return (
    <section className="admin-section" aria-labelledby="users-heading">
      <h2 id="users-heading">{t('admin.users')}</h2>
      <ErrorMessage error={rowError} testId="users-error" />
      <div className="table-scroll">
        <table className="data-table" data-testid="users-table">
          <TableHead
            labels={[
              t('admin.username'),
              t('admin.displayName'),
              t('admin.roles'),
              t('admin.agency'),
              t('admin.unit'),
              t('admin.locale'),
              t('admin.createdAt'),
              t('admin.status'),
              t('admin.actions'),
            ]}
          />
          <tbody>
            {dir.users.map((u) => (
              <tr key={u.id} data-testid="user-row" data-username={u.username} className={u.disabled ? 'row-disabled' : undefined}>
                <td dir="ltr" className="mono cell-start">
                  {u.username}
                </td>
                <td>{u.displayName}</td>
                <td>{u.roles.map((r) => t(`roles.${r}`)).join(loc.dir === 'rtl' ? '، ' : ', ')}</td>
                <td>{agencyName(u.agencyId)}</td>
                <td>{unitName(u.unitId)}</td>
                <td>{LOCALES.find((l) => l.code === u.locale)?.nativeName ?? u.locale}</td>
                <td className="nowrap">{loc.date(u.createdAt)}</td>
                <td>
                  <span className={`status-pill ${u.disabled ? 'status-off' : 'status-on'}`}>
                    {u.disabled ? t('admin.disabled') : t('admin.active')}
                  </span>
                </td>
                <td>
                  <button type="button" className="btn btn-small" data-testid="toggle-user" onClick={() => void toggle(u)}>
                    {u.disabled ? t('admin.enable') : t('admin.disable')}
                  </button>{' '}
                  <button type="button" className="btn btn-small" data-testid="user-tokens" aria-pressed={tokensOf === u.id} onClick={() => setTokensOf(tokensOf === u.id ? null : u.id)}>
                    {t('tokens.button')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* keyed by user: a secret shown for one user must not stay on screen for the next */}
      {tokensUser && (
        <TokensPanel
          key={tokensUser.id}
          base={`/api/users/${encodeURIComponent(tokensUser.id)}/tokens`}
          username={tokensUser.username}
          title={t('tokens.title', { username: tokensUser.username })}
          onClose={() => setTokensOf(null)}
        />
      )}
      <CreateUserForm dir={dir} onCreated={onChanged} />
    </section>
  );
}
