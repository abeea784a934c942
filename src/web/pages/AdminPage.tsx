import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { LOCALES } from '../i18n/locales.ts';
import type { Agency, ListAnswer, LocalizedName, Role, State, Unit, UnitKind, User, UserLocale } from '../types.ts';
import { ROLES, UNIT_KINDS } from '../types.ts';
import { useRecordEvents } from '../stream.tsx';
import { useLocale } from '../util.ts';
import { ErrorMessage, invalidFields } from '../components/ErrorMessage.tsx';

interface Directory {
  users: User[];
  agencies: Agency[];
  units: Unit[];
  states: State[];
}

export function AdminPage() {
  const { t } = useTranslation();
  const [dir, setDir] = useState<Directory | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const [users, agencies, units, states] = await Promise.all([
        api.get<ListAnswer<User>>('/api/users'),
        api.get<ListAnswer<Agency>>('/api/agencies'),
        api.get<ListAnswer<Unit>>('/api/units'),
        api.get<ListAnswer<State>>('/api/states'),
      ]);
      setDir({ users: users.items, agencies: agencies.items, units: units.items, states: states.items });
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  useRecordEvents(['user', 'unit'], () => void load());

  return (
    <main className="admin-page" data-testid="admin-page">
      <h1>{t('admin.title')}</h1>
      <ErrorMessage error={error} testId="admin-error" />
      {!dir && !error && <p role="status">{t('app.loading')}</p>}
      {dir && (
        <>
          <UsersSection dir={dir} onChanged={load} setUsers={(users) => setDir({ ...dir, users })} />
          <UnitsSection dir={dir} onChanged={load} />
        </>
      )}
    </main>
  );
}

function UsersSection({ dir, onChanged, setUsers }: { dir: Directory; onChanged: () => Promise<void>; setUsers: (u: User[]) => void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [rowError, setRowError] = useState<unknown>(null);
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
          <thead>
            <tr>
              <th scope="col">{t('admin.username')}</th>
              <th scope="col">{t('admin.displayName')}</th>
              <th scope="col">{t('admin.roles')}</th>
              <th scope="col">{t('admin.agency')}</th>
              <th scope="col">{t('admin.unit')}</th>
              <th scope="col">{t('admin.locale')}</th>
              <th scope="col">{t('admin.createdAt')}</th>
              <th scope="col">{t('admin.status')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
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
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CreateUserForm dir={dir} onCreated={onChanged} />
    </section>
  );
}

function CreateUserForm({ dir, onCreated }: { dir: Directory; onCreated: () => Promise<void> }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [agencyId, setAgencyId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [locale, setLocale] = useState<UserLocale>(loc.lang);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const unitsOfAgency = useMemo(() => dir.units.filter((u) => u.agencyId === agencyId), [dir.units, agencyId]);
  const bad = invalidFields(error);
  const inv = (field: string) => (bad.has(field) ? true : undefined);
  const labels: Record<string, string> = {
    username: t('admin.username'),
    displayName: t('admin.displayName'),
    password: t('admin.password'),
    roles: t('admin.roles'),
    agencyId: t('admin.agency'),
    unitId: t('admin.unit'),
    locale: t('admin.locale'),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const created = await api.post<User>('/api/users', {
        username,
        displayName,
        password,
        roles,
        agencyId,
        unitId: unitId || null,
        locale,
      });
      setDone(created.username ?? username);
      setUsername('');
      setDisplayName('');
      setPassword('');
      setRoles([]);
      setUnitId('');
      await onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card admin-form" onSubmit={submit} data-testid="create-user-form">
      <h3>{t('admin.createUser')}</h3>
      <ErrorMessage error={error} testId="create-user-error" labels={labels} />
      {done && (
        <p className="alert alert-ok" role="status" data-testid="create-user-ok">
          {t('admin.userCreated', { username: done })}
        </p>
      )}
      <div className="form-grid">
        <div className="field">
          <label htmlFor="nu-username">{t('admin.username')}</label>
          <input id="nu-username" name="username" dir="ltr" required aria-invalid={inv('username')} autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="nu-display">{t('admin.displayName')}</label>
          <input id="nu-display" name="displayName" required aria-invalid={inv('displayName')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="nu-password">{t('admin.password')}</label>
          <input
            id="nu-password"
            name="password"
            type="password"
            dir="ltr"
            required
            minLength={10}
            autoComplete="new-password"
            aria-describedby="nu-password-hint"
            aria-invalid={inv('password')}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <small id="nu-password-hint" className="muted">
            {t('admin.passwordHint')}
          </small>
        </div>
        <div className="field">
          <label htmlFor="nu-locale">{t('admin.locale')}</label>
          <select id="nu-locale" name="locale" value={locale} onChange={(e) => setLocale(e.target.value as UserLocale)}>
            {LOCALES.map((l) => (
              <option key={l.code} value={l.code} lang={l.htmlLang}>
                {l.nativeName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="nu-agency">{t('admin.agency')}</label>
          <select
            id="nu-agency"
            name="agencyId"
            required
            aria-invalid={inv('agencyId')}
            value={agencyId}
            onChange={(e) => {
              setAgencyId(e.target.value);
              setUnitId('');
            }}
          >
            <option value="">{t('admin.select')}</option>
            {dir.agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.stateCode} · {loc.name(a.name)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="nu-unit">{t('admin.unit')}</label>
          <select id="nu-unit" name="unitId" value={unitId} disabled={!agencyId} onChange={(e) => setUnitId(e.target.value)}>
            <option value="">{t('admin.noUnit')}</option>
            {unitsOfAgency.map((u) => (
              <option key={u.id} value={u.id}>
                {loc.name(u.name)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="roles-field" aria-invalid={inv('roles')}>
        <legend>{t('admin.roles')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="check">
            <input
              type="checkbox"
              name="roles"
              value={r}
              checked={roles.includes(r)}
              onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
            />
            {t(`roles.${r}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="create-user-submit">
        {busy ? t('admin.creating') : t('admin.createUser')}
      </button>
    </form>
  );
}

function UnitsSection({ dir, onChanged }: { dir: Directory; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const agencyName = (id: string) => loc.name(dir.agencies.find((a) => a.id === id)?.name) || id;
  const sorted = useMemo(
    () => [...dir.units].sort((a, b) => a.stateCode.localeCompare(b.stateCode) || a.kind.localeCompare(b.kind) || a.name.en.localeCompare(b.name.en)),
    [dir.units],
  );
  return (
    <section className="admin-section" aria-labelledby="units-heading">
      <h2 id="units-heading">{t('admin.units')}</h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="units-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('admin.kind')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('admin.agency')}</th>
              <th scope="col">{t('admin.locode')}</th>
              <th scope="col">{t('admin.location')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  {t('admin.empty')}
                </td>
              </tr>
            )}
            {sorted.map((u) => (
              <tr key={u.id} data-testid="unit-row" data-unit-id={u.id}>
                <td>{loc.name(u.name)}</td>
                <td>{t(`unitKind.${u.kind}`)}</td>
                <td>{loc.name(dir.states.find((s) => s.code === u.stateCode)?.name) || u.stateCode}</td>
                <td>{agencyName(u.agencyId)}</td>
                <td dir="ltr" className="mono cell-start">
                  {u.locode ?? '—'}
                </td>
                <td dir="ltr" className="mono nowrap cell-start" title={u.approximate ? t('map.approximate') : undefined}>
                  {u.location[1].toFixed(3)}, {u.location[0].toFixed(3)}
                  {u.approximate ? ' ≈' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CreateUnitForm dir={dir} onCreated={onChanged} />
    </section>
  );
}

function coordinate(v: string): number | null {
  const n = Number(v);
  return v.trim() === '' || !Number.isFinite(n) ? null : n;
}

const EMPTY_NAME: LocalizedName = { en: '', ru: '', tg: '', fa: '', ps: '' };

function CreateUnitForm({ dir, onCreated }: { dir: Directory; onCreated: () => Promise<void> }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [kind, setKind] = useState<UnitKind>('border_post');
  const [agencyId, setAgencyId] = useState('');
  const [name, setName] = useState<LocalizedName>(EMPTY_NAME);
  const [lon, setLon] = useState('');
  const [lat, setLat] = useState('');
  const [locode, setLocode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const bad = invalidFields(error);
  const inv = (field: string) => (bad.has(field) ? true : undefined);
  const labels: Record<string, string> = {
    kind: t('admin.kind'),
    agencyId: t('admin.agency'),
    name: t('admin.name'),
    location: t('admin.location'),
    'location.0': t('admin.longitude'),
    'location.1': t('admin.latitude'),
    locode: t('admin.locode'),
    ...Object.fromEntries(LOCALES.map((l) => [`name.${l.code}`, t('admin.nameIn', { language: l.nativeName })])),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api.post<Unit>('/api/units', {
        agencyId,
        kind,
        name,
        // an empty coordinate is sent as null (not 0) so that the server reports it
        location: [coordinate(lon), coordinate(lat)],
        ...(locode.trim() ? { locode: locode.trim().toUpperCase() } : {}),
      });
      setDone(true);
      setName(EMPTY_NAME);
      setLon('');
      setLat('');
      setLocode('');
      await onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card admin-form" onSubmit={submit} data-testid="create-unit-form">
      <h3>{t('admin.createUnit')}</h3>
      <ErrorMessage error={error} testId="create-unit-error" labels={labels} />
      {done && (
        <p className="alert alert-ok" role="status" data-testid="create-unit-ok">
          {t('admin.unitCreated')}
        </p>
      )}
      <div className="form-grid">
        <div className="field">
          <label htmlFor="nn-kind">{t('admin.kind')}</label>
          <select id="nn-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as UnitKind)}>
            {UNIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`unitKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="nn-agency">{t('admin.agency')}</label>
          <select id="nn-agency" name="agencyId" required aria-invalid={inv('agencyId')} value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
            <option value="">{t('admin.select')}</option>
            {dir.agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.stateCode} · {loc.name(a.name)}
              </option>
            ))}
          </select>
        </div>
        {LOCALES.map((l) => {
          const code = l.code as keyof LocalizedName;
          return (
            <div className="field" key={l.code}>
              <label htmlFor={`nn-name-${l.code}`}>{t('admin.nameIn', { language: l.nativeName })}</label>
              <input
                id={`nn-name-${l.code}`}
                name={`name.${l.code}`}
                lang={l.htmlLang}
                dir={l.dir}
                required
                aria-invalid={inv(`name.${l.code}`)}
                value={name[code]}
                onChange={(e) => setName({ ...name, [code]: e.target.value })}
              />
            </div>
          );
        })}
        <div className="field">
          <label htmlFor="nn-lon">{t('admin.longitude')}</label>
          <input id="nn-lon" name="lon" type="number" step="any" min={-180} max={180} dir="ltr" required aria-invalid={inv('location.0') ?? inv('location')} value={lon} onChange={(e) => setLon(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="nn-lat">{t('admin.latitude')}</label>
          <input id="nn-lat" name="lat" type="number" step="any" min={-90} max={90} dir="ltr" required aria-invalid={inv('location.1') ?? inv('location')} value={lat} onChange={(e) => setLat(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="nn-locode">
            {t('admin.locode')} <span className="muted">({t('admin.optional')})</span>
          </label>
          <input id="nn-locode" name="locode" dir="ltr" maxLength={5} aria-invalid={inv('locode')} value={locode} onChange={(e) => setLocode(e.target.value)} />
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="create-unit-submit">
        {busy ? t('admin.creating') : t('admin.createUnit')}
      </button>
    </form>
  );
}
