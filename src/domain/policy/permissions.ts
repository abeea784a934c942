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
  'alerts:import',
  'screening:run',
  'screening:decide',
  'federation:admin',
  'tokens:manage-own',
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
  'alerts:import': ['analyst', 'administrator'],
  'screening:run': ['reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander'],
  'screening:decide': ['reporter', 'validator', 'customs_officer', 'commander'],
  // Peers and sharing agreements decide what leaves the node: administrators only.
  'federation:admin': ['administrator'],
  // Everyone may list, create and revoke their own API tokens; others' tokens need users:write.
  'tokens:manage-own': EVERY_ROLE,
};

export function can(subject: Pick<Subject, 'roles'>, action: Action): boolean {
  const allowed = PERMISSIONS[action];
  return subject.roles.some((role) => allowed.includes(role));
}
