import { z } from 'zod';
import { LOCALES, ROLES } from '../../../domain/policy/roles.ts';
import type { UserRow } from '../../../store/users.repository.ts';

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  agencyId: z.string(),
  unitId: z.string().nullable(),
  state: z.string(),
  locale: z.enum(LOCALES),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type UserView = z.output<typeof userSchema>;

/** What leaves the server about a user: never the password hash. */
export function presentUser(u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    agencyId: u.agencyId,
    unitId: u.unitId,
    state: u.stateCode,
    locale: u.locale as UserView['locale'],
    disabled: u.disabled,
    createdAt: u.createdAt,
  };
}
