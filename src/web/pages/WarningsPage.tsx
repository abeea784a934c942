import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorCodeOf } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { can } from '../permissions.ts';
import type { LocalizedName, User } from '../types.ts';
import { useApiData } from '../useApiData.ts';
import { formatNumber, useLocale } from '../util.ts';
import { LOCALES } from '../../domain/policy/roles.ts';
import { CAP_CERTAINTIES, CAP_SEVERITIES, CAP_URGENCIES, type CapInfo } from '../../domain/warnings/cap.ts';

type Localized = LocalizedName;
export interface WarningItem {
  id: string;
  version: number;
  ownerState: string;
  active: boolean;
  cancelled: boolean;
  crossBorder: boolean;
  severity: (typeof CAP_SEVERITIES)[number];
  info: CapInfo;
  cap: { sent: string; identifier: string; msgType: string };
  capUrl: string;
  abilities: { update: boolean; cancel: boolean };
}
interface WarningDetail extends WarningItem {
  affected: { sections: { id: string; name: Localized }[]; units: { id: string; name: Localized; stateCode: string }[]; communities: { id: string; name: Localized; stateCode: string }[] };
}
interface Gauge {
  id: string;
  name: Localized;
  river: string;
  stateCode: string;
  thresholds: { watchCm: number; warningCm: number; dangerCm: number };
  latest: { at: string; levelCm: number } | null;
  level: 'normal' | 'watch' | 'warning' | 'danger' | null;
}
interface Reading {
  at: string;
  levelCm: number;
}
interface SectionDamage {
  sectionId: string | null;
  sectionName: Localized | null;
  reports: number;
  byKind: Record<string, number>;
  peopleAffected: number;
  peopleDisplaced: number;
  needs: Record<string, number>;
  states: string[];
}
interface Gap {
  kind: string;
  byState: Record<string, number>;
  gapEverywhere: boolean;
  missingIn: string[];
}

const lang = () => document.documentElement.lang || 'en';
const loadWarnings = () => api.get<{ items: WarningItem[] }>(`/api/warnings?lang=${lang()}`);
const loadGauges = () => api.get<{ items: Gauge[] }>('/api/gauges');
const loadDamage = () => api.get<{ items: SectionDamage[] }>('/api/damage/summary');
const loadResources = () => api.get<{ states: string[]; gaps: Gap[] }>('/api/resources');

type Tab = 'warnings' | 'gauges' | 'damage';

export function WarningsPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('warnings');
  return (
    <main className="content-page warnings-page" data-testid="warnings-page">
      <h1>{t('hazard.title')}</h1>
      <div className="tabs" role="tablist">
        {(['warnings', 'gauges', 'damage'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} data-testid={`tab-${k}`} onClick={() => setTab(k)}>
            {t(k === 'warnings' ? 'hazard.tabWarnings' : k === 'gauges' ? 'hazard.tabGauges' : 'hazard.tabDamage')}
          </button>
        ))}
      </div>
      {tab === 'warnings' && <WarningsTab user={user} />}
      {tab === 'gauges' && <GaugesTab />}
      {tab === 'damage' && <DamageTab />}
    </main>
  );
}

function WarningsTab({ user }: { user: User }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const { data, error, reload } = useApiData(loadWarnings, ['warning']);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="warnings-layout">
      <section className="card" aria-label={t('hazard.tabWarnings')}>
        <ErrorMessage error={error} />
        {data && data.items.length === 0 && <p>{t('hazard.none')}</p>}
        {data && data.items.length > 0 && (
          <table className="data-table" data-testid="warnings-table">
            <thead>
              <tr>
                <th>{t('hazard.severity')}</th>
                <th>{t('hazard.headline')}</th>
                <th>{t('hazard.sent')}</th>
                <th>{t('hazard.expires')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((w) => (
                <tr key={w.id} data-testid="warning-row" onClick={() => setSelected(w.id)} className={selected === w.id ? 'selected' : undefined}>
                  <td>
                    <span className={`severity severity-${w.severity}`}>{t(`hazard.severities.${w.severity}`)}</span>
                  </td>
                  <td>
                    <button type="button" className="link-button" onClick={() => setSelected(w.id)}>
                      {w.info.headline ?? w.info.event}
                    </button>{' '}
                    {w.crossBorder && <span className="badge">{t('hazard.bothBanks')}</span>}{' '}
                    <span className="badge">{w.cancelled ? t('hazard.cancelled') : w.active ? t('hazard.inForce') : t('hazard.expired')}</span>
                  </td>
                  <td>{loc.date(w.cap.sent)}</td>
                  <td>{w.info.expires ? loc.date(w.info.expires) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {selected && <WarningDetailView id={selected} onChanged={() => void reload()} />}
      {can(user, 'warnings:write') && <CreateWarning onCreated={(id) => { void reload(); setSelected(id); }} />}
    </div>
  );
}

function WarningDetailView({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const fetcher = useCallback(() => api.get<WarningDetail>(`/api/warnings/${id}?lang=${lang()}`), [id]);
  const { data: w, error, reload } = useApiData(fetcher, ['warning']);
  const [actionError, setActionError] = useState<unknown>(null);
  if (error) return <ErrorMessage error={error} />;
  if (!w) return null;
  const i = w.info;
  const cancel = async () => {
    try {
      await api.change('POST', `/api/warnings/${w.id}/cancel`, w.version);
      await reload();
      onChanged();
    } catch (e) {
      setActionError(e);
    }
  };
  const field = (label: string, value: string | null) =>
    value ? (
      <>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </>
    ) : null;
  return (
    <section className="card warning-detail" data-testid="warning-detail" lang={i.language} dir={i.language.startsWith('fa') || i.language.startsWith('ps') ? 'rtl' : undefined}>
      <h2>{i.headline ?? i.event}</h2>
      <dl>
        {field(t('hazard.event'), i.event)}
        {field(t('hazard.severity'), t(`hazard.severities.${i.severity}`))}
        {field(t('hazard.urgency'), t(`hazard.urgencies.${i.urgency}`))}
        {field(t('hazard.certainty'), t(`hazard.certainties.${i.certainty}`))}
        {field(t('hazard.description'), i.description)}
        {field(t('hazard.instruction'), i.instruction)}
        {field(t('hazard.area'), i.area.map((a) => a.areaDesc).join('; '))}
        {field(t('hazard.sent'), loc.date(w.cap.sent))}
        {field(t('hazard.expires'), i.expires ? loc.date(i.expires) : null)}
        {field(t('hazard.language'), i.language)}
      </dl>
      <h3>{t('hazard.reaches')}</h3>
      <dl data-testid="warning-affected">
        {field(t('hazard.sections'), w.affected.sections.map((s) => loc.name(s.name)).join(', '))}
        {field(t('hazard.posts'), w.affected.units.map((u) => `${loc.name(u.name)} (${u.stateCode})`).join(', '))}
        {field(t('hazard.villages'), w.affected.communities.map((c) => `${loc.name(c.name)} (${c.stateCode})`).join(', '))}
      </dl>
      <p className="form-actions">
        <a href={w.capUrl} target="_blank" rel="noreferrer" data-testid="cap-link">
          {t('hazard.capXml')}
        </a>{' '}
        <a href="/api/warnings.atom" target="_blank" rel="noreferrer">
          {t('hazard.atom')}
        </a>{' '}
        {w.abilities.cancel && (
          <button type="button" className="danger" data-testid="cancel-warning" onClick={() => void cancel()}>
            {t('hazard.cancel')}
          </button>
        )}
      </p>
      <ErrorMessage error={actionError} />
    </section>
  );
}

function CreateWarning({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [f, setF] = useState({ language: loc.code as string, event: '', headline: '', description: '', instruction: '', severity: 'Severe', urgency: 'Immediate', certainty: 'Likely', areaDesc: '', shape: 'circle', lat: '37.49', lon: '71.55', radiusKm: '10', polygon: '', expiresH: '48' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    try {
      const polygon = f.polygon.trim() ? [f.polygon.trim().split(/\s+/).map((p) => p.split(',').map(Number) as [number, number])] : [];
      const area = f.shape === 'circle' ? { areaDesc: f.areaDesc, circle: [{ center: [Number(f.lat), Number(f.lon)], radiusKm: Number(f.radiusKm) }] } : { areaDesc: f.areaDesc, polygon };
      const expires = `${new Date(Date.now() + Number(f.expiresH) * 3600_000).toISOString().slice(0, 19)}+00:00`;
      const opt = (v: string) => (v.trim() ? v.trim() : null);
      const info = { language: f.language, category: ['Met'], event: f.event, urgency: f.urgency, severity: f.severity, certainty: f.certainty, headline: opt(f.headline), description: opt(f.description), instruction: opt(f.instruction), expires, area: [area] };
      const created = await api.post<{ id: string }>('/api/warnings', { info: [info] });
      setError(null);
      setDone(true);
      onCreated(created.id);
    } catch (err) {
      setError(err);
      void errorCodeOf(err);
    }
  };
  const select = (k: 'severity' | 'urgency' | 'certainty', values: readonly string[], group: string) => (
    <label>
      {t(`hazard.${k}`)}
      <select value={f[k]} onChange={set(k)} data-testid={`warning-${k}`}>
        {values.map((v) => (
          <option key={v} value={v}>
            {t(`hazard.${group}.${v}` as 'hazard.severities.Severe')}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form className="card form-grid" onSubmit={(e) => void submit(e)} data-testid="warning-form">
      <h2>{t('hazard.create')}</h2>
      <label>
        {t('hazard.language')}
        <select value={f.language} onChange={set('language')}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('hazard.event')}
        <input required value={f.event} onChange={set('event')} data-testid="warning-event" />
      </label>
      <label>
        {t('hazard.headline')}
        <input value={f.headline} onChange={set('headline')} data-testid="warning-headline" />
      </label>
      <label>
        {t('hazard.description')}
        <textarea value={f.description} onChange={set('description')} />
      </label>
      <label>
        {t('hazard.instruction')}
        <textarea value={f.instruction} onChange={set('instruction')} />
      </label>
      {select('severity', CAP_SEVERITIES, 'severities')}
      {select('urgency', CAP_URGENCIES, 'urgencies')}
      {select('certainty', CAP_CERTAINTIES, 'certainties')}
      <label>
        {t('hazard.areaDesc')}
        <input required value={f.areaDesc} onChange={set('areaDesc')} data-testid="warning-area" />
      </label>
      <fieldset>
        <legend>{t('hazard.areaShape')}</legend>
        <label>
          <input type="radio" name="shape" value="circle" checked={f.shape === 'circle'} onChange={set('shape')} /> {t('hazard.circle')}
        </label>
        <label>
          <input type="radio" name="shape" value="polygon" checked={f.shape === 'polygon'} onChange={set('shape')} /> {t('hazard.polygon')}
        </label>
      </fieldset>
      {f.shape === 'circle' ? (
        <>
          <label>
            {t('hazard.lat')}
            <input inputMode="decimal" dir="ltr" value={f.lat} onChange={set('lat')} />
          </label>
          <label>
            {t('hazard.lon')}
            <input inputMode="decimal" dir="ltr" value={f.lon} onChange={set('lon')} />
          </label>
          <label>
            {t('hazard.radiusKm')}
            <input inputMode="decimal" dir="ltr" value={f.radiusKm} onChange={set('radiusKm')} />
          </label>
        </>
      ) : (
        <label>
          {t('hazard.polygon')}
          <textarea dir="ltr" value={f.polygon} onChange={set('polygon')} placeholder="37.55,71.45 37.55,71.65 37.4,71.65 37.55,71.45" />
          <small>{t('hazard.polygonHint')}</small>
        </label>
      )}
      <p className="form-actions">
        <button type="submit" data-testid="warning-submit">
          {t('hazard.submit')}
        </button>
        {done && <span role="status">{t('hazard.issued')}</span>}
      </p>
      <ErrorMessage error={error} />
    </form>
  );
}

/** Readings as a line with the watch, warning and danger levels drawn across (SVG, no chart library). */
export function GaugeChart({ readings, thresholds }: { readings: Reading[]; thresholds: Gauge['thresholds'] }) {
  const { t } = useTranslation();
  const W = 640;
  const H = 220;
  const pad = 36;
  if (readings.length === 0) return <p>{t('hazard.noReadings')}</p>;
  const times = readings.map((r) => Date.parse(r.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 1);
  const levels = [...readings.map((r) => r.levelCm), thresholds.dangerCm];
  const lo = Math.min(...levels) - 20;
  const hi = Math.max(...levels) + 20;
  const x = (ms: number) => pad + ((ms - t0) / (t1 - t0)) * (W - 2 * pad);
  const y = (cm: number) => H - pad + (-(cm - lo) / (hi - lo)) * (H - 2 * pad);
  const line = readings.map((r, k) => `${k === 0 ? 'M' : 'L'}${x(Date.parse(r.at)).toFixed(1)},${y(r.levelCm).toFixed(1)}`).join(' ');
  const rule = (cm: number, cls: string, label: string) => (
    <g className={`threshold threshold-${cls}`} key={cls} data-testid={`threshold-${cls}`}>
      <line x1={pad} x2={W - pad} y1={y(cm)} y2={y(cm)} />
      <text x={W - pad} y={y(cm) - 3} textAnchor="end">
        {label} {cm}
      </text>
    </g>
  );
  return (
    <svg className="gauge-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('hazard.chart')} data-testid="gauge-chart" direction="ltr">
      <text x={pad} y={14}>
        {t('hazard.chart')}
      </text>
      {rule(thresholds.watchCm, 'watch', t('hazard.levels.watch'))}
      {rule(thresholds.warningCm, 'warning', t('hazard.levels.warning'))}
      {rule(thresholds.dangerCm, 'danger', t('hazard.levels.danger'))}
      <path d={line} className="gauge-line" fill="none" />
    </svg>
  );
}

function GaugesTab() {
  const { t } = useTranslation();
  const loc = useLocale();
  const { data, error } = useApiData(loadGauges, ['gauge']);
  const [selected, setSelected] = useState<string | null>(null);
  const fetcher = useCallback(() => (selected ? api.get<Gauge & { readings: Reading[] }>(`/api/gauges/${selected}`) : Promise.resolve(null)), [selected]);
  const { data: detail } = useApiData(fetcher, ['gauge']);
  return (
    <section className="card">
      <ErrorMessage error={error} />
      {data && (
        <table className="data-table" data-testid="gauges-table">
          <thead>
            <tr>
              <th>{t('hazard.tabGauges')}</th>
              <th>{t('hazard.river')}</th>
              <th>{t('hazard.latest')}</th>
              <th>{t('hazard.level')}</th>
              <th>{t('hazard.thresholds')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((g) => (
              <tr key={g.id} data-testid="gauge-row" onClick={() => setSelected(g.id)}>
                <td>
                  <button type="button" className="link-button" onClick={() => setSelected(g.id)}>
                    {loc.name(g.name)}
                  </button>{' '}
                  ({g.stateCode})
                </td>
                <td>{g.river}</td>
                <td>{g.latest ? `${formatNumber(g.latest.levelCm, loc.lang)} · ${loc.date(g.latest.at)}` : '—'}</td>
                <td>{g.level ? <span className={`level level-${g.level}`}>{t(`hazard.levels.${g.level}`)}</span> : '—'}</td>
                <td dir="ltr">
                  {g.thresholds.watchCm} / {g.thresholds.warningCm} / {g.thresholds.dangerCm}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {detail && (
        <div className="gauge-detail">
          <h2>{loc.name(detail.name)}</h2>
          <GaugeChart readings={detail.readings} thresholds={detail.thresholds} />
        </div>
      )}
    </section>
  );
}

function DamageTab() {
  const { t } = useTranslation();
  const loc = useLocale();
  const damage = useApiData(loadDamage, ['damage']);
  const resources = useApiData(loadResources, ['resource']);
  const counts = (m: Record<string, number>, group: 'damageKinds' | 'needKinds') =>
    Object.entries(m)
      .map(([k, n]) => `${t(`hazard.${group}.${k}` as 'hazard.needKinds.food')} ×${n}`)
      .join(', ');
  return (
    <>
      <section className="card">
        <h2>{t('hazard.damageSummary')}</h2>
        <ErrorMessage error={damage.error} />
        {damage.data && (
          <table className="data-table" data-testid="damage-table">
            <thead>
              <tr>
                <th>{t('hazard.section')}</th>
                <th>{t('hazard.reports')}</th>
                <th>{t('hazard.affected')}</th>
                <th>{t('hazard.displaced')}</th>
                <th>{t('hazard.needs')}</th>
              </tr>
            </thead>
            <tbody>
              {damage.data.items.map((s) => (
                <tr key={s.sectionId ?? 'none'}>
                  <td>
                    {s.sectionName ? loc.name(s.sectionName) : t('hazard.outside')} ({s.states.join(', ')})
                  </td>
                  <td>
                    {s.reports}: {counts(s.byKind, 'damageKinds')}
                  </td>
                  <td>{formatNumber(s.peopleAffected, loc.lang)}</td>
                  <td>{formatNumber(s.peopleDisplaced, loc.lang)}</td>
                  <td>{counts(s.needs, 'needKinds')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2>{t('hazard.resources')}</h2>
        <ErrorMessage error={resources.error} />
        {resources.data && (
          <table className="data-table" data-testid="resources-table">
            <thead>
              <tr>
                <th>{t('hazard.kind')}</th>
                {resources.data.states.map((s) => (
                  <th key={s}>{s}</th>
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {resources.data.gaps.map((g) => (
                <tr key={g.kind} className={g.gapEverywhere ? 'gap' : undefined} data-testid={`resource-${g.kind}`}>
                  <td>{t(`hazard.resourceKinds.${g.kind}` as 'hazard.resourceKinds.boat')}</td>
                  {resources.data!.states.map((s) => (
                    <td key={s}>{formatNumber(g.byState[s] ?? 0, loc.lang)}</td>
                  ))}
                  <td>{g.gapEverywhere ? t('hazard.gapEverywhere') : g.missingIn.length ? t('hazard.missingIn', { states: g.missingIn.join(', ') }) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
