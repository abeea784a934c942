// What the UI offers to whom: mirrors the server's permission matrix
// (src/domain/policy/permissions.ts). The server still decides; this only hides what would 403.
import type { Role, User } from './types.ts';

export type WebAction = 'alerts:read' | 'alerts:write' | 'alerts:import' | 'screening:run' | 'screening:decide';

const PERMISSIONS: Record<WebAction, readonly Role[]> = {
  'alerts:read': ['reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander', 'administrator'],
  'alerts:write': ['validator', 'analyst', 'liaison_officer', 'commander'],
  'alerts:import': ['analyst', 'administrator'],
  'screening:run': ['reporter', 'validator', 'analyst', 'liaison_officer', 'customs_officer', 'commander'],
  'screening:decide': ['reporter', 'validator', 'customs_officer', 'commander'],
};

export function can(user: Pick<User, 'roles'>, action: WebAction): boolean {
  return user.roles.some((r) => PERMISSIONS[action].includes(r));
}
