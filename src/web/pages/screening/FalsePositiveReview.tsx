import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Pager } from '../../components/Pager.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import type { Alert, FalsePositiveDecision, FalsePositivePage, FalsePositiveStatus, ListAnswer } from '../../types.ts';
import { useLocale } from '../../util.ts';

const PAGE = 20;
const FILTERS = ['active', 'all', 'expired', 'revoked'] as const;
type Filter = (typeof FILTERS)[number];
const STATUS_KEY: Record<FalsePositiveStatus, 'active' | 'expired' | 'revoked'> = { active: 'active', expired: 'expired', revoked: 'revoked' };

/**
 * Validators and commanders review their agency's false-positive decisions and undo the wrong
 * ones. The list names the alert and the officers, never the traveller (the server keeps only
 * keyed hashes of them).
 */
export function FalsePositiveReview() {
  const { t } = useTranslation();
  const loc = useLocale();
  const headingId = useId();
  const [filter, setFilter] = useState<Filter>('active');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<FalsePositivePage | null>(null);
  const [reasons, setReasons] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setPage(await api.get<FalsePositivePage>(`/api/false-positives?status=${filter}&limit=${PAGE}&offset=${offset}`));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [filter, offset]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    // The alert's reason, where the reviewer may see the alert, says more than its id.
    api
      .get<ListAnswer<Alert>>('/api/alerts')
      .then((list) => setReasons(new Map(list.items.map((a) => [a.id, a.reason]))))
      .catch(() => setReasons(new Map()));
  }, []);

  async function undo(fp: FalsePositiveDecision) {
    setBusyId(fp.id);
    try {
      await api.post(`/api/false-positives/${encodeURIComponent(fp.id)}/revoke`);
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusyId(null);
    }
  }

  const total = page?.total ?? 0;
  return (
    <section className="card fp-review" aria-labelledby={headingId} data-testid="fp-review">
      <h2 id={headingId}>{t('falsePositives.title')}</h2>
      <p className="muted">{t('falsePositives.intro')}</p>
      <div className="field fp-filter">
        <label htmlFor={`${headingId}-status`}>{t('falsePositives.status')}</label>
        <select
          id={`${headingId}-status`}
          value={filter}
          data-testid="fp-filter"
          onChange={(e) => {
            setFilter(e.target.value as Filter);
            setOffset(0);
          }}
        >
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`falsePositives.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={error} testId="fp-error" />
      {page && page.items.length === 0 ? (
        <p className="muted" data-testid="fp-empty">
          {t('falsePositives.empty')}
        </p>
      ) : (
        page && (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('falsePositives.alert')}</th>
                  <th scope="col">{t('falsePositives.decidedBy')}</th>
                  <th scope="col">{t('falsePositives.decidedAt')}</th>
                  <th scope="col">{t('falsePositives.expiresAt')}</th>
                  <th scope="col">{t('falsePositives.status')}</th>
                  <th scope="col">{t('falsePositives.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((fp) => (
                  <tr key={fp.id} data-testid="fp-row" data-id={fp.id} data-alert-id={fp.alertId} data-status={fp.status}>
                    <td>
                      <bdi dir="auto">{reasons.get(fp.alertId) ?? t('falsePositives.alertNotVisible')}</bdi>
                      <br />
                      <code className="muted" dir="ltr">{fp.alertId.slice(0, 8)}</code>
                    </td>
                    <td>
                      <bdi dir="ltr">{fp.decidedBy.username ?? fp.decidedBy.id.slice(0, 8)}</bdi>
                    </td>
                    <td>{loc.date(fp.decidedAt)}</td>
                    <td>{loc.date(fp.expiresAt)}</td>
                    <td>
                      <span className={`status-pill ${fp.status === 'active' ? 'status-on' : 'status-off'}`}>{t(`falsePositives.${STATUS_KEY[fp.status]}`)}</span>
                      {fp.revokedBy && (
                        <small className="muted">
                          {' '}
                          {t('falsePositives.revokedBy', { user: fp.revokedBy.username ?? fp.revokedBy.id.slice(0, 8) })}
                        </small>
                      )}
                    </td>
                    <td>
                      {fp.status === 'active' && (
                        <button type="button" className="btn" disabled={busyId !== null} onClick={() => void undo(fp)} data-testid="fp-undo">
                          {t('falsePositives.undo')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
      <Pager
        offset={offset}
        pageSize={PAGE}
        total={total}
        onOffset={setOffset}
        labels={{ newer: t('falsePositives.newer'), older: t('falsePositives.older'), range: (f) => t('falsePositives.range', f) }}
        testId="fp"
      />
    </section>
  );
}
