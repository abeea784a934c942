// The event (incident) as the web app sees it: GET /api/events answers GeoJSON (docs/events.md).
// The vocabulary comes from the domain's zod-free module, so the bundle stays light.
import {
  EVENT_CATEGORIES as CATEGORIES,
  EVENT_SEVERITIES as SEVERITIES,
  EVENT_STATUSES as STATUSES,
  EVENT_TRANSITIONS as TRANSITIONS,
  RELIABILITIES as RELIABILITY,
} from '../../../domain/events/vocabulary.ts';
import type { LocalizedName, Tlp } from '../../types.ts';

export { CATEGORIES, SEVERITIES, STATUSES, RELIABILITY, TRANSITIONS };
export const CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;

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
