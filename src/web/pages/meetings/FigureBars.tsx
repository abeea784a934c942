import { useTranslation } from 'react-i18next';
import { formatNumber, useLocale } from '../../util.ts';
import type { Figures } from './types.ts';

/** Horizontal bars, longest first; lengths relative to the largest value. */
function Bars({ rows, testId, decimals = 0 }: { rows: { key: string; label: string; value: number }[]; testId: string; decimals?: number }) {
  const loc = useLocale();
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul className="figure-bars" data-testid={testId}>
      {[...rows]
        .sort((a, b) => b.value - a.value)
        .map((r) => (
          <li key={r.key} data-key={r.key} data-value={r.value}>
            <span className="bar-label">{r.label}</span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ inlineSize: `${(100 * r.value) / max}%` }} />
            </span>
            <span className="bar-value">{formatNumber(r.value, loc.lang, decimals)}</span>
          </li>
        ))}
    </ul>
  );
}

/** The after-action figures: totals, events by category and seizures by kind, as bars. */
export function FigureBars({ figures }: { figures: Figures }) {
  const { t, i18n } = useTranslation();
  const loc = useLocale();
  const n = (v: number, d = 0) => formatNumber(v, loc.lang, d);
  const category = (c: string) => (i18n.exists(`picture.category.${c}`) ? t(`picture.category.${c}` as 'picture.category.flood') : c);
  const kind = (k: string) => (i18n.exists(`operations.kinds.${k}`) ? t(`operations.kinds.${k}` as 'operations.kinds.narcotics') : k);
  return (
    <div className="figures" data-testid="operation-figures">
      <dl className="figure-totals">
        <div>
          <dt>{t('operations.events')}</dt>
          <dd data-testid="fig-events">{n(figures.events)}</dd>
        </div>
        <div>
          <dt>{t('operations.seizures')}</dt>
          <dd data-testid="fig-seizures">{n(figures.seizures)}</dd>
        </div>
        <div>
          <dt>{t('operations.seizedKg')}</dt>
          <dd data-testid="fig-kg">{n(figures.seizedKg, 1)}</dd>
        </div>
        <div>
          <dt>{t('operations.crossingsPrevented')}</dt>
          <dd data-testid="fig-crossings">{n(figures.illegalCrossingsPrevented)}</dd>
        </div>
        <div>
          <dt>{t('operations.personsDetained')}</dt>
          <dd data-testid="fig-detained">{n(figures.personsDetained)}</dd>
        </div>
      </dl>
      <h3>{t('operations.eventsByCategory')}</h3>
      <Bars testId="bars-categories" rows={Object.entries(figures.eventsByCategory).map(([k, v]) => ({ key: k, label: category(k), value: v }))} />
      <h3>{t('operations.seizuresByKind')}</h3>
      <Bars testId="bars-seizures" decimals={1} rows={Object.entries(figures.seizuresByKind).map(([k, v]) => ({ key: k, label: `${kind(k)} (${n(v.count)})`, value: v.kg }))} />
    </div>
  );
}
