import type { Principal } from '../domain/policy/authorize.ts';
import type { Actor } from './users.service.ts';

/** The principal the policies judge: the signed-in subject, or node-local system work (CLI, seeding). */
export function principalOf(actor: Actor): Principal {
  return actor.kind === 'user' ? actor.subject : { system: actor.name };
}
