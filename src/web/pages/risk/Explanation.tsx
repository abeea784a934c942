import { useTranslation } from 'react-i18next';
import en from '../../i18n/locales/en.ts';
import { formatNumber, formatPercent, isTerrainKey, useLocale } from '../../util.ts';
import type { LocalizedName } from '../../types.ts';
import type { ExplanationItem } from './types.ts';

type CategoryKey = keyof typeof en.risk.category;
type DetailKey = keyof typeof en.risk.detail;
type SeasonKey = keyof typeof en.risk.season;
type FactorKey = keyof typeof en.risk.explain.factor;
const has = <T extends object>(o: T, k: unknown): k is keyof T => typeof k === 'string' && Object.hasOwn(o, k);

/** One reason for a level, in the reader's language, from the structured item the server sends. */
export function useExplain() {
  const { t } = useTranslation();
  const loc = useLocale();
  const num = (v: unknown, digits = 0) => formatNumber(Number(v), loc.lang, digits);
  return (x: ExplanationItem): string => {
    const p = x.params;
    if (x.key === 'events') {
      const category = has(en.risk.category, p['category']) ? t(`risk.category.${p['category'] as CategoryKey}`) : String(p['category']);
      const detail = has(en.risk.detail, p['detail']) ? t(`risk.detail.${p['detail'] as DetailKey}`) : null;
      const near = p['near'] && typeof p['near'] === 'object' ? loc.name(p['near'] as LocalizedName) : null;
      const what = detail ? `${category} (${detail})` : category;
      return near
        ? t('risk.explain.eventsNear', { what, n: num(p['count']), days: num(p['days']), near })
        : t('risk.explain.events', { what, n: num(p['count']), days: num(p['days']) });
    }
    if (x.key === 'no_events') return t('risk.explain.noEvents', { days: num(p['days']) });
    if (x.key === 'override') return t('risk.explain.override', { level: t(`map.impact.${p['level'] as 'low'}`), reason: String(p['reason']), until: loc.date(String(p['until'])) });
    if (x.key.startsWith('factor.')) {
      const f = x.key.slice('factor.'.length);
      if (!has(en.risk.explain.factor, f)) return x.key;
      const season = has(en.risk.season, p['season']) ? t(`risk.season.${p['season'] as SeasonKey}`) : '';
      const terrain = typeof p['terrain'] === 'string' && isTerrainKey(p['terrain']) ? t(`terrain.${p['terrain']}`) : '';
      return t(`risk.explain.factor.${f as FactorKey}`, {
        factor: num(p['factor'], 2),
        season,
        terrain,
        crossings: num(p['crossings']),
        understaffed: num(p['understaffed']),
        posts: num(p['posts']),
        coverage: num(p['coverage']),
      });
    }
    return x.key;
  };
}

export function ExplanationList({ items, max = 8 }: { items: ExplanationItem[]; max?: number }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const explain = useExplain();
  return (
    <ul className="risk-explanation" data-testid="risk-explanation">
      {items.slice(0, max).map((x, i) => (
        <li key={i} data-key={x.key}>
          {explain(x)}
          {x.key !== 'no_events' && x.key !== 'override' && (
            <span className="risk-share" title={t('risk.share')}>
              {' '}
              ({x.share >= 0 ? '+' : '−'}
              {formatPercent(Math.abs(x.share), loc.lang)})
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
