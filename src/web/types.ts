// Shapes of the API answers (see docs/api-contract.md).
// Roles, locales and TLP levels come from the server's own domain modules (pure, no I/O),
// so the UI can never drift from the rules the server applies.
import type { FalsePositiveView } from '../domain/screening/false-positive-view.ts';
import type en from './i18n/locales/en.ts';
import type { Locale } from '../domain/policy/roles.ts';

export { ROLES, type Role } from '../domain/policy/roles.ts';
import type { Role } from '../domain/policy/roles.ts';
import type { Adjustment, AdjustmentDetail } from '../domain/names/types.ts';
import type { TLP_LEVELS as SERVER_TLP_LEVELS, Tlp } from '../domain/records/marking.ts';
export type { Tlp };

export type LocalizedName = Record<Locale, string>;
export type UnitKind = keyof typeof en.unitKind;
export type ImpactLevel = 'low' | 'medium' | 'high' | 'critical';
export type UserLocale = Locale;

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

/** A border community (village or town) from GET /api/communities. */
export interface Community {
  id: string;
  stateCode: string;
  name: LocalizedName;
  location: [number, number];
  sectionId: string | null;
  population: number | null;
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

// ---------- alerts and screening ----------
/**
 * The server's TLP levels, least to most restrictive. marking.ts imports zod (+85 kB, +24 kB
 * gzipped in the bundle), so only its types are imported: `satisfies` fails to compile if this
 * list ever differs from the server's, order included.
 */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const satisfies typeof SERVER_TLP_LEVELS;
export type HitAction = 'arrest' | 'deny_entry' | 'discreet_check' | 'inform_owner';
/** Most to least severe: the order of the action select. */
export const HIT_ACTIONS: readonly HitAction[] = ['arrest', 'deny_entry', 'discreet_check', 'inform_owner'];
export type SubjectKind = 'person' | 'vehicle' | 'document';
export const SUBJECT_KINDS: readonly SubjectKind[] = ['person', 'vehicle', 'document'];
export type AlertSource = 'local' | 'un_sc';
export type NameQuality = 'good' | 'low';

export interface Marking {
  tlp: Tlp;
  releasableTo: { states: string[]; agencies: string[]; units: string[] };
  hops: number;
}

export type AlertBirthDate =
  | { kind: 'exact'; date: string }
  | { kind: 'approximate'; year: number }
  | { kind: 'between'; from: number; to: number };

export type AlertSubject =
  | {
      kind: 'person';
      names: { name: string; quality: NameQuality }[];
      birthDates: AlertBirthDate[];
      nationalities: string[];
      documents: string[];
    }
  | { kind: 'vehicle'; plate: string; description: string | null }
  | { kind: 'document'; number: string; documentType: string | null };

export interface Alert {
  id: string;
  version: number;
  marking: Marking;
  ownerNode: string;
  ownerState: string;
  createdAt: string;
  updatedAt: string;
  subject: AlertSubject;
  reason: string;
  action: HitAction;
  validFrom: string;
  validUntil: string | null;
  source: AlertSource;
  sourceRef: string | null;
  active: boolean;
  /** What this user may do with this alert, decided by the server's policy. */
  abilities: { update: boolean; revoke: boolean; lowerMarking: boolean };
}

export type MatchHow = 'exact' | 'translit' | 'phonetic' | 'fuzzy' | 'optional-suffix' | 'compound' | 'unmatched';
export type AdjustmentKind = Adjustment['kind'];
export type { AdjustmentDetail };

export interface HitExplanation {
  matchedName: string;
  aliasQuality: NameQuality;
  nameScore: number;
  parts: { query: string; entry: string; how: MatchHow; similarity: number; weight: number }[];
  adjustments: { kind: AdjustmentKind; detail: AdjustmentDetail; effect: number }[];
}

export interface ScreeningHit {
  alertId: string;
  score: number;
  matchedName: string;
  matchedNameInReaderScript: string;
  explanation: HitExplanation;
  alert: { subjectKind: SubjectKind; reason: string; action: HitAction; source: AlertSource; sourceRef: string | null; tlp: Tlp; ownerState: string };
  /** The listed person's identifiers (persons only). */
  person: { birthDates: ({ kind: 'exact'; date: string } | { kind: 'approximate'; year: number } | { kind: 'between'; from: number; to: number })[]; nationalities: string[]; documents: string[] } | null;
  /** A false-positive decision of the reader's agency suppresses this hit until expiresAt. */
  suppressed: Suppression | null;
}

export interface Suppression {
  falsePositiveId: string;
  expiresAt: string;
}

export interface ScreeningResult {
  id: string;
  at: string;
  threshold: number;
  /** Raised hits, suppressed ones not included. */
  hitCount: number;
  suppressedCount: number;
  /** Raised hits first, then suppressed ones. */
  hits: ScreeningHit[];
}

export type { FalsePositiveStatus, FalsePositiveView as FalsePositiveDecision } from '../domain/screening/false-positive-view.ts';

export interface FalsePositivePage {
  items: FalsePositiveView[];
  total: number;
  limit: number;
  offset: number;
}

export type HitDecision = 'confirmed' | 'false_positive';

export interface DecisionAnswer {
  screeningId: string;
  alertId: string;
  decision: HitDecision;
  decidedAt: string;
  /** Set when a false positive suppresses this traveller's hits for the reader's agency. */
  suppression: Suppression | null;
}

export interface UnImportSummary {
  individuals: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  withOriginalScript: number;
}

/** Nationalities offered in forms (names under `country.*` in every locale). */
export const COUNTRY_CODES = ['TJ', 'AF', 'UZ', 'KG', 'TM', 'PK', 'IR', 'CN', 'RU', 'IN'] as const;
export type CountryCode = (typeof COUNTRY_CODES)[number];
export function isCountryCode(v: string): v is CountryCode {
  return (COUNTRY_CODES as readonly string[]).includes(v);
}
