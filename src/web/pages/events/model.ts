// The event (incident) as the web app sees it: GET /api/events answers GeoJSON (docs/events.md).
// Constants are repeated here, type-checked against src/domain/events/event.ts (importing its
// values would bring zod into the bundle).
import type { EventCategory, EventSeverity, EventStatus, EventTransition, Reliability } from '../../../domain/events/event.ts';
import type { LocalizedName, Tlp } from '../../types.ts';

export const CATEGORIES = [
  'illegal_crossing',
  'smuggling_narcotics',
  'smuggling_arms',
  'smuggling_goods',
  'smuggling_fuel',
  'smuggling_livestock',
  'trafficking_persons',
  'armed_incident',
  'detention',
  'suspicious_activity',
  'infrastructure_damage',
  'flood',
  'mudflow',
  'landslide',
  'avalanche',
  'earthquake',
] as const satisfies readonly EventCategory[];
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const satisfies readonly EventSeverity[];
export const STATUSES = ['draft', 'submitted', 'returned', 'validated', 'published', 'closed'] as const satisfies readonly EventStatus[];
export const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const satisfies readonly Reliability[];
export const CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;
export const TRANSITIONS = ['submit', 'validate', 'return', 'publish', 'close'] as const satisfies readonly EventTransition[];

// every domain value is listed here too
type Missing<A, B> = Exclude<A, B>;
const _complete: [Missing<EventCategory, (typeof CATEGORIES)[number]>, Missing<EventStatus, (typeof STATUSES)[number]>] = [null as never, null as never];
void _complete;

export type Category = (typeof CATEGORIES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type Status = (typeof STATUSES)[number];
export type Transition = (typeof TRANSITIONS)[number];

export const SEVERITY_COLORS: Record<Severity, string> = { low: '#2e7d32', medium: '#c58a00', high: '#d9480f', critical: '#7f1d1d' };

export interface EventProps {
  id: string;
  version: number;
  category: Category;
  severity: Severity;
  status: Status;
  occurredAt: string;
  detectedAt: string | null;
  reportedAt: string;
  location: { lat: number; lon: number };
  sectionId: string | null;
  unitId: string | null;
  reportingUnitId: string | null;
  narrative: { text: string; lang: string };
  grading: { reliability: (typeof RELIABILITY)[number]; credibility: number };
  returnComment: string | null;
  firstPublishedAt: string | null;
  closure: { outcome: 'resolved' | 'did_not_happen'; at: string; comment: string | null } | null;
  marking?: { tlp: Tlp; releasableTo?: { states: string[] } };
  abilities?: Partial<Record<Transition | 'update', boolean>>;
  [k: string]: unknown;
}

export interface EventFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: EventProps;
}

export interface EventPage {
  type: 'FeatureCollection';
  features: EventFeature[];
  next: string | null;
}

export interface HistoryEntry {
  version: number;
  changedBy: string | null;
  changedAt: string;
  status: Status;
  body: Partial<EventProps>;
}

export interface SectionRef {
  id: string;
  name: LocalizedName;
}
