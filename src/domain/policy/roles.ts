export const ROLES = [
  'reporter',
  'validator',
  'analyst',
  'liaison_officer',
  'customs_officer',
  'commander',
  'partner_observer',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['en', 'ru', 'tg', 'fa', 'ps'] as const;
export type Locale = (typeof LOCALES)[number];

/** The person (or machine) asking, as policies see them. */
export interface Subject {
  userId: string;
  roles: readonly Role[];
  stateCode: string;
  agencyId: string;
  unitId: string | null;
}
