import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { can } from '../../permissions.ts';
import type { User } from '../../types.ts';
import { useApiData } from '../../useApiData.ts';
import { useHashId } from '../../useHashId.ts';
import { useLocale } from '../../util.ts';
import { MeetingView, ownerLabel } from './MeetingView.tsx';
import { FeatureError, UnitPicker, useUnits } from './shared.tsx';
import { formatInZone, localToInstant, type ActionItem, type Meeting, type MeetingZone } from './types.ts';

const loadMeetings = () => api.get<{ items: Meeting[] }>('/api/meetings').then((r) => r.items);
const loadActions = () => api.get<{ items: ActionItem[] }>('/api/actions').then((r) => r.items);

/** BLO meetings: upcoming and past, the follow-up list of action items, scheduling and the calendar feed. */
export function MeetingsPage({ user }: { user: User }) {
  const id = useHashId('meetings');
  if (id) return <MeetingView id={id} user={user} />;
  return <MeetingsList user={user} />;
}

function MeetingsList({ user }: { user: User }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const { data, error, reload } = useApiData(loadMeetings, ['meeting']);
  const actions = useApiData(loadActions, ['action_item', 'action_update']);
  const units = useUnits();
  const now = Date.now();
  const upcoming = (data ?? []).filter((m) => Date.parse(m.endsAt) > now);
  const past = (data ?? []).filter((m) => Date.parse(m.endsAt) <= now).reverse();
  const openActions = (actions.data ?? []).filter((a) => a.status === 'open');
  const row = (m: Meeting) => (
    <li key={m.id} data-testid="meeting-row" data-meeting-id={m.id} data-status={m.status}>
      <a href={`#/meetings/${m.id}`}>{m.title}</a>
      <span className="meeting-when">{formatInZone(m.startsAt, m.timeZone, loc.lang)}</span>
      <span className="meeting-where">{m.location}</span>
      <span className={`badge meeting-status-${m.status}`}>{t(`meetings.statuses.${m.status}`)}</span>
    </li>
  );
  return (
    <main className="content-page meetings-page" data-testid="meetings-page">
      <h1>{t('meetings.title')}</h1>
      {error ? <FeatureError error={error} /> : null}
      <div className="meetings-grid">
        <section className="card" aria-labelledby="mt-upcoming">
          <h2 id="mt-upcoming">{t('meetings.upcoming')}</h2>
          {upcoming.length ? <ul className="meeting-list" data-testid="upcoming-meetings">{upcoming.map(row)}</ul> : <p>{t('meetings.none')}</p>}
          <h2>{t('meetings.past')}</h2>
          {past.length ? <ul className="meeting-list" data-testid="past-meetings">{past.map(row)}</ul> : <p>{t('meetings.none')}</p>}
        </section>
        <div>
          {can(user, 'meetings:write') && <ScheduleForm user={user} onCreated={(m) => { void reload(); window.location.hash = `#/meetings/${m.id}`; }} />}
          <Subscribe />
          <section className="card" aria-labelledby="mt-follow">
            <h2 id="mt-follow">{t('meetings.followUp')}</h2>
            {openActions.length === 0 ? (
              <p>{t('meetings.noActions')}</p>
            ) : (
              <ul className="action-follow" data-testid="follow-up">
                {openActions.map((a) => (
                  <li key={a.id} className={a.overdue ? 'overdue' : undefined}>
                    <a href={`#/meetings/${a.meetingId}`}>{a.title}</a> — {ownerLabel(a, units, loc.name)} · {t('meetings.due')} {loc.date(a.dueDate)}
                    {a.overdue && <span className="badge badge-overdue">{t('meetings.overdue')}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </main>
  );
}

function Subscribe() {
  const { t } = useTranslation();
  const url = `${window.location.origin}/api/meetings.ics`;
  return (
    <section className="card" aria-labelledby="mt-sub" data-testid="meetings-subscribe">
      <h2 id="mt-sub">{t('meetings.subscribe')}</h2>
      <output dir="ltr" className="mono ics-url" data-testid="ics-url">{url}</output>
      <p>{t('meetings.subscribeHelp')}</p>
      <a href="#/profile">{t('meetings.subscribeLink')}</a>
    </section>
  );
}

function ScheduleForm({ user, onCreated }: { user: User; onCreated: (m: Meeting) => void }) {
  const { t } = useTranslation();
  const units = useUnits();
  const [title, setTitle] = useState('');
  const [starts, setStarts] = useState('');
  const [hours, setHours] = useState('2');
  const [zone, setZone] = useState<MeetingZone>(user.state === 'AF' ? 'Asia/Kabul' : 'Asia/Dushanbe');
  const [location, setLocation] = useState('');
  const [agenda, setAgenda] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  // The user's own unit and the one facing it, ticked to start with.
  const mine = units.find((u) => u.id === user.unitId);
  useEffect(() => {
    if (mine && selected.length === 0) setSelected([mine.id, ...(mine.pairedWithId ? [mine.pairedWithId] : [])]);
  }, [mine, selected.length]);

  const submit = useCallback(
    async (e: React.FormEvent) => {
      e.preventDefault();
      setError(null);
      try {
        const startsAt = starts ? localToInstant(starts, zone) : '';
        const endsAt = starts ? new Date(Date.parse(startsAt) + Number(hours) * 3_600_000).toISOString() : '';
        const m = await api.post<Meeting>('/api/meetings', { title, startsAt, endsAt, timeZone: zone, location, participantUnitIds: selected, agenda: agenda.split('\n').map((s) => s.trim()).filter(Boolean) });
        onCreated(m);
      } catch (err) {
        setError(err);
      }
    },
    [title, starts, hours, zone, location, selected, agenda, onCreated],
  );

  return (
    <section className="card" aria-labelledby="mt-new">
      <h2 id="mt-new">{t('meetings.schedule')}</h2>
      <form className="admin-form meeting-form" onSubmit={(e) => void submit(e)} data-testid="schedule-form">
        <label>
          {t('meetings.meetingTitle')}
          <input data-testid="meeting-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
        </label>
        <label>
          {t('meetings.starts')}
          <input type="datetime-local" data-testid="meeting-starts" value={starts} onChange={(e) => setStarts(e.target.value)} required />
        </label>
        <label>
          {t('meetings.duration')}
          <input type="number" min="0.5" max="72" step="0.5" data-testid="meeting-hours" value={hours} onChange={(e) => setHours(e.target.value)} />
        </label>
        <label>
          {t('meetings.timeZone')}
          <select data-testid="meeting-zone" value={zone} onChange={(e) => setZone(e.target.value as MeetingZone)}>
            <option value="Asia/Dushanbe">{t('meetings.zones.Asia/Dushanbe')}</option>
            <option value="Asia/Kabul">{t('meetings.zones.Asia/Kabul')}</option>
          </select>
        </label>
        <label>
          {t('meetings.location')}
          <input data-testid="meeting-location" value={location} onChange={(e) => setLocation(e.target.value)} required maxLength={300} />
        </label>
        <label>
          {t('meetings.agenda')} <small>({t('meetings.agendaHint')})</small>
          <textarea data-testid="meeting-agenda" rows={3} value={agenda} onChange={(e) => setAgenda(e.target.value)} />
        </label>
        <div>
          <span className="label">{t('meetings.participants')}</span>
          <UnitPicker units={units.filter((u) => u.kind !== 'crossing_point')} selected={selected} onChange={setSelected} testId="meeting-participants" />
        </div>
        {error ? <FeatureError error={error} testId="schedule-error" /> : null}
        <button type="submit" className="btn btn-primary" data-testid="schedule-submit">
          {t('meetings.create')}
        </button>
      </form>
    </section>
  );
}
