// What the UI offers to whom. Role-level (which pages and forms): the server's own authorize()
// two-argument form (src/domain/policy/authorize.ts, pure), so the UI cannot drift from it.
// Per record (which buttons on which alert): the `abilities` the server sends with the record,
// because only the server knows the record's owner and this node. The server still decides;
// this only hides what would be refused.
import { allows } from '../domain/policy/authorize.ts';
import type { Action } from '../domain/policy/permissions.ts';
import type { Subject } from '../domain/policy/roles.ts';

export type WebAction = Action;
export const can = (user: Pick<Subject, 'roles'>, action: Action): boolean => allows({ userId: '', stateCode: '', agencyId: '', unitId: null, ...user }, action);
