import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { UNIT_KINDS, type LocalizedName, type Unit, type UnitKind } from '../../types.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field, TextField } from '../../components/form/Field.tsx';
import { EMPTY_NAME, LocalizedNameInputs, useLocalizedNameLabels } from '../../components/form/LocalizedNameInputs.tsx';
import { OkMessage } from '../../components/form/OkMessage.tsx';
import { Options } from '../../components/form/Options.tsx';
import { SubmitButton } from '../../components/form/SubmitButton.tsx';
import { useApiForm } from '../../components/form/useApiForm.ts';
import type { Directory } from './directory.ts';
import { AgencyField } from './AgencyField.tsx';

function coordinate(v: string): number | null {
  const n = Number(v);
  return v.trim() === '' || !Number.isFinite(n) ? null : n;
}

export function CreateUnitForm({ dir, onCreated }: { dir: Directory; onCreated: () => Promise<void> }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<UnitKind>('border_post');
  const [agencyId, setAgencyId] = useState('');
  const [name, setName] = useState<LocalizedName>(EMPTY_NAME);
  const [lon, setLon] = useState('');
  const [lat, setLat] = useState('');
  const [locode, setLocode] = useState('');
  const form = useApiForm();
  const nameLabels = useLocalizedNameLabels();
  const labels: Record<string, string> = {
    kind: t('admin.kind'),
    agencyId: t('admin.agency'),
    name: t('admin.name'),
    location: t('admin.location'),
    'location.0': t('admin.longitude'),
    'location.1': t('admin.latitude'),
    locode: t('admin.locode'),
    ...nameLabels,
  };

  const submit = form.onSubmit(async () => {
    await api.post<Unit>('/api/units', {
      agencyId,
      kind,
      name,
      // an empty coordinate is sent as null (not 0) so that the server reports it
      location: [coordinate(lon), coordinate(lat)],
      ...(locode.trim() ? { locode: locode.trim().toUpperCase() } : {}),
    });
    form.succeed(true);
    setName(EMPTY_NAME);
    setLon('');
    setLat('');
    setLocode('');
    await onCreated();
  });

  return (
    <form className="card admin-form" onSubmit={submit} data-testid="create-unit-form">
      <h3>{t('admin.createUnit')}</h3>
      <ErrorMessage error={form.error} testId="create-unit-error" labels={labels} />
      {form.done && <OkMessage testId="create-unit-ok">{t('admin.unitCreated')}</OkMessage>}
      <div className="form-grid">
        <Field id="nn-kind" label={t('admin.kind')}>
          <select id="nn-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as UnitKind)}>
            <Options values={UNIT_KINDS} label={(k) => t(`unitKind.${k}`)} />
          </select>
        </Field>
        <AgencyField id="nn-agency" agencies={dir.agencies} value={agencyId} invalid={form.invalid('agencyId')} onChange={setAgencyId} />
        <LocalizedNameInputs idPrefix="nn-name" value={name} onChange={setName} invalid={form.invalid} />
        <TextField id="nn-lon" name="lon" label={t('admin.longitude')} type="number" step="any" min={-180} max={180} dir="ltr" required aria-invalid={form.invalid('location.0', 'location')} value={lon} onValueChange={setLon} />
        <TextField id="nn-lat" name="lat" label={t('admin.latitude')} type="number" step="any" min={-90} max={90} dir="ltr" required aria-invalid={form.invalid('location.1', 'location')} value={lat} onValueChange={setLat} />
        <TextField
          id="nn-locode"
          name="locode"
          label={
            <>
              {t('admin.locode')} <span className="muted">({t('admin.optional')})</span>
            </>
          }
          dir="ltr"
          maxLength={5}
          aria-invalid={form.invalid('locode')}
          value={locode}
          onValueChange={setLocode}
        />
      </div>
      <SubmitButton busy={form.busy} testId="create-unit-submit" label={t('admin.createUnit')} busyLabel={t('admin.creating')} />
    </form>
  );
}
