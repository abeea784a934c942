import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, upload } from '../api.ts';
import type { UnImportSummary } from '../types.ts';
import { formatNumber, formatPercent, useLocale } from '../util.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

type Phase = { kind: 'idle' } | { kind: 'uploading'; share: number } | { kind: 'processing' } | { kind: 'done'; summary: UnImportSummary };

const BARS = ['added', 'changed', 'removed', 'unchanged'] as const;

/** Upload the UN Security Council Consolidated List (XML) with a moving progress bar. */
export function UnImport({ onImported }: { onImported: () => Promise<void> }) {
  const { t } = useTranslation();
  const { lang } = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const busy = phase.kind === 'uploading' || phase.kind === 'processing';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setPhase({ kind: 'uploading', share: 0 });
    try {
      const summary = await upload<UnImportSummary>('/api/alerts/import/un', file, 'application/xml', (share) =>
        setPhase(share >= 1 ? { kind: 'processing' } : { kind: 'uploading', share }),
      );
      setPhase({ kind: 'done', summary });
      await onImported();
    } catch (err) {
      setError(err);
      setPhase({ kind: 'idle' });
    }
  }

  const share = phase.kind === 'uploading' ? phase.share : phase.kind === 'idle' ? 0 : 1;
  const unavailable = error instanceof ApiError && error.status === 404;
  return (
    <form className="card un-import" onSubmit={submit} data-testid="un-import-form">
      <h2>{t('unImport.title')}</h2>
      <p className="muted">{t('unImport.hint')}</p>
      <div className="field">
        <span className="field-label" id="un-file-label">
          {t('unImport.file')}
        </span>
        {/* The native file input speaks the browser's language: a translated label stands in for it. */}
        <div className="file-pick">
          <input
            id="un-file"
            className="visually-hidden"
            type="file"
            accept=".xml,application/xml,text/xml"
            aria-labelledby="un-file-label"
            data-testid="un-import-file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <label htmlFor="un-file" className="btn btn-small">
            {t('unImport.chooseFile')}
          </label>
          <span className={file ? 'file-name' : 'muted'} dir={file ? 'auto' : undefined} data-testid="un-import-file-name">
            {file ? file.name : t('unImport.noFile')}
          </span>
        </div>
      </div>
      <button type="submit" className="btn btn-primary" disabled={!file || busy} data-testid="un-import-submit">
        {t('unImport.upload')}
      </button>
      {phase.kind !== 'idle' && (
        <div className="upload-progress" data-testid="un-import-progress" data-phase={phase.kind}>
          <div
            className="progress-track"
            role="progressbar"
            aria-label={t('unImport.progress')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(share * 100)}
          >
            <div className={`progress-fill${phase.kind === 'processing' ? ' progress-busy' : ''}`} style={{ inlineSize: `${share * 100}%` }} />
          </div>
          <span className="muted" role="status">
            {phase.kind === 'uploading' ? t('unImport.uploading', { percent: formatPercent(share, lang) }) : phase.kind === 'processing' ? t('unImport.processing') : null}
          </span>
        </div>
      )}
      {unavailable ? (
        <p className="alert alert-error" role="alert" data-testid="un-import-error" data-error-code="NOT_FOUND">
          {t('unImport.unavailable')}
        </p>
      ) : (
        <ErrorMessage error={error} testId="un-import-error" />
      )}
      {phase.kind === 'done' && <Summary summary={phase.summary} />}
    </form>
  );
}

function Summary({ summary }: { summary: UnImportSummary }) {
  const { t } = useTranslation();
  const { lang } = useLocale();
  const max = Math.max(1, ...BARS.map((b) => summary[b]));
  return (
    <section className="import-summary" data-testid="un-import-summary" aria-labelledby="un-summary-heading">
      <h3 id="un-summary-heading">{t('unImport.summary')}</h3>
      <p className="muted small">
        {t('unImport.individuals', { n: formatNumber(summary.individuals, lang) })} · {t('unImport.withOriginalScript', { n: formatNumber(summary.withOriginalScript, lang) })}
      </p>
      <dl className="bar-chart">
        {BARS.map((b) => (
          <div key={b} className={`bar-row bar-${b}`} data-testid={`un-import-${b}`} data-value={summary[b]}>
            <dt>{t(`unImport.${b}`)}</dt>
            <dd>
              <span className="bar" style={{ inlineSize: `${(summary[b] / max) * 100}%` }} aria-hidden="true" />
              <span className="bar-value">{formatNumber(summary[b], lang)}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
