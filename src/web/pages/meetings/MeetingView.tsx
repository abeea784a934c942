import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import type { User } from '../../types.ts';
import { useLocale } from '../../util.ts';
import { FeatureError, findUnit, useUnits, type UnitWithRef } from './shared.tsx';
import { formatInZone, type ActionItem, type ActionStatus, type MeetingDetail } from './types.ts';

/** A unit owner in the reader's language (this node's registry), a user by the name recorded. */
export function ownerLabel(a: ActionItem, units: readonly UnitWithRef[], name: (n: UnitWithRef['name']) => string): string {
  const u = a.owner.kind === 'unit' ? findUnit(units, a.owner) : undefined;
  return u ? name(u.name) : a.owner.label;
}

/** One meeting: agenda, attendance, minutes, decisions, and its action items followed until closed. */
export function MeetingView({ id }: { id: string; user: User }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const units = useUnits();
  const [m, setM] = useState<MeetingDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => api.get<MeetingDetail>(`/api/meetings/${id}`).then(setM, setError), [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!m) return <main className="content-page meetings-page">{error ? <FeatureError error={error} /> : <p role="status">{t('app.loading')}</p>}</main>;
  const unitName = (p: { unitId?: string; id?: string; unitRef: string | null }, fallback = '') => {
    const u = findUnit(units, p);
    return u ? loc.name(u.name) : fallback || p.unitRef || '';
  };
  return (
    <main className="content-page meetings-page" data-testid="meeting-view" data-meeting-id={m.id}>
      <p>
        <a href="#/meetings">{t('meetings.back')}</a>
      </p>
      <h1 data-testid="meeting-heading">{m.title}</h1>
      <p className="meeting-meta">
        <span className={`badge meeting-status-${m.status}`} data-testid="meeting-status">{t(`meetings.statuses.${m.status}`)}</span>{' '}
        {t('meetings.times', { start: formatInZone(m.startsAt, m.timeZone, loc.lang), end: formatInZone(m.endsAt, m.timeZone, loc.lang, false) })} ({t(`meetings.zones.${m.timeZone}`)}) · {m.location} ·{' '}
        {t('meetings.recordedBy', { state: m.ownerState })}
      </p>
      <div className="meetings-grid">
        <section className="card">
          <h2>{t('meetings.participants')}</h2>
          <ul data-testid="meeting-participants-list">
            {m.participants.map((p) => (
              <li key={p.unitId}>
                {unitName(p)} ({p.stateCode})
              </li>
            ))}
          </ul>
          <h2>{t('meetings.agenda')}</h2>
          <ol data-testid="meeting-agenda-list">
            {m.agenda.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ol>
          <h2>{t('meetings.attendance')}</h2>
          <ul>
            {m.attendance.map((a, i) => (
              <li key={i}>
                {a.position}
                {a.name ? ` — ${a.name}` : ''} · {a.unitRef ? unitName({ unitRef: a.unitRef }) : a.stateCode} · {a.present ? t('meetings.present') : t('meetings.absent')}
              </li>
            ))}
          </ul>
          <h2>{t('meetings.minutes')}</h2>
          <p className="minutes" data-testid="meeting-minutes">{m.minutes ?? t('meetings.noMinutes')}</p>
          <h2>{t('meetings.decisions')}</h2>
          <ul data-testid="meeting-decisions">
            {m.decisions.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
          {m.abilities.edit && <MinutesForm meeting={m} onSaved={load} />}
        </section>
        <section className="card" aria-labelledby="mt-actions">
          <h2 id="mt-actions">{t('meetings.actions')}</h2>
          <ActionsTable actions={m.actions} units={units} onChanged={load} />
          {m.abilities.addAction && <AddAction meeting={m} units={units} onAdded={load} />}
        </section>
      </div>
    </main>
  );
}

function MinutesForm({ meeting, onSaved }: { meeting: MeetingDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState(meeting.status);
  const [minutes, setMinutes] = useState(meeting.minutes ?? '');
  const [decisions, setDecisions] = useState(meeting.decisions.join('\n'));
  const [error, setError] = useState<unknown>(null);
  async function save(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api.patch(`/api/meetings/${meeting.id}`, { version: meeting.version, status, minutes: minutes.trim() || null, decisions: decisions.split('\n').map((s) => s.trim()).filter(Boolean) });
      onSaved();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="admin-form" onSubmit={(e) => void save(e)} data-testid="minutes-form">
      <label>
        {t('meetings.status')}
        <select value={status} onChange={(e) => setStatus(e.target.value as MeetingDetail['status'])} data-testid="minutes-status">
          {(['scheduled', 'held', 'cancelled'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`meetings.statuses.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('meetings.minutes')}
        <textarea rows={4} value={minutes} onChange={(e) => setMinutes(e.target.value)} data-testid="minutes-text" />
      </label>
      <label>
        {t('meetings.decisions')} <small>({t('meetings.decisionsHint')})</small>
        <textarea rows={3} value={decisions} onChange={(e) => setDecisions(e.target.value)} data-testid="minutes-decisions" />
      </label>
      {error ? <FeatureError error={error} /> : null}
      <button type="submit" className="btn" data-testid="minutes-save">
        {t('meetings.save')}
      </button>
    </form>
  );
}

function ActionsTable({ actions, units, onChanged }: { actions: ActionItem[]; units: UnitWithRef[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [error, setError] = useState<unknown>(null);
  async function change(a: ActionItem, status: ActionStatus) {
    setError(null);
    try {
      await api.post(`/api/actions/${a.id}/status`, { status });
      onChanged();
    } catch (err) {
      setError(err);
    }
  }
  if (actions.length === 0) return <p>{t('meetings.noActions')}</p>;
  return (
    <>
      <table className="data-table" data-testid="actions-table">
        <thead>
          <tr>
            <th>{t('meetings.action')}</th>
            <th>{t('meetings.owner')}</th>
            <th>{t('meetings.due')}</th>
            <th>{t('meetings.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <tr key={a.id} data-testid="action-row" data-action-id={a.id} data-status={a.status} data-overdue={a.overdue} className={a.overdue ? 'overdue' : undefined}>
              <td>{a.title}</td>
              <td>
                {ownerLabel(a, units, loc.name)} ({a.owner.stateCode})
              </td>
              <td>
                {loc.date(a.dueDate)}
                {a.overdue && <span className="badge badge-overdue">{t('meetings.overdue')}</span>}
              </td>
              <td data-testid="action-status">
                {t(`meetings.actionStatuses.${a.status}`)}
                {a.statusByState && <small> {t('meetings.changedBy', { state: a.statusByState })}</small>}
              </td>
              <td>
                {a.abilities.changeStatus && a.status === 'open' && (
                  <>
                    <button type="button" className="btn btn-small" data-testid="action-done" onClick={() => void change(a, 'done')}>
                      {t('meetings.markDone')}
                    </button>{' '}
                    <button type="button" className="btn btn-small btn-quiet" data-testid="action-drop" onClick={() => void change(a, 'dropped')}>
                      {t('meetings.drop')}
                    </button>
                  </>
                )}
                {a.abilities.changeStatus && a.status !== 'open' && (
                  <button type="button" className="btn btn-small btn-quiet" data-testid="action-reopen" onClick={() => void change(a, 'open')}>
                    {t('meetings.reopen')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? <FeatureError error={error} /> : null}
    </>
  );
}

function AddAction({ meeting, units, onAdded }: { meeting: MeetingDetail; units: UnitWithRef[]; onAdded: () => void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const owners = meeting.participants.map((p) => findUnit(units, p)).filter((u): u is UnitWithRef => u !== undefined);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function add(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api.post(`/api/meetings/${meeting.id}/actions`, { title, dueDate: due, ...(owner ? { owner: { kind: 'unit', id: owner } } : {}) });
      setTitle('');
      setDue('');
      onAdded();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="admin-form" onSubmit={(e) => void add(e)} data-testid="add-action-form">
      <h3>{t('meetings.addAction')}</h3>
      <label>
        {t('meetings.action')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={500} data-testid="action-title" />
      </label>
      <label>
        {t('meetings.owner')}
        <select value={owner} onChange={(e) => setOwner(e.target.value)} data-testid="action-owner">
          <option value="">—</option>
          {owners.map((u) => (
            <option key={u.id} value={u.id}>
              {loc.name(u.name)} ({u.stateCode})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('meetings.due')}
        <input type="date" value={due} onChange={(e) => setDue(e.target.value)} required data-testid="action-due" />
      </label>
      {error ? <FeatureError error={error} testId="action-error" /> : null}
      <button type="submit" className="btn" data-testid="action-add">
        {t('meetings.add')}
      </button>
    </form>
  );
}
