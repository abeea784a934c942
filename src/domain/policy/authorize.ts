import { forbidden } from '../../errors.ts';
import { can, type Action } from './permissions.ts';
import type { Subject } from './roles.ts';

/**
 * The one authorisation point. Every route, service, stream and CLI path asks here.
 * Two-argument form: may this subject perform this action at all (by role)?
 * (Being extended with per-resource policies on records: ownership, marking, agency.)
 */
export function allows(subject: Subject, action: Action): boolean {
  return can(subject, action);
}

/** Throws FORBIDDEN unless `allows()`. */
export function authorize(subject: Subject, action: Action): void {
  if (!allows(subject, action)) throw forbidden();
}
