import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { can } from '../permissions.ts';
import { useRecordEvents } from '../stream.tsx';
import {
  COUNTRY_CODES,
  HIT_ACTIONS,
  SUBJECT_KINDS,
  TLP_LEVELS,
  isCountryCode,
  type Alert,
  type AlertBirthDate,
  type AlertSubject,
  type HitAction,
  type ListAnswer,
  type NameQuality,
  type SubjectKind,
  type Tlp,
  type User,
} from '../types.ts';
import { formatNumber, useLocale } from '../util.ts';
import { parseBirthDate } from '../i18n/dateInput.ts';
import { toPersianDigits } from '../i18n/dates.ts';
import { ErrorMessage, invalidFields } from '../components/ErrorMessage.tsx';
import { ActionBadge, TlpBadge, tlpKey } from '../components/Badges.tsx';
import { UnImport } from '../components/UnImport.tsx';

export function AlertsPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const res = await api.get<ListAnswer<Alert>>('/api/alerts');
      setAlerts(res.items);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useRecordEvents(['alert'], () => void load());

  return (
    <main className="content-page alerts-page" data-testid="alerts-page">
      <h1>{t('alerts.title')}</h1>
      <ErrorMessage error={error} testId="alerts-error" />
      {!alerts && !error && <p role="status">{t('app.loading')}</p>}
      {alerts && <AlertList alerts={alerts} canWrite={can(user, 'alerts:write')} onChanged={load} />}
      <div className="alerts-forms">
        {can(user, 'alerts:write') && <CreateAlertForm onCreated={load} />}
        {can(user, 'alerts:import') && <UnImport onImported={load} />}
      </div>
    </main>
  );
}

/** The subject in one line; long alias lists (UN entries) show the first three and a count. */
function subjectText(s: AlertSubject): string {
  if (s.kind === 'person') return s.names.slice(0, 3).map((n) => n.name).join(' · ');
  if (s.kind === 'vehicle') return s.plate;
  return s.number;
}

function searchText(a: Alert): string {
  const s = a.subject;
  const parts = [a.reason, a.sourceRef ?? ''];
  if (s.kind === 'person') parts.push(...s.names.map((n) => n.name), ...s.documents, ...s.nationalities);
  else if (s.kind === 'vehicle') parts.push(s.plate, s.description ?? '');
  else parts.push(s.number, s.documentType ?? '');
  return parts.join('\n').toLocaleLowerCase();
}

function AlertList({ alerts, canWrite, onChanged }: { alerts: Alert[]; canWrite: boolean; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<SubjectKind | ''>('');
  const [showRevoked, setShowRevoked] = useState(true);
  const [rowError, setRowError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const sorted = useMemo(() => [...alerts].sort((a, b) => b.createdAt.localeCompare(a.createdAt)), [alerts]);
  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return sorted.filter((a) => (!kind || a.subject.kind === kind) && (showRevoked || a.active) && (!q || searchText(a).includes(q)));
  }, [sorted, query, kind, showRevoked]);

  const birth = (d: AlertBirthDate): string => {
    const n = (v: number | string) => (loc.lang === 'fa' || loc.lang === 'ps' ? toPersianDigits(v) : String(v));
    if (d.kind === 'exact') return d.date.length === 10 ? loc.date(`${d.date}T12:00:00`) : n(d.date);
    if (d.kind === 'approximate') return t('alerts.bornAbout', { year: n(d.year) });
    return t('alerts.bornBetween', { from: n(d.from), to: n(d.to) });
  };
  const day = (iso: string) => loc.date(`${iso}T12:00:00`);

  async function revoke(a: Alert) {
    if (!window.confirm(t('alerts.revokeConfirm'))) return;
    setRowError(null);
    setBusyId(a.id);
    try {
      await api.post<Alert>(`/api/alerts/${encodeURIComponent(a.id)}/revoke`);
      await onChanged();
    } catch (e) {
      setRowError(e);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section aria-labelledby="alert-list-heading" className="alerts-list">
      <h2 id="alert-list-heading" className="visually-hidden">
        {t('alerts.list')}
      </h2>
      <div className="list-tools">
        <div className="field">
          <label htmlFor="al-filter">{t('alerts.filter')}</label>
          <input id="al-filter" type="search" data-testid="alerts-filter" placeholder={t('alerts.filterPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="al-kind">{t('alerts.kindFilter')}</label>
          <select id="al-kind" data-testid="alerts-kind-filter" value={kind} onChange={(e) => setKind(e.target.value as SubjectKind | '')}>
            <option value="">{t('alerts.all')}</option>
            {SUBJECT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`subjectKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} data-testid="alerts-show-revoked" />
          {t('alerts.showRevoked')}
        </label>
        <span className="muted list-count" data-testid="alerts-count">
          {t('alerts.count', { n: formatNumber(shown.length, loc.lang) })}
        </span>
      </div>
      <ErrorMessage error={rowError} testId="alerts-row-error" />
      <div className="table-scroll alerts-table-wrap">
        <table className="data-table" data-testid="alerts-table">
          <thead>
            <tr>
              <th scope="col">{t('alerts.subject')}</th>
              <th scope="col">{t('alerts.action')}</th>
              <th scope="col">{t('alerts.marking')}</th>
              <th scope="col">{t('alerts.validity')}</th>
              <th scope="col">{t('alerts.source')}</th>
              <th scope="col">{t('alerts.status')}</th>
              {canWrite && <th scope="col">{t('admin.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={canWrite ? 7 : 6} className="muted" data-testid="alerts-empty">
                  {alerts.length === 0 ? t('alerts.empty') : t('alerts.noMatch')}
                </td>
              </tr>
            )}
            {shown.map((a) => (
              <tr key={a.id} data-testid="alert-row" data-alert-id={a.id} data-active={a.active} className={a.active ? undefined : 'row-disabled'}>
                <td>
                  <span className="kind-chip">{t(`subjectKind.${a.subject.kind}`)}</span>{' '}
                  <strong>
                    <bdi dir="auto">{subjectText(a.subject)}</bdi>
                  </strong>
                  {a.subject.kind === 'person' && a.subject.names.length > 3 && (
                    <span className="muted small" dir="ltr">
                      {' '}+{formatNumber(a.subject.names.length - 3, loc.lang)}
                    </span>
                  )}
                  {a.subject.kind === 'person' && (a.subject.birthDates.length > 0 || a.subject.nationalities.length > 0) && (
                    <div className="muted small">
                      {a.subject.birthDates.length > 0 && t('alerts.born', { dates: a.subject.birthDates.map(birth).join(loc.dir === 'rtl' ? '، ' : ', ') })}
                      {a.subject.birthDates.length > 0 && a.subject.nationalities.length > 0 && ' · '}
                      {a.subject.nationalities.map((c) => (isCountryCode(c) ? t(`country.${c}`) : c)).join(loc.dir === 'rtl' ? '، ' : ', ')}
                    </div>
                  )}
                  <div className="small">
                    <bdi dir="auto">{a.reason}</bdi>
                  </div>
                </td>
                <td>
                  <ActionBadge action={a.action} />
                </td>
                <td>
                  <TlpBadge tlp={a.marking.tlp} />
                </td>
                <td className="nowrap small">
                  {a.validUntil ? t('alerts.validRange', { from: day(a.validFrom), to: day(a.validUntil) }) : t('alerts.validOpen', { from: day(a.validFrom) })}
                </td>
                <td className="small">{a.source === 'un_sc' && a.sourceRef ? t('alertSource.unRef', { ref: a.sourceRef }) : t(`alertSource.${a.source}`)}</td>
                <td>
                  <span className={`status-pill ${a.active ? 'status-on' : 'status-off'}`} data-testid="alert-status">
                    {a.active ? t('alerts.active') : t('alerts.revoked')}
                  </span>
                </td>
                {canWrite && (
                  <td>
                    {a.active && (
                      <button type="button" className="btn btn-small" disabled={busyId === a.id} onClick={() => void revoke(a)} data-testid="alert-revoke">
                        {t('alerts.revoke')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type BirthRow = { kind: AlertBirthDate['kind']; date: string; year: string; from: string; to: string };
const EMPTY_BIRTH: BirthRow = { kind: 'exact', date: '', year: '', from: '', to: '' };
const STATES_RELEASABLE = ['TJ', 'AF'] as const;

function CreateAlertForm({ onCreated }: { onCreated: () => Promise<void> }) {
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const bad = invalidFields(error);
  const inv = (f: string) => (bad.has(f) || bad.has(`subject.${f}`) ? true : undefined);
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

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api.post<Alert>('/api/alerts', {
        subject: subjectBody(),
        reason: reason.trim(),
        action,
        ...(validFrom ? { validFrom } : {}),
        validUntil: validUntil || null,
        marking: { tlp, releasableTo: { states: releasable, agencies: [], units: [] }, hops: 1 },
      });
      setDone(true);
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
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const setBirth = (i: number, patch: Partial<BirthRow>) => setBirths(births.map((b, j) => (j === i ? { ...b, ...patch } : b)));

  return (
    <form className="card alert-form" onSubmit={submit} data-testid="create-alert-form">
      <h2>{t('alerts.create')}</h2>
      <ErrorMessage error={error} testId="create-alert-error" labels={labels} />
      {done && (
        <p className="alert alert-ok" role="status" data-testid="create-alert-ok">
          {t('alerts.created')}
        </p>
      )}
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
                <div className="field grow">
                  <label htmlFor={`al-name-${i}`}>{t('alerts.nameN', { n: formatNumber(i + 1, loc.lang) })}</label>
                  <input
                    id={`al-name-${i}`}
                    name={`names.${i}.name`}
                    dir="auto"
                    autoComplete="off"
                    aria-invalid={inv(`names.${i}.name`)}
                    value={n.name}
                    onChange={(e) => setNames(names.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`al-quality-${i}`}>{t('alerts.quality')}</label>
                  <select
                    id={`al-quality-${i}`}
                    name={`names.${i}.quality`}
                    value={n.quality}
                    onChange={(e) => setNames(names.map((x, j) => (j === i ? { ...x, quality: e.target.value as NameQuality } : x)))}
                  >
                    <option value="good">{t('alerts.qualityGood')}</option>
                    <option value="low">{t('alerts.qualityLow')}</option>
                  </select>
                </div>
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
                <div className="field">
                  <label htmlFor={`al-bkind-${i}`}>{t('alerts.birthDateKind')}</label>
                  <select id={`al-bkind-${i}`} name={`birthDates.${i}.kind`} value={b.kind} onChange={(e) => setBirth(i, { kind: e.target.value as BirthRow['kind'] })}>
                    <option value="exact">{t('alerts.birthExact')}</option>
                    <option value="approximate">{t('alerts.birthApproximate')}</option>
                    <option value="between">{t('alerts.birthBetween')}</option>
                  </select>
                </div>
                {b.kind === 'exact' && (
                  <div className="field">
                    <label htmlFor={`al-bdate-${i}`}>{t('alerts.date')}</label>
                    <input id={`al-bdate-${i}`} name={`birthDates.${i}.date`} dir="ltr" autoComplete="off" aria-invalid={birthBodies[i] === 'invalid' || inv(`birthDates.${i}`) ? true : undefined} value={b.date} onChange={(e) => setBirth(i, { date: e.target.value })} />
                    <small className="muted">{acceptSolar ? t('screen.birthDateHintSolar') : t('screen.birthDateHint')}</small>
                  </div>
                )}
                {b.kind === 'approximate' && (
                  <div className="field">
                    <label htmlFor={`al-byear-${i}`}>{t('alerts.year')}</label>
                    <input id={`al-byear-${i}`} name={`birthDates.${i}.year`} dir="ltr" inputMode="numeric" aria-invalid={birthBodies[i] === 'invalid' ? true : undefined} value={b.year} onChange={(e) => setBirth(i, { year: e.target.value })} />
                  </div>
                )}
                {b.kind === 'between' && (
                  <>
                    <div className="field">
                      <label htmlFor={`al-bfrom-${i}`}>{t('alerts.from')}</label>
                      <input id={`al-bfrom-${i}`} name={`birthDates.${i}.from`} dir="ltr" inputMode="numeric" aria-invalid={birthBodies[i] === 'invalid' ? true : undefined} value={b.from} onChange={(e) => setBirth(i, { from: e.target.value })} />
                    </div>
                    <div className="field">
                      <label htmlFor={`al-bto-${i}`}>{t('alerts.to')}</label>
                      <input id={`al-bto-${i}`} name={`birthDates.${i}.to`} dir="ltr" inputMode="numeric" aria-invalid={birthBodies[i] === 'invalid' ? true : undefined} value={b.to} onChange={(e) => setBirth(i, { to: e.target.value })} />
                    </div>
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
            {COUNTRY_CODES.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  name="nationalities"
                  value={c}
                  checked={nationalities.includes(c)}
                  onChange={(e) => setNationalities(e.target.checked ? [...nationalities, c] : nationalities.filter((x) => x !== c))}
                />
                {t(`country.${c}`)}
              </label>
            ))}
          </fieldset>

          <fieldset className="group" aria-invalid={inv('documents')}>
            <legend>{t('alerts.documents')}</legend>
            {documents.map((d, i) => (
              <div className="row" key={i}>
                <div className="field grow">
                  <label htmlFor={`al-doc-${i}`}>{t('alerts.document')}</label>
                  <input id={`al-doc-${i}`} name={`documents.${i}`} dir="ltr" autoComplete="off" aria-invalid={inv(`documents.${i}`)} value={d} onChange={(e) => setDocuments(documents.map((x, j) => (j === i ? e.target.value : x)))} />
                </div>
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
          <div className="field">
            <label htmlFor="al-plate">{t('alerts.plate')}</label>
            <input id="al-plate" name="plate" dir="ltr" autoComplete="off" aria-invalid={inv('plate')} value={plate} onChange={(e) => setPlate(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="al-desc">{t('alerts.description')}</label>
            <input id="al-desc" name="description" dir="auto" aria-invalid={inv('description')} value={description} onChange={(e) => setDescription(e.target.value)} />
          </div>
        </div>
      )}

      {kind === 'document' && (
        <div className="form-grid">
          <div className="field">
            <label htmlFor="al-docnum">{t('alerts.documentNumber')}</label>
            <input id="al-docnum" name="number" dir="ltr" autoComplete="off" aria-invalid={inv('number')} value={docNumber} onChange={(e) => setDocNumber(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="al-doctype">{t('alerts.documentType')}</label>
            <input id="al-doctype" name="documentType" dir="auto" aria-invalid={inv('documentType')} value={docType} onChange={(e) => setDocType(e.target.value)} />
          </div>
        </div>
      )}

      <div className="field">
        <label htmlFor="al-reason">{t('alerts.reason')}</label>
        <textarea id="al-reason" name="reason" dir="auto" rows={2} required aria-invalid={bad.has('reason') ? true : undefined} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="al-action">{t('alerts.action')}</label>
          <select id="al-action" name="action" value={action} onChange={(e) => setAction(e.target.value as HitAction)}>
            {HIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`hitAction.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="al-from">{t('alerts.validFrom')}</label>
          <input id="al-from" name="validFrom" type="date" aria-invalid={bad.has('validFrom') ? true : undefined} value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="al-until">{t('alerts.validUntil')}</label>
          <input id="al-until" name="validUntil" type="date" aria-invalid={bad.has('validUntil') ? true : undefined} value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />
        </div>
      </div>
      <fieldset className="group">
        <legend>{t('alerts.marking')}</legend>
        <div className="tlp-choices" role="radiogroup" aria-label={t('alerts.tlp')}>
          {TLP_LEVELS.map((l) => (
            <label key={l} className={`tlp-choice${tlp === l ? ' tlp-choice-on' : ''}`}>
              <input type="radio" name="tlp" value={l} checked={tlp === l} onChange={() => setTlp(l)} />
              <TlpBadge tlp={l} />
              <span className="tlp-help">{t(`tlpHelp.${tlpKey(l)}`)}</span>
            </label>
          ))}
        </div>
        <div className="releasable">
          <span id="al-rel-label">{t('alerts.releasableTo')}</span>
          <div className="checks" role="group" aria-labelledby="al-rel-label" aria-describedby="al-rel-hint">
            {STATES_RELEASABLE.map((s) => (
              <label key={s} className="check">
                <input type="checkbox" name="releasableTo" value={s} checked={releasable.includes(s)} onChange={(e) => setReleasable(e.target.checked ? [...releasable, s] : releasable.filter((x) => x !== s))} />
                {t(`country.${s}`)}
              </label>
            ))}
          </div>
          <small id="al-rel-hint" className="muted">
            {t('alerts.releasableHint')}
          </small>
        </div>
      </fieldset>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="create-alert-submit">
        {busy ? t('alerts.saving') : t('alerts.createSubmit')}
      </button>
    </form>
  );
}
