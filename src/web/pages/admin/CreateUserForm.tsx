import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { LOCALES } from '../../i18n/locales.ts';
import { ROLES, type Role, type User, type UserLocale } from '../../types.ts';
import { useLocale } from '../../util.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field, TextField } from '../../components/form/Field.tsx';
import { CheckList } from '../../components/form/CheckList.tsx';
import { OkMessage } from '../../components/form/OkMessage.tsx';
import { SubmitButton } from '../../components/form/SubmitButton.tsx';
import { useApiForm } from '../../components/form/useApiForm.ts';
import type { Directory } from './directory.ts';
import { AgencyField } from './AgencyField.tsx';

export function CreateUserForm({ dir, onCreated }: { dir: Directory; onCreated: () => Promise<void> }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [agencyId, setAgencyId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [locale, setLocale] = useState<UserLocale>(loc.lang);
  const form = useApiForm<string>();

  const unitsOfAgency = useMemo(() => dir.units.filter((u) => u.agencyId === agencyId), [dir.units, agencyId]);
  const labels: Record<string, string> = {
    username: t('admin.username'),
    displayName: t('admin.displayName'),
    password: t('admin.password'),
    roles: t('admin.roles'),
    agencyId: t('admin.agency'),
    unitId: t('admin.unit'),
    locale: t('admin.locale'),
  };

  const submit = form.onSubmit(async () => {
    const created = await api.post<User>('/api/users', {
      username,
      displayName,
      password,
      roles,
      agencyId,
      unitId: unitId || null,
      locale,
    });
    form.succeed(created.username ?? username);
    setUsername('');
    setDisplayName('');
    setPassword('');
    setRoles([]);
    setUnitId('');
    await onCreated();
  });

  return (
    <form className="card admin-form" onSubmit={submit} data-testid="create-user-form">
      <h3>{t('admin.createUser')}</h3>
      <ErrorMessage error={form.error} testId="create-user-error" labels={labels} />
      {form.done && <OkMessage testId="create-user-ok">{t('admin.userCreated', { username: form.done })}</OkMessage>}
      <div className="form-grid">
        <TextField id="nu-username" name="username" label={t('admin.username')} dir="ltr" required aria-invalid={form.invalid('username')} autoComplete="off" value={username} onValueChange={setUsername} />
        <TextField id="nu-display" name="displayName" label={t('admin.displayName')} required aria-invalid={form.invalid('displayName')} value={displayName} onValueChange={setDisplayName} />
        <TextField
          id="nu-password"
          name="password"
          label={t('admin.password')}
          type="password"
          dir="ltr"
          required
          minLength={10}
          autoComplete="new-password"
          aria-describedby="nu-password-hint"
          aria-invalid={form.invalid('password')}
          value={password}
          onValueChange={setPassword}
        >
          <small id="nu-password-hint" className="muted">
            {t('admin.passwordHint')}
          </small>
        </TextField>
        <Field id="nu-locale" label={t('admin.locale')}>
          <select id="nu-locale" name="locale" value={locale} onChange={(e) => setLocale(e.target.value as UserLocale)}>
            {LOCALES.map((l) => (
              <option key={l.code} value={l.code} lang={l.htmlLang}>
                {l.nativeName}
              </option>
            ))}
          </select>
        </Field>
        <AgencyField
          id="nu-agency"
          agencies={dir.agencies}
          value={agencyId}
          invalid={form.invalid('agencyId')}
          onChange={(id) => {
            setAgencyId(id);
            setUnitId('');
          }}
        />
        <Field id="nu-unit" label={t('admin.unit')}>
          <select id="nu-unit" name="unitId" value={unitId} disabled={!agencyId} onChange={(e) => setUnitId(e.target.value)}>
            <option value="">{t('admin.noUnit')}</option>
            {unitsOfAgency.map((u) => (
              <option key={u.id} value={u.id}>
                {loc.name(u.name)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset className="roles-field" aria-invalid={form.invalid('roles')}>
        <legend>{t('admin.roles')}</legend>
        <CheckList name="roles" values={ROLES} selected={roles} onChange={setRoles} label={(r) => t(`roles.${r}`)} />
      </fieldset>
      <SubmitButton busy={form.busy} testId="create-user-submit" label={t('admin.createUser')} busyLabel={t('admin.creating')} />
    </form>
  );
}
