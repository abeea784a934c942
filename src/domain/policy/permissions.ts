import type { Role, Subject } from './roles.ts';

/** Actions that are allowed by role alone (marking checks come on top, in access.ts). */
export const ACTIONS = [
  'registry:read',
  'registry:write',
  'users:read',
  'users:write',
  'audit:read',
  'stream:read',
  'alerts:read',
  'alerts:write',
  'alerts:lower_marking',
  'alerts:import',
  'screening:run',
  'screening:decide',
  'screening:review',
  'federation:admin',
  'tokens:manage-own',
  'trade:read',
  'trade:write',
  'trade:analyse',
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERY_ROLE: readonly Role[] = [
  'reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander',
  'partner_observer', 'administrator',
];

/** The one table of who may do what. Tests walk it as a matrix. */
export const PERMISSIONS: Record<Action, readonly Role[]> = {
  'registry:read': EVERY_ROLE,
  'registry:write': ['administrator'],
  'users:read': ['administrator'],
  'users:write': ['administrator'],
  'audit:read': ['administrator', 'commander'],
  'stream:read': EVERY_ROLE,
  // Alerts hold personal data: partner observers never see them.
  'alerts:read': ['reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander', 'administrator'],
  'alerts:write': ['validator', 'analyst', 'liaison_officer', 'commander'],
  // Lowering a TLP or widening releasability lets more people read it: a senior judgement.
  // Which records: only the owning agency's (alert.policy.ts).
  'alerts:lower_marking': ['validator', 'commander'],
  'alerts:import': ['analyst', 'administrator'],
  'screening:run': ['reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander'],
  'screening:decide': ['reporter', 'validator', 'customs_officer', 'commander'],
  // Listing and undoing false-positive decisions (of their own agency: see false-positive.policy.ts).
  'screening:review': ['validator', 'commander'],
  // Peers and sharing agreements decide what leaves the node: administrators only.
  'federation:admin': ['administrator'],
  // Everyone may list, create and revoke their own API tokens; others' tokens need users:write.
  'tokens:manage-own': EVERY_ROLE,
  // Trade (declarations, transits, crossings): customs work them; analysts, liaison officers,
  // commanders and administrators read. Commercial data: partner observers and field reporters do not.
  'trade:read': ['customs_officer', 'analyst', 'liaison_officer', 'commander', 'administrator'],
  'trade:write': ['customs_officer'],
  // Selectivity rules and their hit rates: the risk analysts and commanders.
  'trade:analyse': ['analyst', 'commander'],
};

export function can(subject: Pick<Subject, 'roles'>, action: Action): boolean {
  const allowed = PERMISSIONS[action];
  return subject.roles.some((role) => allowed.includes(role));
}
