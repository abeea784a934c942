import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api.ts';
import { ErrorMessage, invalidFields } from '../../components/ErrorMessage.tsx';
import { formatNumber, useLocale } from '../../util.ts';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof WEEKDAYS)[number];
/** The editor's own server codes, translated in `crossingEditor.errors`. */
const OWN_CODES = ['HOURS_FORMAT', 'HOURS_ORDER', 'HOLIDAY_FORMAT', 'LOCODE_FORMAT', 'LOCODE_COUNTRY', 'CROSSING_POINT_NOT_OWN'] as const;

interface Profile {
  version: number;
  locode: string | null;
  utcOffsetMinutes: number;
  hours: Partial<Record<Weekday, { open: string; close: string }>>;
  lanes: { cargo: number; passenger: number };
  capacityTrucksPerDay: number;
  holidays?: string[];
}
interface Point {
  unitId: string;
  ref: string | null;
  name: Record<string, string>;
  stateCode: string;
  profile: Profile | null;
  abilities: { configure: boolean };
}

const dayName = (d: Weekday, lang: string) => new Intl.DateTimeFormat(lang === 'fa' ? 'fa-AF' : lang, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(d))));
const offsetLabel = (m: number) => `${m < 0 ? '−' : '+'}${Math.floor(Math.abs(m) / 60)}${Math.abs(m) % 60 ? `:${String(Math.abs(m) % 60).padStart(2, '0')}` : ''}`;

/**
 * The crossing points of the user's own side (trade:configure): working hours per weekday,
 * lanes, capacity, UN/LOCODE and yearly holidays, saved with If-Match. The server's checks
 * (HOURS_ORDER, LOCODE_COUNTRY …) come back as codes and are shown in the reader's language.
 */
export function CrossingPointsEditor({ onSaved }: { onSaved?: (unitId: string) => void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [points, setPoints] = useState<Point[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const load = useCallback(async () => {
    try {
      const items = (await request<{ items: Point[] }>('GET', '/api/crossing-points')).items;
      setPoints(items.filter((p) => p.abilities?.configure && p.profile));
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function submit(e: FormEvent<HTMLFormElement>, point: Point) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const hours: Profile['hours'] = {};
    for (const d of WEEKDAYS) {
      if (f.get(`open.${d}`) === 'on') hours[d] = { open: String(f.get(`opens.${d}`) ?? ''), close: String(f.get(`closes.${d}`) ?? '') };
    }
    const locode = String(f.get('locode') ?? '').trim();
    const body = {
      hours,
      lanes: { cargo: Number(f.get('cargo')), passenger: Number(f.get('passenger')) },
      capacityTrucksPerDay: Number(f.get('capacity')),
      locode: locode === '' ? null : locode,
      holidays: String(f.get('holidays') ?? '')
        .split(/[,;،\s]+/)
        .filter(Boolean),
    };
    setSaved(false);
    try {
      await request('PUT', `/api/crossing-points/${point.unitId}`, body, { 'if-match': `"${point.profile!.version}"` });
      setError(null);
      setEditing(null);
      setSaved(true);
      await load();
      onSaved?.(point.unitId);
    } catch (err) {
      setError(err);
      // Someone else saved in between: show the current profile to edit again.
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') await load();
    }
  }

  const serverCode = error instanceof ApiError ? error.serverCode : null;
  const own = OWN_CODES.find((c) => c === serverCode);
  const labels: Record<string, string> = { hours: t('crossingEditor.hoursShort'), holidays: t('crossingEditor.holidays'), locode: t('crossingEditor.locode'), lanes: t('crossingEditor.lanes'), capacityTrucksPerDay: t('crossingEditor.capacity') };
  const pointName = (p: Point) => p.name[loc.lang] ?? p.name.en ?? p.ref ?? p.unitId;
  // Times stay left to right inside right-to-left text (bidi would turn 08:00–20:00 around).
  const hoursSummary = (p: Profile) =>
    WEEKDAYS.filter((d) => p.hours[d]).map((d, i) => (
      <span key={d}>
        {i > 0 && ' · '}
        {dayName(d, loc.lang)}{' '}
        <span dir="ltr">
          {p.hours[d]!.open}–{p.hours[d]!.close}
        </span>
      </span>
    ));
  const bad = invalidFields(error);
  const invalid = (path: string) => (bad.has(path) ? true : undefined);

  const form = (p: Point) => {
    const pr = p.profile!;
    return (
      <form className="editor-form" data-testid="crossing-form" onSubmit={(e) => void submit(e, p)} noValidate>
        <fieldset>
          <legend>{t('crossingEditor.hours', { offset: offsetLabel(pr.utcOffsetMinutes) })}</legend>
          {WEEKDAYS.map((d) => (
            <div key={d} className="crossing-day" data-day={d} style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'end' }}>
              <label>
                <input type="checkbox" name={`open.${d}`} defaultChecked={pr.hours[d] !== undefined} data-testid={`crossing-open-${d}`} /> {dayName(d, loc.lang)}
              </label>{' '}
              <label>
                {t('crossingEditor.opens')} <input name={`opens.${d}`} type="time" dir="ltr" defaultValue={pr.hours[d]?.open ?? '08:00'} aria-invalid={invalid(`hours.${d}.open`)} data-testid={`crossing-opens-${d}`} />
              </label>{' '}
              <label>
                {t('crossingEditor.closes')} <input name={`closes.${d}`} type="time" dir="ltr" defaultValue={pr.hours[d]?.close ?? '17:00'} aria-invalid={invalid(`hours.${d}.close`)} data-testid={`crossing-closes-${d}`} />
              </label>
            </div>
          ))}
        </fieldset>
        <label>
          {t('crossingEditor.lanesCargo')} <input name="cargo" type="number" min={0} max={50} dir="ltr" defaultValue={pr.lanes.cargo} />
        </label>
        <label>
          {t('crossingEditor.lanesPassenger')} <input name="passenger" type="number" min={0} max={50} dir="ltr" defaultValue={pr.lanes.passenger} />
        </label>
        <label>
          {t('crossingEditor.capacity')} <input name="capacity" type="number" min={0} max={100000} dir="ltr" defaultValue={pr.capacityTrucksPerDay} />
        </label>
        <label>
          {t('crossingEditor.locode')} <input name="locode" dir="ltr" maxLength={10} defaultValue={pr.locode ?? ''} placeholder={t('crossingEditor.locodeHint')} aria-invalid={invalid('locode')} data-testid="crossing-locode" />
        </label>
        <label>
          {t('crossingEditor.holidays')} <input name="holidays" dir="ltr" defaultValue={(pr.holidays ?? []).join(', ')} placeholder={t('crossingEditor.holidaysHint')} aria-invalid={[...bad].some((f) => f.startsWith('holidays')) ? true : undefined} data-testid="crossing-holidays" />
        </label>
        <div className="editor-actions">
          <button type="submit" data-testid="crossing-save">
            {t('tradeEditor.save')}
          </button>
          <button type="button" onClick={() => (setEditing(null), setError(null))}>
            {t('tradeEditor.cancel')}
          </button>
        </div>
      </form>
    );
  };

  return (
    <section aria-labelledby="crossing-editor-h" className="trade-editor" data-testid="crossing-editor">
      <h2 id="crossing-editor-h">{t('crossingEditor.title')}</h2>
      <p className="muted">{t('crossingEditor.intro')}</p>
      {error !== null && <ErrorMessage error={error} testId="crossing-error" labels={labels} message={own ? t(`crossingEditor.errors.${own}`) : undefined} />}
      {saved && (
        <p className="ok" role="status" data-testid="crossing-saved">
          {t('tradeEditor.saved')}
        </p>
      )}
      {points && points.length === 0 && <p>{t('crossingEditor.none')}</p>}
      {points && points.length > 0 && (
        <table className="data-table" data-testid="crossing-points">
          <thead>
            <tr>
              <th>{t('crossingEditor.point')}</th>
              <th>{t('crossingEditor.hoursShort')}</th>
              <th>{t('crossingEditor.lanes')}</th>
              <th>{t('crossingEditor.capacity')}</th>
              <th>{t('crossingEditor.locode')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {points.map((p) => [
              <tr key={p.unitId} data-testid="crossing-row" data-ref={p.ref ?? ''}>
                <td>{pointName(p)}</td>
                <td>{hoursSummary(p.profile!)}</td>
                <td>
                  {formatNumber(p.profile!.lanes.cargo, loc.lang)} / {formatNumber(p.profile!.lanes.passenger, loc.lang)}
                </td>
                <td>{formatNumber(p.profile!.capacityTrucksPerDay, loc.lang)}</td>
                <td dir="ltr">{p.profile!.locode ?? '—'}</td>
                <td className="editor-actions">
                  <button type="button" data-testid="crossing-edit" onClick={() => (setEditing(p.unitId), setSaved(false), setError(null))}>
                    {t('tradeEditor.edit')}
                  </button>
                </td>
              </tr>,
              // The form takes the table's full width, under the point it edits.
              editing === p.unitId ? (
                <tr key={`${p.unitId}-form`}>
                  <td colSpan={6}>{form(p)}</td>
                </tr>
              ) : null,
            ])}
          </tbody>
        </table>
      )}
    </section>
  );
}
