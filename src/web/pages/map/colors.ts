import type { ImpactLevel, UnitKind } from '../../types.ts';

export const IMPACT_COLORS: Record<ImpactLevel | 'none', string> = {
  low: '#2e7d32',
  medium: '#e0a100',
  high: '#e4572e',
  critical: '#7f1d1d',
  none: '#64748b',
};

export const UNIT_KINDS: readonly UnitKind[] = ['crossing_point', 'border_post', 'blo', 'headquarters'];
