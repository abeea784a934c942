import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { can } from '../../permissions.ts';
import type { User } from '../../types.ts';
import { useApiData } from '../../useApiData.ts';
import { useHashId } from '../../useHashId.ts';
import { useLocale } from '../../util.ts';
import { AreaMap } from './AreaMap.tsx';
import { FigureBars } from './FigureBars.tsx';
import { FeatureError, findUnit, UnitPicker, useUnits } from './shared.tsx';
import type { Operation, OperationDetail } from './types.ts';

const loadOperations = () => api.get<{ items: Operation[] }>('/api/operations').then((r) => r.items);

/** Joint operations: the list, planning one on the map, and each plan with its reports and figures. */
export function OperationsPage({ user }: { user: User }) {
  const id = useHashId('operations');
  return id ? <OperationView id={id} /> : <OperationsList user={user} />;
}

function OperationsList({ user }: { user: User }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const { data, error } = useApiData(loadOperations, ['joint_operation']);
  return (
    <main className="content-page operations-page" data-testid="operations-page">
      <h1>{t('operations.title')}</h1>
      {error ? <FeatureError error={error} /> : null}
      <div className="meetings-grid">
        <section className="card">
          {data && data.length === 0 && <p>{t('operations.none')}</p>}
          <ul className="meeting-list" data-testid="operations-list">
            {(data ?? []).map((o) => (
              <li key={o.id} data-testid="operation-row">
                <a href={`#/operations/${o.id}`}>{o.name}</a>
                <span>
                  {loc.date(o.startDate)} – {loc.date(o.endDate)}
                </span>
                <span className={`badge operation-status-${o.status}`}>{t(`operations.statuses.${o.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
        {can(user, 'operations:write') && <PlanForm />}
      </div>
    </main>
  );
}

function PlanForm() {
  const { t } = useTranslation();
  const units = useUnits();
  const [name, setName] = useState('');
  const [aim, setAim] = useState('');
  const [ring, setRing] = useState<[number, number][]>([]);
  const [startDate, setStart] = useState('');
  const [endDate, setEnd] = useState('');
  const [plan, setPlan] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const area = { type: 'Polygon', coordinates: [ring.length ? [...ring, ring[0]!] : []] };
      const op = await api.post<Operation>('/api/operations', { name, aim, area, startDate, endDate, participantUnitIds: selected, communicationPlan: plan });
      window.location.hash = `#/operations/${op.id}`;
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section className="card" aria-labelledby="op-new">
      <h2 id="op-new">{t('operations.plan')}</h2>
      <form className="admin-form" onSubmit={(e) => void submit(e)} data-testid="plan-form">
        <label>
          {t('operations.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} data-testid="op-name" />
        </label>
        <label>
          {t('operations.aim')}
          <textarea rows={2} value={aim} onChange={(e) => setAim(e.target.value)} required data-testid="op-aim" />
        </label>
        <div>
          <span className="label">{t('operations.area')}</span>
          <p className="hint">{t('operations.areaHelp')}</p>
          <AreaMap ring={ring} onDraw={setRing} testId="draw-map" />
          <p>
            {t('operations.points', { count: ring.length })}{' '}
            <button type="button" className="btn btn-small btn-quiet" onClick={() => setRing([])}>
              {t('operations.clearArea')}
            </button>
          </p>
        </div>
        <label>
          {t('operations.startDate')}
          <input type="date" value={startDate} onChange={(e) => setStart(e.target.value)} required data-testid="op-start" />
        </label>
        <label>
          {t('operations.endDate')}
          <input type="date" value={endDate} onChange={(e) => setEnd(e.target.value)} required data-testid="op-end" />
        </label>
        <label>
          {t('operations.communicationPlan')}
          <textarea rows={2} value={plan} onChange={(e) => setPlan(e.target.value)} data-testid="op-comms" />
        </label>
        <div>
          <span className="label">{t('operations.participants')}</span>
          <UnitPicker units={units.filter((u) => u.kind !== 'crossing_point')} selected={selected} onChange={setSelected} testId="op-participants" />
        </div>
        {error ? <FeatureError error={error} testId="plan-error" /> : null}
        <button type="submit" className="btn btn-primary" data-testid="op-submit">
          {t('operations.create')}
        </button>
      </form>
    </section>
  );
}

function OperationView({ id }: { id: string }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const units = useUnits();
  const [op, setOp] = useState<OperationDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => api.get<OperationDetail>(`/api/operations/${id}`).then(setOp, setError), [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!op) return <main className="content-page operations-page">{error ? <FeatureError error={error} /> : <p role="status">{t('app.loading')}</p>}</main>;
  const daily = op.reports.filter((r) => r.kind === 'daily');
  const aar = op.reports.find((r) => r.kind === 'after_action');
  return (
    <main className="content-page operations-page" data-testid="operation-view">
      <p>
        <a href="#/operations">{t('operations.back')}</a>
      </p>
      <h1>{op.name}</h1>
      <p>
        <span className={`badge operation-status-${op.status}`}>{t(`operations.statuses.${op.status}`)}</span> {loc.date(op.startDate)} – {loc.date(op.endDate)}
      </p>
      <div className="meetings-grid">
        <section className="card">
          <h2>{t('operations.aim')}</h2>
          <p>{op.aim}</p>
          <h2>{t('operations.area')}</h2>
          <AreaMap ring={op.area.coordinates[0] ?? []} />
          <h2>{t('operations.participants')}</h2>
          <ul>
            {op.participants.map((p) => {
              const u = findUnit(units, p);
              return (
                <li key={p.unitId}>
                  {u ? loc.name(u.name) : p.unitRef} ({p.stateCode})
                </li>
              );
            })}
          </ul>
          <h2>{t('operations.communicationPlan')}</h2>
          <p>{op.communicationPlan}</p>
        </section>
        <section className="card">
          <h2>{aar ? t('operations.afterAction') : t('operations.figures')}</h2>
          <p className="hint">{t('operations.figuresHelp')}</p>
          <FigureBars figures={aar?.figures ?? op.figures} />
          {aar && (
            <>
              <p>{aar.summary}</p>
              {aar.lessons && (
                <>
                  <h3>{t('operations.lessons')}</h3>
                  <p>{aar.lessons}</p>
                </>
              )}
            </>
          )}
          {!aar && op.abilities.report && <AfterActionForm id={op.id} onSaved={load} />}
          <h2>{t('operations.dailyReports')}</h2>
          {daily.length === 0 && <p>{t('operations.noReports')}</p>}
          <ol className="daily-reports" data-testid="daily-reports">
            {daily.map((r) => (
              <li key={r.id}>
                <strong>{loc.date(r.day)}</strong> ({r.ownerState}) — {r.summary} · {t('operations.linkedEvents')}: {r.eventIds.length} · {t('operations.linkedSeizures')}: {r.seizureIds.length}
              </li>
            ))}
          </ol>
          {op.abilities.report && <DailyForm op={op} onSaved={load} />}
        </section>
      </div>
    </main>
  );
}

function DailyForm({ op, onSaved }: { op: OperationDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const [day, setDay] = useState(op.startDate);
  const [summary, setSummary] = useState('');
  const [events, setEvents] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function save(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api.post(`/api/operations/${op.id}/reports`, { day, summary, eventIds: events.split(/\s+/).filter(Boolean) });
      setSummary('');
      setEvents('');
      onSaved();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="admin-form" onSubmit={(e) => void save(e)} data-testid="daily-form">
      <h3>{t('operations.addDaily')}</h3>
      <label>
        {t('operations.day')}
        <input type="date" min={op.startDate} max={op.endDate} value={day} onChange={(e) => setDay(e.target.value)} required />
      </label>
      <label>
        {t('operations.summary')}
        <textarea rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </label>
      <label>
        {t('operations.eventIds')}
        <textarea rows={2} dir="ltr" value={events} onChange={(e) => setEvents(e.target.value)} />
      </label>
      {error ? <FeatureError error={error} /> : null}
      <button type="submit" className="btn">
        {t('operations.save')}
      </button>
    </form>
  );
}

function AfterActionForm({ id, onSaved }: { id: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState('');
  const [lessons, setLessons] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function save(e: React.FormEvent) {
    e.preventDefault();
    try {
      await api.post(`/api/operations/${id}/after-action`, { summary, lessons: lessons.trim() || null });
      onSaved();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="admin-form" onSubmit={(e) => void save(e)} data-testid="aar-form">
      <h3>{t('operations.writeAfterAction')}</h3>
      <label>
        {t('operations.summary')}
        <textarea rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </label>
      <label>
        {t('operations.lessons')}
        <textarea rows={2} value={lessons} onChange={(e) => setLessons(e.target.value)} />
      </label>
      {error ? <FeatureError error={error} /> : null}
      <button type="submit" className="btn">
        {t('operations.save')}
      </button>
    </form>
  );
}
