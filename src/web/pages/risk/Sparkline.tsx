import { useTranslation } from 'react-i18next';
import { IMPACT_COLORS } from '../MapPage.tsx';
import { levelRank, type RiskLevel, type Snapshot } from './types.ts';

/** The level over the last days as a step line (0 = low … 3 = critical), coloured by the current level. */
export function Sparkline({ points, from, to, level }: { points: Snapshot[]; from: number; to: number; level: RiskLevel }) {
  const { t } = useTranslation();
  const W = 120;
  const H = 24;
  const x = (ms: number) => ((ms - from) / Math.max(1, to - from)) * W;
  const y = (l: RiskLevel) => H - 3 - (levelRank(l) / 3) * (H - 6);
  const steps: string[] = [];
  let last: RiskLevel | null = null;
  for (const p of points) {
    const px = Math.max(0, x(Date.parse(p.at)));
    if (last === null) steps.push(`M${px.toFixed(1)},${y(p.level).toFixed(1)}`);
    else steps.push(`H${px.toFixed(1)}V${y(p.level).toFixed(1)}`);
    last = p.level;
  }
  if (last !== null) steps.push(`H${W}V${y(level).toFixed(1)}`);
  return (
    <svg className="risk-sparkline" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('risk.history')} data-testid="risk-sparkline">
      <line x1="0" x2={W} y1={y('low')} y2={y('low')} stroke="#e2e8f0" />
      {steps.length > 0 && <path d={steps.join('')} fill="none" stroke={IMPACT_COLORS[level]} strokeWidth="2" />}
    </svg>
  );
}

export function TrendArrow({ trend }: { trend: number }) {
  const { t } = useTranslation();
  const label = trend > 0 ? t('risk.trendUp') : trend < 0 ? t('risk.trendDown') : t('risk.trendSteady');
  return (
    <span className={`risk-trend trend-${trend > 0 ? 'up' : trend < 0 ? 'down' : 'steady'}`} title={label} aria-label={label} data-testid="risk-trend" data-trend={trend}>
      {trend > 0 ? '↑' : trend < 0 ? '↓' : '='}
    </span>
  );
}
