import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { TableHead } from '../components/TableHead.tsx';
import { formatNumber, useLocale } from '../util.ts';
import { AuditFiltersForm } from './audit/AuditFiltersForm.tsx';
import { AuditStatusPanel } from './audit/AuditStatusPanel.tsx';
import { NO_FILTERS, PAGE_SIZE, auditQuery, type AuditEntry, type AuditFilters, type AuditPageAnswer, type AuditStatus } from './audit/types.ts';

const WITHHELD = '[withheld]';

/** The audit log for commanders and administrators: filters, pages, and the chain's integrity. */
export function AuditPage() {
  const { t } = useTranslation();
  const loc = useLocale();
  const n = (v: number) => formatNumber(v, loc.lang);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditPageAnswer | null>(null);
  const [status, setStatus] = useState<AuditStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The newest seq of the first page under the current filters (our own reads are audited too).
  const snapshot = useRef<number | null>(null);

  const load = useCallback(async (f: AuditFilters, at: number) => {
    try {
      const [p, s] = await Promise.all([api.get<AuditPageAnswer>(`/api/audit?${auditQuery(f, at, snapshot.current)}`), api.get<AuditStatus>('/api/audit/status')]);
      if (snapshot.current === null) snapshot.current = p.items[0]?.seq ?? null;
      setPage(p);
      setStatus(s);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);

  useEffect(() => {
    void load(filters, offset);
  }, [load, filters, offset]);

  const value = (v: unknown): string => (v === WITHHELD ? t('audit.withheld') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
  const detail = (e: AuditEntry) =>
    Object.entries(e.detail)
      .map(([k, v]) => `${k}: ${value(v)}`)
      .join(' · ');

  return (
    <main className="content-page audit-page" data-testid="audit-page">
      <h1>{t('audit.title')}</h1>
      {status && <AuditStatusPanel status={status} />}
      <ErrorMessage error={error} testId="audit-error" />
      <AuditFiltersForm
        actions={page?.actions ?? []}
        initial={filters}
        onApply={(f) => {
          snapshot.current = null;
          setOffset(0);
          // A new object even when unchanged: Apply (and Clear) always reload the newest entries.
          setFilters({ ...f });
        }}
      />
      {!page && !error && <p role="status">{t('app.loading')}</p>}
      {page && (
        <>
          <div className="table-scroll">
            <table className="data-table" data-testid="audit-table">
              <TableHead labels={[t('audit.seq'), t('audit.at'), t('audit.actor'), t('audit.action'), t('audit.entity'), t('audit.detail')]} />
              <tbody>
                {page.items.length === 0 && (
                  <tr>
                    <td colSpan={6} className="muted" data-testid="audit-empty">
                      {t('audit.empty')}
                    </td>
                  </tr>
                )}
                {page.items.map((e) => (
                  <tr key={e.seq} data-testid="audit-row" data-seq={e.seq} data-action={e.action}>
                    <td className="nowrap">{n(e.seq)}</td>
                    <td className="nowrap small">
                      {loc.date(e.at)} <bdi dir="ltr">{e.at.slice(11, 19)}</bdi>
                    </td>
                    <td dir="ltr" className="mono cell-start" data-testid="audit-actor">
                      {e.actor.username ?? e.actor.id}
                    </td>
                    <td dir="ltr" className="mono cell-start">
                      {e.action}
                    </td>
                    <td dir="ltr" className="mono small cell-start">
                      {e.entityType}
                      {e.entityId ? ` ${e.entityId}` : ''}
                    </td>
                    <td className="small">
                      <bdi dir="ltr">{detail(e)}</bdi>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('audit.pages')} data-testid="audit-pager">
            <button type="button" className="btn btn-quiet" data-testid="audit-prev" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              {t('audit.prev')}
            </button>
            <span className="muted" data-testid="audit-range">
              {page.total === 0 ? t('audit.none') : t('audit.range', { from: n(offset + 1), to: n(offset + page.items.length), total: n(page.total) })}
            </span>
            <button type="button" className="btn btn-quiet" data-testid="audit-next" disabled={offset + PAGE_SIZE >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
              {t('audit.next')}
            </button>
          </nav>
        </>
      )}
    </main>
  );
}
