import { useTranslation } from 'react-i18next';
import { TableHead } from '../../components/TableHead.tsx';
import en from '../../i18n/locales/en.ts';
import { formatNumber, useLocale } from '../../util.ts';
import type { SeizureTally, SeizureTotal } from './types.ts';

type SubstanceKey = keyof typeof en.situation.substance;
type UnitKey = keyof typeof en.situation.unit;
const isKey = <T extends object>(o: T, k: unknown): k is keyof T => typeof k === 'string' && Object.hasOwn(o, k);

/** Seizure totals of the daily report: per substance, seizures and kilograms that day and in 7 days. */
export function SeizureTotalsTable({ items, testId }: { items: SeizureTotal[]; testId: string }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const n = (v: number) => formatNumber(v, loc.lang);
  const substance = (s: string) => (isKey(en.situation.substance, s) ? t(`situation.substance.${s as SubstanceKey}`) : s);
  const unit = (u: string) => (isKey(en.situation.unit, u) ? t(`situation.unit.${u as UnitKey}`) : u);
  const cell = (x: SeizureTally) => {
    if (x.seizures === 0) return '—';
    const counted = Object.entries(x.counts).map(([u, v]) => `${n(v)} ${unit(u)}`);
    const head = x.kg > 0 || counted.length === 0 ? t('situation.tally', { n: n(x.seizures), kg: n(Math.round(x.kg * 1000) / 1000) }) : t('situation.tallyCount', { n: n(x.seizures) });
    return [head, ...counted].join(' · ');
  };
  if (items.length === 0) return <p>{t('risk.report.none')}</p>;
  return (
    <table className="data-table" data-testid={testId}>
      <TableHead labels={[t('situation.item'), t('situation.daySeizures'), t('situation.weekSeizures')]} />
      <tbody>
        {items.map((s) => (
          <tr key={`${s.itemKind}|${s.substance}`} data-substance={s.substance}>
            <th scope="row">{substance(s.substance)}</th>
            <td data-testid="seizure-day">{cell(s.day)}</td>
            <td data-testid="seizure-week">{cell(s.week)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
