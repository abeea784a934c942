import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../util.ts';
import { TableHead } from '../../components/TableHead.tsx';
import type { Directory } from './directory.ts';
import { CreateUnitForm } from './CreateUnitForm.tsx';

export function UnitsSection({ dir, onChanged }: { dir: Directory; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const agencyName = (id: string) => loc.name(dir.agencies.find((a) => a.id === id)?.name) || id;
  const sorted = useMemo(
    () => [...dir.units].sort((a, b) => a.stateCode.localeCompare(b.stateCode) || a.kind.localeCompare(b.kind) || a.name.en.localeCompare(b.name.en)),
    [dir.units],
  );
  return (
    <section className="admin-section" aria-labelledby="units-heading">
      <h2 id="units-heading">{t('admin.units')}</h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="units-table">
          <TableHead labels={[t('admin.name'), t('admin.kind'), t('admin.state'), t('admin.agency'), t('admin.locode'), t('admin.location')]} />
          <tbody>
            {sorted.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  {t('admin.empty')}
                </td>
              </tr>
            )}
            {sorted.map((u) => (
              <tr key={u.id} data-testid="unit-row" data-unit-id={u.id}>
                <td>{loc.name(u.name)}</td>
                <td>{t(`unitKind.${u.kind}`)}</td>
                <td>{loc.name(dir.states.find((s) => s.code === u.stateCode)?.name) || u.stateCode}</td>
                <td>{agencyName(u.agencyId)}</td>
                <td dir="ltr" className="mono cell-start">
                  {u.locode ?? '—'}
                </td>
                <td dir="ltr" className="mono nowrap cell-start" title={u.approximate ? t('map.approximate') : undefined}>
                  {u.location[1].toFixed(3)}, {u.location[0].toFixed(3)}
                  {u.approximate ? ' ≈' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CreateUnitForm dir={dir} onCreated={onChanged} />
    </section>
  );
}
