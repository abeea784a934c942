/** The form for a new warning (CAP info in one language, area as a circle or polygon). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorCodeOf } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useLocale } from '../../util.ts';
import { LOCALES } from '../../../domain/policy/roles.ts';
import { CAP_CERTAINTIES, CAP_SEVERITIES, CAP_URGENCIES } from '../../../domain/warnings/cap.ts';

export function CreateWarning({ onCreated }: { onCreated: (id: string) => void }) {
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
