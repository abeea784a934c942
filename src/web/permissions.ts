// What the UI offers to whom. Role-level (which pages and forms): the server's own permission
// table (src/domain/policy/permissions.ts, pure — the same `can` that authorize() applies when
// there is no target), so the UI cannot drift from it. Not authorize.ts itself: through the
// events policy it imports zod (+85 kB on the login). Per record (which buttons on which alert
// or event): the `abilities` the server sends with the record, because only the server knows
// the record's owner and this node. The server still decides; this only hides what would be refused.
import { can as roleCan, type Action } from '../domain/policy/permissions.ts';
import type { Subject } from '../domain/policy/roles.ts';

export type WebAction = Action;
export const can = (user: Pick<Subject, 'roles'>, action: Action): boolean => roleCan(user, action);
