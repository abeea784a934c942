import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { TLP_LEVELS, type Tlp, type User } from '../../types.ts';
import { APP_LOCALES, LOCALES } from '../../i18n/locales.ts';
import { formatNumber, useLocale } from '../../util.ts';
import { CATEGORIES, CREDIBILITY, RELIABILITY, SEVERITIES, type Category, type EventFeature, type Severity } from './model.ts';
import { sendReport } from './outbox.ts';
import { PhotoPicker } from './PhotoPicker.tsx';

/** "YYYY-MM-DDTHH:mm" in local time, for <input type="datetime-local">. */
function localInputValue(d: Date): string {
  const off = d.getTimezoneOffset() * 60_000;
  return new Date(d.getTime() - off).toISOString().slice(0, 16);
}

/**
 * The report form of a post. The location comes from a click on the map or is typed. Sending goes
 * through the outbox: kept in this browser first, so a report written with the link down waits
 * and goes when the link returns (with its Idempotency-Key: never twice).
 */
export function ReportForm({
  user,
  pickedAt,
  picking,
  onPick,
  onTyped,
  onDone,
}: {
  user: User;
  pickedAt: { lat: number; lon: number } | null;
  picking: boolean;
  onPick: () => void;
  onTyped: (p: { lat: number; lon: number } | null) => void;
  onDone: (createdId: string | null) => void;
}) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [category, setCategory] = useState<Category>('illegal_crossing');
  const [severity, setSeverity] = useState<Severity>('medium');
  const [occurredAt, setOccurredAt] = useState(() => localInputValue(new Date()));
  const [text, setText] = useState('');
  const [lang, setLang] = useState<string>(loc.lang);
  const [reliability, setReliability] = useState<string>('B');
  const [credibility, setCredibility] = useState<number>(2);
  const [tlp, setTlp] = useState<Tlp>('AMBER');
  const [submitNow, setSubmitNow] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [queued, setQueued] = useState(false);
  const [photos, setPhotos] = useState<File[]>([]);
  const [queuedPhotos, setQueuedPhotos] = useState(0);
  const [refused, setRefused] = useState<{ name: string; reason: string }[]>([]);
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const shownLat = pickedAt ? String(pickedAt.lat) : lat;
  const shownLon = pickedAt ? String(pickedAt.lon) : lon;

  function typed(nextLat: string, nextLon: string) {
    setLat(nextLat);
    setLon(nextLon);
    const a = Number(nextLat);
    const b = Number(nextLon);
    onTyped(nextLat && nextLon && Number.isFinite(a) && Number.isFinite(b) ? { lat: a, lon: b } : null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setQueued(false);
    setRefused([]);
    try {
      const body = {
        category,
        severity,
        occurredAt: new Date(occurredAt).toISOString(),
        location: { lat: Number(shownLat), lon: Number(shownLon) },
        narrative: { text, lang },
        grading: { reliability, credibility },
        marking: { tlp, releasableTo: { states: [], agencies: [], units: [] }, hops: 1 },
        submit: submitNow,
      };
      const r = await sendReport<EventFeature>(body, photos);
      if (r.state === 'queued') {
        setQueued(true);
        setQueuedPhotos(r.photos);
      } else if (r.refused.length > 0) {
        // the event is in; the photos the server would not take are named, not silently dropped
        setRefused(r.refused);
        setPhotos([]);
      } else onDone(r.event ? r.event.id : null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card report-form" data-testid="report-form" onSubmit={(e) => void submit(e)} noValidate={false}>
      <h2>{t('picture.report.title')}</h2>
      <label className="field">
        <span>{t('picture.filters.category')}</span>
        <select name="category" value={category} onChange={(e) => setCategory(e.target.value as Category)}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`picture.category.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('picture.columns.severity')}</span>
        <select name="severity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`picture.severity.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('picture.report.occurredAt')}</span>
        <input type="datetime-local" name="occurredAt" required value={occurredAt} max={localInputValue(new Date())} onChange={(e) => setOccurredAt(e.target.value)} />
      </label>
      <fieldset className="field location-field">
        <legend>{t('picture.report.location')}</legend>
        <button type="button" className="btn" data-testid="report-pick" aria-pressed={picking} onClick={onPick}>
          {picking ? t('picture.report.picking') : t('picture.report.pick')}
        </button>
        <label>
          <span>{t('picture.report.lat')}</span>
          <input name="lat" dir="ltr" inputMode="decimal" required value={shownLat} onChange={(e) => typed(e.target.value, shownLon)} />
        </label>
        <label>
          <span>{t('picture.report.lon')}</span>
          <input name="lon" dir="ltr" inputMode="decimal" required value={shownLon} onChange={(e) => typed(shownLat, e.target.value)} />
        </label>
      </fieldset>
      <label className="field">
        <span>{t('picture.report.narrative')}</span>
        <textarea name="narrative" required rows={4} dir="auto" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('picture.report.narrativeLang')}</span>
        <select name="lang" value={lang} onChange={(e) => setLang(e.target.value)}>
          {APP_LOCALES.map((l) => (
            <option key={l} value={l}>
              {LOCALES.find((x) => x.code === l)?.nativeName ?? l}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('picture.filters.reliability')}</span>
        <select name="reliability" value={reliability} onChange={(e) => setReliability(e.target.value)}>
          {RELIABILITY.map((r) => (
            <option key={r} value={r}>
              {r} — {t(`picture.reliabilityOf.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('picture.report.credibility')}</span>
        <select name="credibility" value={credibility} onChange={(e) => setCredibility(Number(e.target.value))}>
          {CREDIBILITY.map((c) => (
            <option key={c} value={c}>
              {c} — {t(`picture.credibilityOf.c${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('picture.report.tlp')}</span>
        <select name="tlp" value={tlp} onChange={(e) => setTlp(e.target.value as Tlp)}>
          {TLP_LEVELS.map((l) => (
            <option key={l} value={l}>
              TLP:{l}
            </option>
          ))}
        </select>
      </label>
      <PhotoPicker photos={photos} onChange={setPhotos} />
      <label className="check">
        <input type="checkbox" name="submit" checked={submitNow} onChange={(e) => setSubmitNow(e.target.checked)} />
        {t('picture.report.submitNow')}
      </label>
      <ErrorMessage error={error} testId="report-error" />
      {queued && (
        <p className="alert alert-warn" role="status" data-testid="report-queued">
          {t('picture.report.queued')} {queuedPhotos > 0 && t('situation.photoQueued', { n: formatNumber(queuedPhotos, loc.lang) })}
        </p>
      )}
      {refused.map((x) => (
        <p key={x.name} className="alert alert-error" role="alert" data-testid="photo-refused">
          {t('situation.photoFailed', { reason: `${x.name}: ${x.reason}` })}
        </p>
      ))}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" data-testid="report-send" disabled={busy || !user}>
          {t('picture.report.send')}
        </button>
        <button type="button" className="btn btn-quiet" onClick={() => onDone(null)}>
          {t('picture.report.cancel')}
        </button>
      </div>
    </form>
  );
}
