import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useRecordEvents } from '../../stream.tsx';
import { formatNumber, useLocale } from '../../util.ts';
import { Compose } from './Compose.tsx';
import type { ChannelView, HistoryItem } from './types.ts';

const TYPES = ['liaison_channel', 'liaison_message'] as const;

/** One channel as a newly posted officer needs it: procedures, counterpart contacts, open requests, history. */
export function ChannelPanel({ channelId, onChanged }: { channelId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [view, setView] = useState<ChannelView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setView(await api.get<ChannelView>(`/api/liaison/channels/${channelId}?lang=${loc.lang}`));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [channelId, loc.lang]);
  useEffect(() => void load(), [load]);
  useRecordEvents(TYPES, () => void load());
  // Liaison records are not announced on the live stream (its audience has no channel members,
  // so it fails closed): look again every half minute for the other side's answers.
  useEffect(() => {
    const timer = window.setInterval(() => void load(), 30_000);
    return () => window.clearInterval(timer);
  }, [load]);
  const changed = () => {
    void load();
    onChanged();
  };

  async function saveProcedures() {
    if (!view || editing === null) return;
    try {
      await api.change('PATCH', `/api/liaison/channels/${view.id}`, view.version, { procedures: editing });
      setEditing(null);
      changed();
    } catch (e) {
      setError(e);
    }
  }

  if (!view) return <ErrorMessage error={error} testId="channel-error" />;
  return (
    <section className="liaison-channel" data-testid="liaison-channel-view" aria-labelledby="liaison-channel-title">
      <h2 id="liaison-channel-title">{view.title}</h2>
      <ErrorMessage error={error} testId="channel-error" />
      <div className="liaison-continuity">
        <section aria-labelledby="liaison-procedures">
          <h3 id="liaison-procedures">{t('liaison.procedures')}</h3>
          {editing === null ? (
            <>
              <p className="liaison-procedures" data-testid="liaison-procedures">{view.procedures || t('liaison.noProcedures')}</p>
              {view.abilities.manage && <button type="button" onClick={() => setEditing(view.procedures)} data-testid="procedures-edit">{t('liaison.edit')}</button>}
            </>
          ) : (
            <>
              <textarea value={editing} onChange={(e) => setEditing(e.target.value)} rows={6} aria-label={t('liaison.procedures')} data-testid="procedures-text" />
              <button type="button" onClick={() => void saveProcedures()} data-testid="procedures-save">{t('liaison.save')}</button>
              <button type="button" onClick={() => setEditing(null)}>{t('liaison.cancel')}</button>
            </>
          )}
        </section>
        <section aria-labelledby="liaison-contacts">
          <h3 id="liaison-contacts">{t('liaison.contacts')}</h3>
          {view.counterpartContacts.length === 0 ? (
            <p>{t('liaison.noContacts')}</p>
          ) : (
            <ul className="liaison-contacts" data-testid="liaison-contacts">
              {view.counterpartContacts.map((c) => (
                <li key={`${c.unitRef}-${c.name}`}>
                  <strong>{c.name}</strong> — {c.position} ({c.state})
                  {c.phone && <> · <span dir="ltr">{c.phone}</span></>}
                  {c.radio && <> · {t('liaison.radio')}: <span dir="ltr">{c.radio}</span></>}
                  {c.languages.length > 0 && <> · {c.languages.map((l) => t(`liaison.languages.${l}`)).join(', ')}</>}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="liaison-open">
          <h3 id="liaison-open">{t('liaison.openRequests')}</h3>
          {view.openRequests.length === 0 ? (
            <p>{t('liaison.noOpenRequests')}</p>
          ) : (
            <ul data-testid="liaison-open-requests">
              {view.openRequests.map((r) => (
                <li key={r.id}>
                  <a href={`#msg-${r.id}`}>{r.rendered.title ?? t('liaison.messageKind.rfi')}</a> <StateBadge item={r} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <h3>{t('liaison.history')}</h3>
      {view.history.length === 0 && <p>{t('liaison.noMessages')}</p>}
      <ol className="liaison-history" data-testid="liaison-history">
        {view.history.map((m) => (
          <Message key={m.id} m={m} canWrite={view.abilities.write} onChanged={changed} date={loc.date} n={(v) => formatNumber(v, loc.lang, 1)} />
        ))}
      </ol>
      {view.abilities.write && <Compose channelId={view.id} lang={loc.lang} onSent={changed} />}
    </section>
  );
}

function StateBadge({ item }: { item: HistoryItem }) {
  const { t } = useTranslation();
  if (!item.rfi) return null;
  return (
    <span className={`liaison-state liaison-state-${item.rfi.state}`} data-testid="rfi-state" data-state={item.rfi.state}>
      {t(`liaison.state.${item.rfi.state}`)}
    </span>
  );
}

function Message({ m, canWrite, onChanged, date, n }: { m: HistoryItem; canWrite: boolean; onChanged: () => void; date: (d: string) => string; n: (v: number) => string }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<unknown>(null);
  const r = m.rendered;

  async function act(e: FormEvent | null, what: 'answer' | 'close') {
    e?.preventDefault();
    try {
      await api.post(`/api/liaison/rfis/${m.id}/${what}`, what === 'answer' ? { freeText: answer, lang: loc.lang } : { lang: loc.lang });
      setAnswer('');
      setError(null);
      onChanged();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <li id={`msg-${m.id}`} className={`liaison-message ${m.ours ? 'ours' : 'theirs'} kind-${m.kind}`} data-testid="liaison-message" data-kind={m.kind} data-id={m.id}>
      <header>
        <span className="liaison-kind">{t(`liaison.messageKind.${m.kind}`)}</span> ·{' '}
        <span>{m.ours ? t('liaison.ours') : t('liaison.theirs', { state: m.ownerState })}</span> · <span>{m.author.name}</span> ·{' '}
        <time dateTime={m.sentAt}>{date(m.sentAt)} {m.sentAt.slice(11, 16)}</time> <StateBadge item={m} />
      </header>
      {r.title && <p className="liaison-title" data-testid="message-title">{r.title}</p>}
      {r.text && <p data-testid="message-text">{r.text}</p>}
      {r.fields.length > 0 && (
        <dl className="liaison-fields">
          {r.fields.map((f) => (
            <div key={f.key}>
              <dt>{f.label}</dt>
              <dd data-testid={`field-${f.key}`}>
                {f.display}
                {f.transliterated && <small className="liaison-original"> ({t('liaison.originalSpelling', { value: f.value })})</small>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {r.freeText && (
        <blockquote className="liaison-free" lang={r.freeText.lang} data-testid="message-free-text">
          <small className="liaison-untranslated" data-testid="untranslated-label">{t('liaison.untranslated', { lang: t(`liaison.languages.${r.freeText.lang}`) })}</small>
          <p>{r.freeText.text}</p>
        </blockquote>
      )}
      {m.rfi && (
        <p className="liaison-rfi-meta">
          {t(`liaison.priority.${m.rfi.priority}`)} · {t('liaison.deadline', { at: `${date(m.rfi.deadline)} ${m.rfi.deadline.slice(11, 16)}` })}
          {m.rfi.responseHours !== null && <> · <span data-testid="rfi-response">{t('liaison.answeredIn', { h: n(m.rfi.responseHours) })}</span></>}
        </p>
      )}
      {m.rfi && canWrite && (m.rfi.state === 'open' || m.rfi.state === 'overdue') && !m.ours && (
        <form className="liaison-answer" onSubmit={(e) => void act(e, 'answer')} data-testid="answer-form">
          <textarea value={answer} onChange={(e) => setAnswer(e.target.value)} required rows={2} aria-label={t('liaison.answer')} placeholder={t('liaison.answerPlaceholder')} data-testid="answer-text" />
          <button type="submit" data-testid="answer-send">{t('liaison.sendAnswer')}</button>
        </form>
      )}
      {m.rfi && canWrite && m.rfi.state !== 'closed' && m.ours && (
        <button type="button" onClick={() => void act(null, 'close')} data-testid="rfi-close">{t('liaison.closeRfi')}</button>
      )}
      <ErrorMessage error={error} testId="message-error" />
    </li>
  );
}
