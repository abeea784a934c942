import { useEffect, useState } from 'react';
import { EventPhotos } from './EventPhotos.tsx';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatNumber, useLocale } from '../../util.ts';
import { TRANSITIONS, type EventFeature, type HistoryEntry, type Transition } from './model.ts';

/** One event: what, when, where, grading, narrative (as text, never HTML), history, and the workflow buttons the server allows. */
export function EventDetail({
  feature,
  sectionName,
  onClose,
  onChanged,
}: {
  feature: EventFeature;
  sectionName: (id: string | null) => string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [full, setFull] = useState<EventFeature>(feature);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState<'resolved' | 'did_not_happen'>('resolved');

  useEffect(() => {
    let gone = false;
    api.get<EventFeature>(`/api/events/${feature.id}`).then((f) => !gone && setFull(f), (e: unknown) => !gone && setError(e));
    api.get<{ items: HistoryEntry[] }>(`/api/events/${feature.id}/history`).then((h) => !gone && setHistory(h.items), () => undefined);
    return () => {
      gone = true;
    };
  }, [feature.id, feature.properties.version]);

  const p = full.properties;
  async function step(action: Transition) {
    setBusy(true);
    setError(null);
    try {
      const body = action === 'return' ? { comment } : action === 'close' ? { outcome, comment: comment || null } : {};
      const f = await api.change<EventFeature>('POST', `/api/events/${full.id}/${action}`, p.version, body);
      setFull(f);
      setComment('');
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const allowed = TRANSITIONS.filter((a) => p.abilities?.[a]);
  return (
    <section className="event-detail card" data-testid="event-detail" data-event-id={full.id} data-status={p.status} aria-labelledby="event-detail-title">
      <header className="event-detail-head">
        <h2 id="event-detail-title">
          {t(`picture.category.${p.category}`)} · <span className={`sev sev-${p.severity}`}>{t(`picture.severity.${p.severity}`)}</span>
        </h2>
        <button type="button" className="btn btn-quiet" onClick={onClose} aria-label={t('picture.detail.close')}>
          ×
        </button>
      </header>
      <dl className="event-facts">
        <dt>{t('picture.columns.status')}</dt>
        <dd data-testid="event-status">{t(`picture.status.${p.status}`)}</dd>
        <dt>{t('picture.detail.occurred')}</dt>
        <dd>{loc.date(p.occurredAt)}</dd>
        <dt>{t('picture.detail.reported')}</dt>
        <dd>{loc.date(p.reportedAt)}</dd>
        <dt>{t('picture.detail.location')}</dt>
        <dd>
          <bdi dir="ltr">
            {full.geometry ? `${full.geometry.coordinates[1].toFixed(4)}, ${full.geometry.coordinates[0].toFixed(4)}` : '—'}
          </bdi>
          {p.sectionId ? ` · ${sectionName(p.sectionId)}` : ''}
        </dd>
        <dt>{t('picture.detail.grading')}</dt>
        <dd>
          <bdi dir="ltr">
            {p.grading.reliability}
            {formatNumber(p.grading.credibility, loc.lang)}
          </bdi>{' '}
          — {t(`picture.reliabilityOf.${p.grading.reliability}`)}, {t(`picture.credibilityOf.c${p.grading.credibility as 1}`)}
        </dd>
        {p.marking && (
          <>
            <dt>{t('picture.detail.marking')}</dt>
            <dd>TLP:{p.marking.tlp}</dd>
          </>
        )}
      </dl>
      {p.returnComment && (
        <p className="alert alert-warn">
          {t('picture.detail.returnComment')}: <span dir="auto">{p.returnComment}</span>
        </p>
      )}
      <h3>{t('picture.detail.narrative')}</h3>
      {/* text, never HTML: narratives come from other posts and other states */}
      <p className="narrative" dir="auto" lang={p.narrative.lang} data-testid="event-narrative">
        {p.narrative.text}
      </p>
      {allowed.length > 0 && (
        <div className="workflow" data-testid="event-workflow">
          {(allowed.includes('return') || allowed.includes('close')) && (
            <label className="field">
              <span>{t('picture.detail.comment')}</span>
              <input value={comment} onChange={(e) => setComment(e.target.value)} data-testid="workflow-comment" />
            </label>
          )}
          {allowed.includes('close') && (
            <label className="field">
              <span>{t('picture.detail.outcome')}</span>
              <select value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)}>
                <option value="resolved">{t('picture.detail.outcomes.resolved')}</option>
                <option value="did_not_happen">{t('picture.detail.outcomes.did_not_happen')}</option>
              </select>
            </label>
          )}
          <div className="workflow-buttons">
            {allowed.map((a) => (
              <button key={a} type="button" className="btn" data-testid={`workflow-${a}`} disabled={busy || (a === 'return' && !comment.trim())} onClick={() => void step(a)}>
                {t(`picture.action.${a}`)}
              </button>
            ))}
          </div>
        </div>
      )}
      <ErrorMessage error={error} testId="event-error" />
      <EventPhotos eventId={full.id} version={p.version} />
      {history.length > 0 && (
        <details className="history" data-testid="event-history">
          <summary>{t('picture.detail.history')}</summary>
          <ol>
            {history.map((h) => (
              <li key={h.version}>
                {t('picture.detail.version', { v: formatNumber(h.version, loc.lang) })} · {loc.date(h.changedAt)} · {h.status ? t(`picture.status.${h.status}`) : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
