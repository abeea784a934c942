import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import type { Lang, Priority, TemplateView } from './types.ts';

const tomorrow = () => {
  const d = new Date(Date.now() + 2 * 86_400_000);
  d.setSeconds(0, 0);
  // datetime-local wants the local wall time without a zone.
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** A structured message from a template in the writer's language, optionally a request for information. */
export function Compose({ channelId, lang, onSent }: { channelId: string; lang: Lang; onSent: () => void }) {
  const { t } = useTranslation();
  const [templates, setTemplates] = useState<TemplateView[]>([]);
  const [templateId, setTemplateId] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [freeText, setFreeText] = useState('');
  const [asRfi, setAsRfi] = useState(false);
  const [deadline, setDeadline] = useState(tomorrow);
  const [priority, setPriority] = useState<Priority>('routine');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    api.get<{ items: TemplateView[] }>(`/api/liaison/templates?lang=${lang}`).then((r) => setTemplates(r.items), setError);
  }, [lang]);

  const template = templates.find((x) => x.id === templateId);
  const rfi = asRfi || template?.rfi === true;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setSent(false);
    try {
      await api.post(`/api/liaison/channels/${channelId}/messages`, {
        templateId: templateId || null,
        fields: templateId ? fields : {},
        freeText: freeText.trim() || null,
        lang,
        ...(rfi ? { rfi: { deadline: new Date(deadline).toISOString(), priority } } : {}),
      });
      setFields({});
      setFreeText('');
      setError(null);
      setSent(true);
      onSent();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="liaison-compose" onSubmit={submit} data-testid="liaison-compose">
      <h3>{t('liaison.compose')}</h3>
      <label>
        {t('liaison.template')}
        <select value={templateId} onChange={(e) => { setTemplateId(e.target.value); setFields({}); }} data-testid="compose-template">
          <option value="">{t('liaison.freeTextOnly')}</option>
          {templates.map((x) => (
            <option key={x.id} value={x.id}>{x.title}</option>
          ))}
        </select>
      </label>
      {template && <p className="liaison-template-text">{template.text}</p>}
      {template?.fields.map((f) => (
        <label key={f.key}>
          {f.label}
          {f.required && ' *'}
          <input
            name={f.key}
            data-testid={`compose-field-${f.key}`}
            required={f.required}
            type={f.kind === 'number' ? 'number' : 'text'}
            value={fields[f.key] ?? ''}
            onChange={(e) => setFields({ ...fields, [f.key]: e.target.value })}
          />
        </label>
      ))}
      <label>
        {t('liaison.freeText')}
        <textarea value={freeText} onChange={(e) => setFreeText(e.target.value)} rows={3} data-testid="compose-free-text" required={!templateId} />
      </label>
      <label className="liaison-inline">
        <input type="checkbox" checked={rfi} disabled={template?.rfi === true} onChange={(e) => setAsRfi(e.target.checked)} data-testid="compose-rfi" />
        {t('liaison.asRfi')}
      </label>
      {rfi && (
        <div className="liaison-rfi-fields">
          <label>
            {t('liaison.deadlineLabel')}
            <input type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} required data-testid="compose-deadline" />
          </label>
          <label>
            {t('liaison.priorityLabel')}
            <select value={priority} onChange={(e) => setPriority(e.target.value as Priority)} data-testid="compose-priority">
              {(['routine', 'priority', 'urgent'] as const).map((p) => (
                <option key={p} value={p}>{t(`liaison.priority.${p}`)}</option>
              ))}
            </select>
          </label>
        </div>
      )}
      <ErrorMessage error={error} testId="compose-error" />
      {sent && <p className="alert alert-ok" role="status" data-testid="compose-sent">{t('liaison.sent')}</p>}
      <button type="submit" disabled={busy} data-testid="compose-send">{t('liaison.send')}</button>
    </form>
  );
}
