// Shapes of the API answers (see docs/api-contract.md).
import type en from './i18n/locales/en.ts';

export type LocalizedName = { en: string; ru: string; tg: string; fa: string; ps: string };
export type Role = keyof typeof en.roles;
export type UnitKind = keyof typeof en.unitKind;
export type ImpactLevel = 'low' | 'medium' | 'high' | 'critical';
export type UserLocale = 'en' | 'ru' | 'tg' | 'fa' | 'ps';

export const ROLES: readonly Role[] = [
  'reporter',
  'validator',
  'analyst',
  'liaison_officer',
  'customs_officer',
  'commander',
  'partner_observer',
  'administrator',
];
export const UNIT_KINDS: readonly UnitKind[] = ['border_post', 'crossing_point', 'blo', 'headquarters'];
export const IMPACT_LEVELS: readonly ImpactLevel[] = ['low', 'medium', 'high', 'critical'];

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  agencyId: string;
  unitId: string | null;
  state: string;
  locale: UserLocale;
  disabled: boolean;
  createdAt: string;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface State {
  code: string;
  name: LocalizedName;
}

export interface Agency {
  id: string;
  stateCode: string;
  kind: string;
  name: LocalizedName;
}

export interface Unit {
  id: string;
  agencyId: string;
  stateCode: string;
  kind: UnitKind;
  name: LocalizedName;
  location: [number, number];
  approximate: boolean;
  locode: string | null;
  sectionId: string | null;
  pairedWithId: string | null;
}

export interface SectionProperties {
  id: string;
  name: LocalizedName;
  order: number;
  terrain: string;
  riverName: LocalizedName | string | null;
  lengthKm: number;
  /** province on each side, keyed by state code */
  provinces: Record<string, string> | null;
  /** share of the section under regular patrol, 0..1 */
  patrolCoverage: number | null;
  impactLevel: ImpactLevel | null;
}

export interface SectionFeature {
  type: 'Feature';
  id?: string;
  geometry: { type: 'LineString'; coordinates: [number, number][] } | { type: 'MultiLineString'; coordinates: [number, number][][] };
  properties: SectionProperties;
}

export interface SectionCollection {
  type: 'FeatureCollection';
  features: SectionFeature[];
}

export interface ListAnswer<T> {
  items: T[];
}

export interface StreamRecordEvent {
  type: string;
  id: string;
  version: number;
  op: string;
}
