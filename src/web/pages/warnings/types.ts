/** Shapes of the hazard API answers the warnings page reads, and their loaders. */
import { api } from '../../api.ts';
import type { LocalizedName } from '../../types.ts';
import type { CAP_SEVERITIES, CapInfo } from '../../../domain/warnings/cap.ts';

export type Localized = LocalizedName;
export interface WarningItem {
  id: string;
  version: number;
  ownerState: string;
  active: boolean;
  cancelled: boolean;
  crossBorder: boolean;
  severity: (typeof CAP_SEVERITIES)[number];
  info: CapInfo;
  cap: { sent: string; identifier: string; msgType: string };
  capUrl: string;
  abilities: { update: boolean; cancel: boolean };
}
export interface WarningDetail extends WarningItem {
  affected: { sections: { id: string; name: Localized }[]; units: { id: string; name: Localized; stateCode: string }[]; communities: { id: string; name: Localized; stateCode: string }[] };
}
export interface Gauge {
  id: string;
  name: Localized;
  river: string;
  stateCode: string;
  thresholds: { watchCm: number; warningCm: number; dangerCm: number };
  latest: { at: string; levelCm: number } | null;
  level: 'normal' | 'watch' | 'warning' | 'danger' | null;
}
export interface Reading {
  at: string;
  levelCm: number;
}
export interface SectionDamage {
  sectionId: string | null;
  sectionName: Localized | null;
  reports: number;
  byKind: Record<string, number>;
  peopleAffected: number;
  peopleDisplaced: number;
  needs: Record<string, number>;
  states: string[];
}
export interface Gap {
  kind: string;
  byState: Record<string, number>;
  gapEverywhere: boolean;
  missingIn: string[];
}

export const lang = () => document.documentElement.lang || 'en';
export const loadWarnings = () => api.get<{ items: WarningItem[] }>(`/api/warnings?lang=${lang()}`);
export const loadGauges = () => api.get<{ items: Gauge[] }>('/api/gauges');
export const loadDamage = () => api.get<{ items: SectionDamage[] }>('/api/damage/summary');
export const loadResources = () => api.get<{ states: string[]; gaps: Gap[] }>('/api/resources');

