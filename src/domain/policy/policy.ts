import type { Action } from './permissions.ts';
import type { Predicate } from './predicates.ts';

/**
 * One resource's rules, as Outline writes them: which actions apply to a record of this kind
 * and the condition each needs, composed from the named predicates in predicates.ts.
 * An action with no rule here is refused on such a record (fail closed).
 */
export interface Policy<T, A extends Record<string, boolean> = Record<string, boolean>> {
  /** When false the subject may not know the record exists: NOT_FOUND, not FORBIDDEN. */
  visible: Predicate<T>;
  rules: Partial<Record<Action, Predicate<T>>>;
  /** What the client may offer on this record (buttons), from the same rules. */
  abilities(allows: (action: Action) => boolean, target: T): A;
}
