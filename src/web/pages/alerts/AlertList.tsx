import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorCodeOf } from '../../api.ts';
import { SUBJECT_KINDS, isCountryCode, type Alert, type AlertBirthDate, type AlertSubject, type SubjectKind } from '../../types.ts';
import { formatNumber, useLocale } from '../../util.ts';
import { toPersianDigits } from '../../i18n/dates.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { ActionBadge, TlpBadge } from '../../components/Badges.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { Field, TextField } from '../../components/form/Field.tsx';
import { Options } from '../../components/form/Options.tsx';

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

export function AlertList({ alerts, canWrite, onChanged }: { alerts: Alert[]; canWrite: boolean; onChanged: () => Promise<void> }) {
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
      await api.change<Alert>('POST', `/api/alerts/${encodeURIComponent(a.id)}/revoke`, a.version);
      await onChanged();
    } catch (e) {
      setRowError(e);
      // Someone changed it meanwhile: show what it is now; the message says so.
      if (errorCodeOf(e) === 'VERSION_CONFLICT') await onChanged();
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
        <TextField id="al-filter" type="search" data-testid="alerts-filter" label={t('alerts.filter')} placeholder={t('alerts.filterPlaceholder')} value={query} onValueChange={setQuery} />
        <Field id="al-kind" label={t('alerts.kindFilter')}>
          <select id="al-kind" data-testid="alerts-kind-filter" value={kind} onChange={(e) => setKind(e.target.value as SubjectKind | '')}>
            <option value="">{t('alerts.all')}</option>
            <Options values={SUBJECT_KINDS} label={(k) => t(`subjectKind.${k}`)} />
          </select>
        </Field>
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
          <TableHead
            labels={[t('alerts.subject'), t('alerts.action'), t('alerts.marking'), t('alerts.validity'), t('alerts.source'), t('alerts.status'), canWrite && t('admin.actions')]}
          />
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
                    {a.abilities.revoke && (
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
