/** Damage and needs per section, and the resource gaps per side. */
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useApiData } from '../../useApiData.ts';
import { formatNumber, useLocale } from '../../util.ts';
import { loadDamage, loadResources } from './types.ts';

export function DamageTab() {
  const { t } = useTranslation();
  const loc = useLocale();
  const damage = useApiData(loadDamage, ['damage']);
  const resources = useApiData(loadResources, ['resource']);
  const counts = (m: Record<string, number>, group: 'damageKinds' | 'needKinds') =>
    Object.entries(m)
      .map(([k, n]) => `${t(`hazard.${group}.${k}` as 'hazard.needKinds.food')} ×${n}`)
      .join(', ');
  return (
    <>
      <section className="card">
        <h2>{t('hazard.damageSummary')}</h2>
        <ErrorMessage error={damage.error} />
        {damage.data && (
          <table className="data-table" data-testid="damage-table">
            <thead>
              <tr>
                <th>{t('hazard.section')}</th>
                <th>{t('hazard.reports')}</th>
                <th>{t('hazard.affected')}</th>
                <th>{t('hazard.displaced')}</th>
                <th>{t('hazard.needs')}</th>
              </tr>
            </thead>
            <tbody>
              {damage.data.items.map((s) => (
                <tr key={s.sectionId ?? 'none'}>
                  <td>
                    {s.sectionName ? loc.name(s.sectionName) : t('hazard.outside')} ({s.states.join(', ')})
                  </td>
                  <td>
                    {s.reports}: {counts(s.byKind, 'damageKinds')}
                  </td>
                  <td>{formatNumber(s.peopleAffected, loc.lang)}</td>
                  <td>{formatNumber(s.peopleDisplaced, loc.lang)}</td>
                  <td>{counts(s.needs, 'needKinds')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2>{t('hazard.resources')}</h2>
        <ErrorMessage error={resources.error} />
        {resources.data && (
          <table className="data-table" data-testid="resources-table">
            <thead>
              <tr>
                <th>{t('hazard.kind')}</th>
                {resources.data.states.map((s) => (
                  <th key={s}>{s}</th>
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {resources.data.gaps.map((g) => (
                <tr key={g.kind} className={g.gapEverywhere ? 'gap' : undefined} data-testid={`resource-${g.kind}`}>
                  <td>{t(`hazard.resourceKinds.${g.kind}` as 'hazard.resourceKinds.boat')}</td>
                  {resources.data!.states.map((s) => (
                    <td key={s}>{formatNumber(g.byState[s] ?? 0, loc.lang)}</td>
                  ))}
                  <td>{g.gapEverywhere ? t('hazard.gapEverywhere') : g.missingIn.length ? t('hazard.missingIn', { states: g.missingIn.join(', ') }) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
