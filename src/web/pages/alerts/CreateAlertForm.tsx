import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { COUNTRY_CODES, HIT_ACTIONS, SUBJECT_KINDS, type Alert, type AlertBirthDate, type HitAction, type NameQuality, type SubjectKind, type Tlp } from '../../types.ts';
import { formatNumber, useLocale } from '../../util.ts';
import { parseBirthDate } from '../../i18n/dateInput.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field, TextField } from '../../components/form/Field.tsx';
import { CheckList } from '../../components/form/CheckList.tsx';
import { OkMessage } from '../../components/form/OkMessage.tsx';
import { Options } from '../../components/form/Options.tsx';
import { SubmitButton } from '../../components/form/SubmitButton.tsx';
import { useApiForm } from '../../components/form/useApiForm.ts';
import { MarkingFieldset } from './MarkingFieldset.tsx';

type BirthRow = { kind: AlertBirthDate['kind']; date: string; year: string; from: string; to: string };
const EMPTY_BIRTH: BirthRow = { kind: 'exact', date: '', year: '', from: '', to: '' };

export function CreateAlertForm({ onCreated }: { onCreated: () => Promise<void> }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const acceptSolar = loc.lang === 'fa' || loc.lang === 'ps';
  const [kind, setKind] = useState<SubjectKind>('person');
  const [names, setNames] = useState<{ name: string; quality: NameQuality }[]>([{ name: '', quality: 'good' }]);
  const [births, setBirths] = useState<BirthRow[]>([]);
  const [nationalities, setNationalities] = useState<string[]>([]);
  const [documents, setDocuments] = useState<string[]>([]);
  const [plate, setPlate] = useState('');
  const [description, setDescription] = useState('');
  const [docNumber, setDocNumber] = useState('');
  const [docType, setDocType] = useState('');
  const [reason, setReason] = useState('');
  const [action, setAction] = useState<HitAction>('arrest');
  const [validFrom, setValidFrom] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [tlp, setTlp] = useState<Tlp>('AMBER');
  const [releasable, setReleasable] = useState<string[]>([]);
  const form = useApiForm();
  const bad = form.bad;
  const inv = (f: string) => form.invalid(f, `subject.${f}`);
  const labels: Record<string, string> = {
    subject: t('alerts.subject'),
    'subject.names': t('alerts.names'),
    'subject.birthDates': t('alerts.birthDates'),
    'subject.nationalities': t('alerts.nationalities'),
    'subject.documents': t('alerts.documents'),
    'subject.plate': t('alerts.plate'),
    'subject.description': t('alerts.description'),
    'subject.number': t('alerts.documentNumber'),
    'subject.documentType': t('alerts.documentType'),
    reason: t('alerts.reason'),
    action: t('alerts.action'),
    validFrom: t('alerts.validFrom'),
    validUntil: t('alerts.validUntil'),
    marking: t('alerts.marking'),
    ...Object.fromEntries(names.map((_, i) => [`subject.names.${i}.name`, t('alerts.nameN', { n: i + 1 })])),
    ...Object.fromEntries(births.map((_, i) => [`subject.birthDates.${i}`, t('alerts.birthDates')])),
    ...Object.fromEntries(documents.map((_, i) => [`subject.documents.${i}`, t('alerts.document')])),
  };
  for (const f of bad) if (!labels[f]) labels[f] = labels[f.split('.').slice(0, 2).join('.')] ?? labels[f.split('.')[0] ?? ''] ?? f;

  function birthBody(b: BirthRow): AlertBirthDate | 'invalid' | null {
    if (b.kind === 'exact') {
      if (!b.date.trim()) return null;
      const p = parseBirthDate(b.date, acceptSolar);
      if (!p.ok) return 'invalid';
      return p.value.length === 4 ? { kind: 'approximate', year: Number(p.value) } : { kind: 'exact', date: p.value };
    }
    if (b.kind === 'approximate') {
      if (!b.year.trim()) return null;
      const p = parseBirthDate(b.year, acceptSolar);
      return p.ok ? { kind: 'approximate', year: Number(p.value.slice(0, 4)) } : 'invalid';
    }
    if (!b.from.trim() && !b.to.trim()) return null;
    const f = parseBirthDate(b.from, acceptSolar);
    const to = parseBirthDate(b.to, acceptSolar);
    return f.ok && to.ok ? { kind: 'between', from: Number(f.value.slice(0, 4)), to: Number(to.value.slice(0, 4)) } : 'invalid';
  }
  const birthBodies = births.map(birthBody);

  function subjectBody(): unknown {
    if (kind === 'vehicle') return { kind, plate: plate.trim(), description: description.trim() || null };
    if (kind === 'document') return { kind, number: docNumber.trim(), documentType: docType.trim() || null };
    return {
      kind,
      names: names.filter((n) => n.name.trim()).map((n) => ({ name: n.name.trim(), quality: n.quality })),
      // an unreadable date is sent as typed so that the server names the field
      birthDates: birthBodies.flatMap((b, i): AlertBirthDate[] => (b === null ? [] : b === 'invalid' ? [{ kind: 'exact', date: births[i]!.date || births[i]!.year }] : [b])),
      nationalities,
      documents: documents.map((d) => d.trim()).filter((d) => d),
    };
  }

  const submit = form.onSubmit(async () => {
    await api.post<Alert>('/api/alerts', {
      subject: subjectBody(),
      reason: reason.trim(),
      action,
      ...(validFrom ? { validFrom } : {}),
      validUntil: validUntil || null,
      marking: { tlp, releasableTo: { states: releasable, agencies: [], units: [] }, hops: 1 },
    });
    form.succeed(true);
    setNames([{ name: '', quality: 'good' }]);
    setBirths([]);
    setNationalities([]);
    setDocuments([]);
    setPlate('');
    setDescription('');
    setDocNumber('');
    setDocType('');
    setReason('');
    setValidFrom('');
    setValidUntil('');
    await onCreated();
  });

  const setBirth = (i: number, patch: Partial<BirthRow>) => setBirths(births.map((b, j) => (j === i ? { ...b, ...patch } : b)));

  return (
    <form className="card alert-form" onSubmit={submit} data-testid="create-alert-form">
      <h2>{t('alerts.create')}</h2>
      <ErrorMessage error={form.error} testId="create-alert-error" labels={labels} />
      {form.done && <OkMessage testId="create-alert-ok">{t('alerts.created')}</OkMessage>}
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('alerts.subject')}</legend>
        {SUBJECT_KINDS.map((k) => (
          <label key={k} className={kind === k ? 'segment segment-on' : 'segment'}>
            <input type="radio" name="subjectKind" value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`alert-kind-${k}`} />
            {t(`subjectKind.${k}`)}
          </label>
        ))}
      </fieldset>

      {kind === 'person' && (
        <>
          <fieldset className="group" aria-invalid={inv('names')}>
            <legend>{t('alerts.names')}</legend>
            {names.map((n, i) => (
              <div className="row" key={i}>
                <TextField
                  fieldClassName="grow"
                  id={`al-name-${i}`}
                  name={`names.${i}.name`}
                  label={t('alerts.nameN', { n: formatNumber(i + 1, loc.lang) })}
                  dir="auto"
                  autoComplete="off"
                  aria-invalid={inv(`names.${i}.name`)}
                  value={n.name}
                  onValueChange={(v) => setNames(names.map((x, j) => (j === i ? { ...x, name: v } : x)))}
                />
                <Field id={`al-quality-${i}`} label={t('alerts.quality')}>
                  <select
                    id={`al-quality-${i}`}
                    name={`names.${i}.quality`}
                    value={n.quality}
                    onChange={(e) => setNames(names.map((x, j) => (j === i ? { ...x, quality: e.target.value as NameQuality } : x)))}
                  >
                    <option value="good">{t('alerts.qualityGood')}</option>
                    <option value="low">{t('alerts.qualityLow')}</option>
                  </select>
                </Field>
                {names.length > 1 && (
                  <button type="button" className="btn btn-small row-remove" onClick={() => setNames(names.filter((_, j) => j !== i))}>
                    {t('alerts.remove')}
                  </button>
                )}
              </div>
            ))}
            <button type="button" className="btn btn-small" onClick={() => setNames([...names, { name: '', quality: 'low' }])} data-testid="add-name">
              + {t('alerts.addName')}
            </button>
          </fieldset>

          <fieldset className="group" aria-invalid={inv('birthDates')}>
            <legend>{t('alerts.birthDates')}</legend>
            {births.map((b, i) => (
              <div className="row" key={i}>
                <Field id={`al-bkind-${i}`} label={t('alerts.birthDateKind')}>
                  <select id={`al-bkind-${i}`} name={`birthDates.${i}.kind`} value={b.kind} onChange={(e) => setBirth(i, { kind: e.target.value as BirthRow['kind'] })}>
                    <option value="exact">{t('alerts.birthExact')}</option>
                    <option value="approximate">{t('alerts.birthApproximate')}</option>
                    <option value="between">{t('alerts.birthBetween')}</option>
                  </select>
                </Field>
                {b.kind === 'exact' && (
                  <TextField id={`al-bdate-${i}`} name={`birthDates.${i}.date`} label={t('alerts.date')} dir="ltr" autoComplete="off" aria-invalid={birthBodies[i] === 'invalid' || inv(`birthDates.${i}`) ? true : undefined} value={b.date} onValueChange={(date) => setBirth(i, { date })}>
                    <small className="muted">{acceptSolar ? t('screen.birthDateHintSolar') : t('screen.birthDateHint')}</small>
                  </TextField>
                )}
                {b.kind === 'approximate' && (
                  <YearField id={`al-byear-${i}`} name={`birthDates.${i}.year`} label={t('alerts.year')} invalid={birthBodies[i] === 'invalid'} value={b.year} onValueChange={(year) => setBirth(i, { year })} />
                )}
                {b.kind === 'between' && (
                  <>
                    <YearField id={`al-bfrom-${i}`} name={`birthDates.${i}.from`} label={t('alerts.from')} invalid={birthBodies[i] === 'invalid'} value={b.from} onValueChange={(from) => setBirth(i, { from })} />
                    <YearField id={`al-bto-${i}`} name={`birthDates.${i}.to`} label={t('alerts.to')} invalid={birthBodies[i] === 'invalid'} value={b.to} onValueChange={(to) => setBirth(i, { to })} />
                  </>
                )}
                <button type="button" className="btn btn-small row-remove" onClick={() => setBirths(births.filter((_, j) => j !== i))}>
                  {t('alerts.remove')}
                </button>
              </div>
            ))}
            <button type="button" className="btn btn-small" onClick={() => setBirths([...births, EMPTY_BIRTH])} data-testid="add-birthdate">
              + {t('alerts.addBirthDate')}
            </button>
          </fieldset>

          <fieldset className="group checks" aria-invalid={inv('nationalities')}>
            <legend>{t('alerts.nationalities')}</legend>
            <CheckList name="nationalities" values={COUNTRY_CODES} selected={nationalities} onChange={setNationalities} label={(c) => t(`country.${c}`)} />
          </fieldset>

          <fieldset className="group" aria-invalid={inv('documents')}>
            <legend>{t('alerts.documents')}</legend>
            {documents.map((d, i) => (
              <div className="row" key={i}>
                <TextField fieldClassName="grow" id={`al-doc-${i}`} name={`documents.${i}`} label={t('alerts.document')} dir="ltr" autoComplete="off" aria-invalid={inv(`documents.${i}`)} value={d} onValueChange={(v) => setDocuments(documents.map((x, j) => (j === i ? v : x)))} />
                <button type="button" className="btn btn-small row-remove" onClick={() => setDocuments(documents.filter((_, j) => j !== i))}>
                  {t('alerts.remove')}
                </button>
              </div>
            ))}
            <button type="button" className="btn btn-small" onClick={() => setDocuments([...documents, ''])} data-testid="add-document">
              + {t('alerts.addDocument')}
            </button>
          </fieldset>
        </>
      )}

      {kind === 'vehicle' && (
        <div className="form-grid">
          <TextField id="al-plate" name="plate" label={t('alerts.plate')} dir="ltr" autoComplete="off" aria-invalid={inv('plate')} value={plate} onValueChange={setPlate} />
          <TextField id="al-desc" name="description" label={t('alerts.description')} dir="auto" aria-invalid={inv('description')} value={description} onValueChange={setDescription} />
        </div>
      )}

      {kind === 'document' && (
        <div className="form-grid">
          <TextField id="al-docnum" name="number" label={t('alerts.documentNumber')} dir="ltr" autoComplete="off" aria-invalid={inv('number')} value={docNumber} onValueChange={setDocNumber} />
          <TextField id="al-doctype" name="documentType" label={t('alerts.documentType')} dir="auto" aria-invalid={inv('documentType')} value={docType} onValueChange={setDocType} />
        </div>
      )}

      <Field id="al-reason" label={t('alerts.reason')}>
        <textarea id="al-reason" name="reason" dir="auto" rows={2} required aria-invalid={form.invalid('reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="form-grid">
        <Field id="al-action" label={t('alerts.action')}>
          <select id="al-action" name="action" value={action} onChange={(e) => setAction(e.target.value as HitAction)}>
            <Options values={HIT_ACTIONS} label={(a) => t(`hitAction.${a}`)} />
          </select>
        </Field>
        <TextField id="al-from" name="validFrom" type="date" label={t('alerts.validFrom')} aria-invalid={form.invalid('validFrom')} value={validFrom} onValueChange={setValidFrom} />
        <TextField id="al-until" name="validUntil" type="date" label={t('alerts.validUntil')} aria-invalid={form.invalid('validUntil')} value={validUntil} onValueChange={setValidUntil} />
      </div>
      <MarkingFieldset tlp={tlp} onTlp={setTlp} releasable={releasable} onReleasable={setReleasable} />
      <SubmitButton busy={form.busy} testId="create-alert-submit" label={t('alerts.createSubmit')} busyLabel={t('alerts.saving')} />
    </form>
  );
}

/** A year typed as digits (an approximate birth year, or one end of a range). */
function YearField(props: { id: string; name: string; label: string; invalid: boolean; value: string; onValueChange: (v: string) => void }) {
  const { invalid, ...rest } = props;
  return <TextField {...rest} dir="ltr" inputMode="numeric" aria-invalid={invalid ? true : undefined} />;
}
