/** Active and past warnings with their detail: what they reach on both banks, CAP export, cancel. */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { can } from '../../permissions.ts';
import type { User } from '../../types.ts';
import { useApiData } from '../../useApiData.ts';
import { useLocale } from '../../util.ts';
import { CreateWarning } from './CreateWarning.tsx';
import { lang, loadWarnings, type WarningDetail } from './types.ts';

export function WarningsTab({ user }: { user: User }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const { data, error, reload } = useApiData(loadWarnings, ['warning']);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="warnings-layout">
      <section className="card" aria-label={t('hazard.tabWarnings')}>
        <ErrorMessage error={error} />
        {data && data.items.length === 0 && <p>{t('hazard.none')}</p>}
        {data && data.items.length > 0 && (
          <table className="data-table" data-testid="warnings-table">
            <thead>
              <tr>
                <th>{t('hazard.severity')}</th>
                <th>{t('hazard.headline')}</th>
                <th>{t('hazard.sent')}</th>
                <th>{t('hazard.expires')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((w) => (
                <tr key={w.id} data-testid="warning-row" onClick={() => setSelected(w.id)} className={selected === w.id ? 'selected' : undefined}>
                  <td>
                    <span className={`severity severity-${w.severity}`}>{t(`hazard.severities.${w.severity}`)}</span>
                  </td>
                  <td>
                    <button type="button" className="link-button" onClick={() => setSelected(w.id)}>
                      {w.info.headline ?? w.info.event}
                    </button>{' '}
                    {w.crossBorder && <span className="badge">{t('hazard.bothBanks')}</span>}{' '}
                    <span className="badge">{w.cancelled ? t('hazard.cancelled') : w.active ? t('hazard.inForce') : t('hazard.expired')}</span>
                  </td>
                  <td>{loc.date(w.cap.sent)}</td>
                  <td>{w.info.expires ? loc.date(w.info.expires) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {selected && <WarningDetailView id={selected} onChanged={() => void reload()} />}
      {can(user, 'warnings:write') && <CreateWarning onCreated={(id) => { void reload(); setSelected(id); }} />}
    </div>
  );
}

function WarningDetailView({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const fetcher = useCallback(() => api.get<WarningDetail>(`/api/warnings/${id}?lang=${lang()}`), [id]);
  const { data: w, error, reload } = useApiData(fetcher, ['warning']);
  const [actionError, setActionError] = useState<unknown>(null);
  if (error) return <ErrorMessage error={error} />;
  if (!w) return null;
  const i = w.info;
  const cancel = async () => {
    try {
      await api.change('POST', `/api/warnings/${w.id}/cancel`, w.version);
      await reload();
      onChanged();
    } catch (e) {
      setActionError(e);
    }
  };
  const field = (label: string, value: string | null) =>
    value ? (
      <>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </>
    ) : null;
  return (
    <section className="card warning-detail" data-testid="warning-detail" lang={i.language} dir={i.language.startsWith('fa') || i.language.startsWith('ps') ? 'rtl' : undefined}>
      <h2>{i.headline ?? i.event}</h2>
      <dl>
        {field(t('hazard.event'), i.event)}
        {field(t('hazard.severity'), t(`hazard.severities.${i.severity}`))}
        {field(t('hazard.urgency'), t(`hazard.urgencies.${i.urgency}`))}
        {field(t('hazard.certainty'), t(`hazard.certainties.${i.certainty}`))}
        {field(t('hazard.description'), i.description)}
        {field(t('hazard.instruction'), i.instruction)}
        {field(t('hazard.area'), i.area.map((a) => a.areaDesc).join('; '))}
        {field(t('hazard.sent'), loc.date(w.cap.sent))}
        {field(t('hazard.expires'), i.expires ? loc.date(i.expires) : null)}
        {field(t('hazard.language'), i.language)}
      </dl>
      <h3>{t('hazard.reaches')}</h3>
      <dl data-testid="warning-affected">
        {field(t('hazard.sections'), w.affected.sections.map((s) => loc.name(s.name)).join(', '))}
        {field(t('hazard.posts'), w.affected.units.map((u) => `${loc.name(u.name)} (${u.stateCode})`).join(', '))}
        {field(t('hazard.villages'), w.affected.communities.map((c) => `${loc.name(c.name)} (${c.stateCode})`).join(', '))}
      </dl>
      <p className="form-actions">
        <a href={w.capUrl} target="_blank" rel="noreferrer" data-testid="cap-link">
          {t('hazard.capXml')}
        </a>{' '}
        <a href="/api/warnings.atom" target="_blank" rel="noreferrer">
          {t('hazard.atom')}
        </a>{' '}
        {w.abilities.cancel && (
          <button type="button" className="danger" data-testid="cancel-warning" onClick={() => void cancel()}>
            {t('hazard.cancel')}
          </button>
        )}
      </p>
      <ErrorMessage error={actionError} />
    </section>
  );
}

