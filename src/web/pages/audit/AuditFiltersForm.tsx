import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, TextField } from '../../components/form/Field.tsx';
import { NO_FILTERS, type AuditFilters } from './types.ts';

export function AuditFiltersForm({ actions, initial, onApply }: { actions: string[]; initial: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<AuditFilters>(initial);
  const set = (k: keyof AuditFilters) => (v: string) => setF((prev) => ({ ...prev, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(f);
  };
  return (
    <form className="list-tools audit-filters" data-testid="audit-filters" onSubmit={submit} aria-label={t('audit.filters')}>
      <TextField id="au-actor" name="actor" dir="ltr" label={t('audit.actor')} placeholder={t('audit.actorPlaceholder')} value={f.actor} onValueChange={set('actor')} />
      <Field id="au-action" label={t('audit.action')}>
        <select id="au-action" name="action" dir="ltr" value={f.action} onChange={(e) => set('action')(e.target.value)}>
          <option value="">{t('audit.anyAction')}</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </Field>
      <TextField id="au-type" name="entityType" dir="ltr" label={t('audit.entityType')} value={f.entityType} onValueChange={set('entityType')} />
      <TextField id="au-id" name="entityId" dir="ltr" label={t('audit.entityId')} value={f.entityId} onValueChange={set('entityId')} />
      <TextField id="au-from" name="from" type="date" label={t('audit.from')} value={f.from} onValueChange={set('from')} />
      <TextField id="au-to" name="to" type="date" label={t('audit.to')} value={f.to} onValueChange={set('to')} />
      <button type="submit" className="btn" data-testid="audit-apply">
        {t('audit.apply')}
      </button>
      <button
        type="button"
        className="btn btn-quiet"
        data-testid="audit-reset"
        onClick={() => {
          setF(NO_FILTERS);
          onApply(NO_FILTERS);
        }}
      >
        {t('audit.reset')}
      </button>
    </form>
  );
}
