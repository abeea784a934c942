import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { REQUESTED_ACTIONS, type RequestedAction } from '../../../domain/screening/hit-vocabulary.ts';
import { useLocale } from '../../util.ts';
import type { HitReportView } from './hit-report-types.ts';

/**
 * Hit reports of the reader's side of each exchange: those its officers filed (with the alert
 * owner's answers) and those filed on its alerts by the other side (with a form to answer).
 */
export function HitReports({ refresh = 0 }: { refresh?: number }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const headingId = useId();
  const [items, setItems] = useState<HitReportView[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setItems((await api.get<{ items: HitReportView[] }>('/api/hit-reports')).items);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load, refresh]);

  const state = (code: string) => t(`country.${code}`, { defaultValue: code });
  return (
    <section className="card hit-reports" aria-labelledby={headingId} data-testid="hit-reports">
      <h2 id={headingId}>{t('hitReports.title')}</h2>
      <p className="muted">{t('hitReports.intro')}</p>
      <ErrorMessage error={error} testId="hit-reports-error" />
      {items && items.length === 0 && (
        <p className="muted" data-testid="hit-reports-empty">
          {t('hitReports.empty')}
        </p>
      )}
      {items && items.length > 0 && (
        <ul className="hit-report-list">
          {items.map((r) => (
            <li key={r.id} className="hit-report" data-testid="hit-report" data-id={r.id} data-local={r.local ? 'true' : 'false'}>
              <p>
                <strong>{t(`hitReports.actions.${r.body.action}`)}</strong>
                <span className="muted">
                  {' · '}
                  {r.local ? t('hitReports.sentTo', { state: state(r.body.alertOwnerState) }) : t('hitReports.receivedFrom', { state: state(r.body.reporterState) })}
                  {' · '}
                  {loc.date(r.body.observedAt)}
                </span>
              </p>
              <dl className="hit-facts">
                <dt>{t('hitReports.place')}</dt>
                <dd>
                  <bdi dir="auto">{r.body.place}</bdi>
                </dd>
                <dt>{t('hitReports.found')}</dt>
                <dd data-testid="hit-report-found-text">
                  <bdi dir="auto">{r.body.found}</bdi>
                </dd>
                {r.body.actionDetail && (
                  <>
                    <dt>{t('hitReports.actionDetail')}</dt>
                    <dd>
                      <bdi dir="auto">{r.body.actionDetail}</bdi>
                    </dd>
                  </>
                )}
              </dl>
              {r.answers.length === 0 ? (
                <p className="muted" data-testid="hit-report-unanswered">
                  {t('hitReports.noAnswer')}
                </p>
              ) : (
                <ul className="hit-answers">
                  {r.answers.map((a) => (
                    <li key={a.id} data-testid="hit-answer">
                      <strong>{t(`hitReports.requested.${a.body.requestedAction}`)}</strong>
                      <span className="muted"> · {t('hitReports.answeredBy', { state: state(a.ownerState) })} · {loc.date(a.body.answeredAt)}</span>
                      <p>
                        <bdi dir="auto">{a.body.information}</bdi>
                      </p>
                    </li>
                  ))}
                </ul>
              )}
              {r.abilities.answer && <AnswerForm reportId={r.id} onDone={() => void load()} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AnswerForm({ reportId, onDone }: { reportId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [information, setInformation] = useState('');
  const [requested, setRequested] = useState<RequestedAction>('none');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMissing(!information.trim());
    if (!information.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/hit-reports/${encodeURIComponent(reportId)}/answers`, { information: information.trim(), requestedAction: requested });
      setInformation('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="hit-answer-form" onSubmit={submit} noValidate data-testid="hit-answer-form">
      <div className="field">
        <label htmlFor={`${id}-req`}>{t('hitReports.requestedAction')}</label>
        <select id={`${id}-req`} value={requested} onChange={(e) => setRequested(e.target.value as RequestedAction)} data-testid="hit-answer-requested">
          {REQUESTED_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`hitReports.requested.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-info`}>{t('hitReports.information')}</label>
        <textarea id={`${id}-info`} dir="auto" rows={3} maxLength={2000} value={information} onChange={(e) => setInformation(e.target.value)} data-testid="hit-answer-information" />
      </div>
      {missing && (
        <p className="alert alert-error" role="alert">
          {t('hitReports.missing')}
        </p>
      )}
      <ErrorMessage error={error} testId="hit-answer-error" />
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="hit-answer-submit">
        {t('hitReports.answer')}
      </button>
    </form>
  );
}
