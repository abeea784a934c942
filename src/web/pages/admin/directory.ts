import { api } from '../../api.ts';
import type { Agency, ListAnswer, State, Unit, User } from '../../types.ts';

/** Everything the admin page shows, loaded together. */
export interface Directory {
  users: User[];
  agencies: Agency[];
  units: Unit[];
  states: State[];
}

export async function loadDirectory(): Promise<Directory> {
  const [users, agencies, units, states] = await Promise.all([
    api.get<ListAnswer<User>>('/api/users'),
    api.get<ListAnswer<Agency>>('/api/agencies'),
    api.get<ListAnswer<Unit>>('/api/units'),
    api.get<ListAnswer<State>>('/api/states'),
  ]);
  return { users: users.items, agencies: agencies.items, units: units.items, states: states.items };
}
