import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { HIT_ACTIONS, type HitAction } from '../../../domain/screening/hit-vocabulary.ts';
import type { HitRecordView, HitReportBody } from './hit-report-types.ts';

/**
 * After a confirmed hit: what was found, where, what was done. The report goes to the alert
 * owner's node (docs/screening.md "After a hit"); the owner's answer shows in the hit reports panel.
 */
export function HitReportForm({ screeningId, alertId, ownerState }: { screeningId: string; alertId: string; ownerState: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [action, setAction] = useState<HitAction>('entry_refused');
  const [found, setFound] = useState('');
  const [place, setPlace] = useState('');
  const [detail, setDetail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [filed, setFiled] = useState<HitRecordView<HitReportBody> | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setMissing(!found.trim() || !place.trim());
    if (!found.trim() || !place.trim()) return;
    setBusy(true);
    try {
      const body = { action, found: found.trim(), place: place.trim(), ...(detail.trim() ? { actionDetail: detail.trim() } : {}) };
      setFiled(await api.post<HitRecordView<HitReportBody>>(`/api/screenings/${encodeURIComponent(screeningId)}/hits/${encodeURIComponent(alertId)}/report`, body));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (filed) {
    return (
      <p className="hit-report-filed" role="status" data-testid="hit-report-filed" data-report-id={filed.id}>
        <strong>{t('hitReports.filed', { state: t(`country.${ownerState}`, { defaultValue: ownerState }) })}</strong>
      </p>
    );
  }
  return (
    <form className="hit-report-form" onSubmit={submit} noValidate data-testid="hit-report-form" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('hitReports.fileTitle')}</h4>
      <p className="muted">{t('hitReports.fileIntro', { state: t(`country.${ownerState}`, { defaultValue: ownerState }) })}</p>
      <div className="field">
        <label htmlFor={`${id}-action`}>{t('hitReports.action')}</label>
        <select id={`${id}-action`} value={action} onChange={(e) => setAction(e.target.value as HitAction)} data-testid="hit-report-action">
          {HIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`hitReports.actions.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-found`}>{t('hitReports.found')}</label>
        <textarea id={`${id}-found`} dir="auto" rows={3} maxLength={2000} value={found} onChange={(e) => setFound(e.target.value)} data-testid="hit-report-found" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-place`}>{t('hitReports.place')}</label>
        <input id={`${id}-place`} dir="auto" maxLength={200} value={place} onChange={(e) => setPlace(e.target.value)} data-testid="hit-report-place" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-detail`}>{t('hitReports.actionDetail')}</label>
        <textarea id={`${id}-detail`} dir="auto" rows={2} maxLength={1000} value={detail} onChange={(e) => setDetail(e.target.value)} data-testid="hit-report-detail" />
      </div>
      {missing && (
        <p className="alert alert-error" role="alert" data-testid="hit-report-missing">
          {t('hitReports.missing')}
        </p>
      )}
      {/* 409: HIT_NOT_CONFIRMED or HIT_REPORT_EXISTS (codes the generic error list does not carry) */}
      <ErrorMessage error={error} testId="hit-report-error" message={error instanceof ApiError && error.status === 409 ? t('hitReports.conflict') : undefined} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="hit-report-submit">
          {t('hitReports.submit')}
        </button>
      </div>
    </form>
  );
}
