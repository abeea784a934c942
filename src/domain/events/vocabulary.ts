/**
 * The event vocabulary (categories, severities, workflow statuses and steps, Admiralty
 * reliability) without zod, so that the web app and the risk model share these very lists.
 */

export const EVENT_CATEGORIES = [
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
] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

/** Natural hazards among the categories (warnings, damage reports and the risk model treat them apart). */
export const HAZARD_CATEGORIES: readonly EventCategory[] = ['flood', 'mudflow', 'landslide', 'avalanche', 'earthquake'];

export const EVENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type EventSeverity = (typeof EVENT_SEVERITIES)[number];

/** JORA workflow. Only `published` (and `closed`, which was published) events enter the picture. */
export const EVENT_STATUSES = ['draft', 'submitted', 'returned', 'validated', 'published', 'closed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const PICTURE_STATUSES: readonly EventStatus[] = ['published', 'closed'];

/** Admiralty code (NATO AJP-2.1): source reliability A (completely reliable) … F (cannot be judged). */
export const RELIABILITIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITIES)[number];

export const EVENT_TRANSITIONS = ['submit', 'validate', 'return', 'publish', 'close'] as const;
export type EventTransition = (typeof EVENT_TRANSITIONS)[number];
