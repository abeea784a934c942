import { useTranslation } from 'react-i18next';
import type { Agency } from '../../types.ts';
import { useLocale } from '../../util.ts';
import { Field } from '../../components/form/Field.tsx';

/** The required agency select of the admin forms ("TJ · Border Troops"). */
export function AgencyField({ id, agencies, value, invalid, onChange }: { id: string; agencies: Agency[]; value: string; invalid: true | undefined; onChange: (agencyId: string) => void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  return (
    <Field id={id} label={t('admin.agency')}>
      <select id={id} name="agencyId" required aria-invalid={invalid} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('admin.select')}</option>
        {agencies.map((a) => (
          <option key={a.id} value={a.id}>
            {a.stateCode} · {loc.name(a.name)}
          </option>
        ))}
      </select>
    </Field>
  );
}
