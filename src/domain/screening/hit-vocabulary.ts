/**
 * The words of a hit report (docs/screening.md "After a hit"), zod-free so the web app reads
 * the same lists as the body schema without loading zod.
 */
export const HIT_ACTIONS = ['entry_refused', 'person_held', 'discreet_check_done', 'specific_check_done', 'entry_allowed', 'document_seized', 'vehicle_seized', 'other'] as const;
export type HitAction = (typeof HIT_ACTIONS)[number];

export const REQUESTED_ACTIONS = ['none', 'hold_person', 'refuse_entry', 'discreet_check', 'seize_document', 'seize_vehicle', 'contact_owner', 'release'] as const;
export type RequestedAction = (typeof REQUESTED_ACTIONS)[number];
