/**
 * Controlled vocabularies of the partners' 3W (who does what where): the partners of the 2012
 * Dushanbe conference, equipment kinds, units of measure, conditions, initiative statuses.
 * A sheet from a partner must use these codes (docs/partners.md lists them).
 */

/** The partners named by the 2012 Japan–EU conference (docs/partners.md); others may be added by code. */
export const CONFERENCE_PARTNERS = ['AKDN', 'EU', 'GIZ', 'JAPAN', 'MISSION_EAST', 'OSCE', 'RUSSIA', 'UNDP', 'UNODC', 'UNOPS', 'USA'] as const;
export const PARTNER_NAMES: Record<string, string> = {
  AKDN: 'Aga Khan Development Network',
  EU: 'European Union',
  GIZ: 'Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)',
  JAPAN: 'Government of Japan',
  MISSION_EAST: 'Mission East',
  OSCE: 'Organization for Security and Co-operation in Europe',
  RUSSIA: 'Russian Federation',
  UNDP: 'United Nations Development Programme',
  UNODC: 'United Nations Office on Drugs and Crime',
  UNOPS: 'United Nations Office for Project Services',
  USA: 'United States of America',
};
/** A partner code: upper-case letters, digits and underscores (a new donor is a new code). */
export const PARTNER_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;

export const INITIATIVE_STATUSES = ['planned', 'ongoing', 'completed', 'suspended', 'cancelled'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

export const EQUIPMENT_KINDS = [
  'vehicle',
  'night_vision',
  'boat',
  'helicopter',
  'radio',
  'thermal_camera',
  'drone',
  'x-ray_scanner',
  'generator',
  'computer',
  'drug_test_kit',
  'metal_detector',
  'binoculars',
  'building',
] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];

export const EQUIPMENT_UNITS = ['piece', 'set', 'kit', 'unit'] as const;
export const EQUIPMENT_CONDITIONS = ['new', 'serviceable', 'needs_repair', 'out_of_service'] as const;
export type EquipmentCondition = (typeof EQUIPMENT_CONDITIONS)[number];
/** Equipment that counts as present for the gaps view. */
export const WORKING_CONDITIONS: readonly EquipmentCondition[] = ['new', 'serviceable'];

/** Agencies are named by registry ref (e.g. tj-border-troops) so a sheet travels between nodes. */
export const AGENCY_REF = /^[a-z0-9][a-z0-9-]{1,79}$/;
