import { tlpRank, type Marking } from '../records/marking.ts';

/**
 * How a new marking relates to the old one. `lower` when anyone could receive the record who
 * could not before: a less restrictive TLP, a state/agency/unit added to releasability, or more
 * federation hops — even if something else was tightened at the same time. `raise` when it only
 * narrows. Lowering needs more authority than raising (see alert.policy.ts).
 */
export type MarkingChange = 'same' | 'raise' | 'lower';

const added = (before: readonly string[], after: readonly string[]) => after.some((x) => !before.includes(x));

export function markingChange(from: Marking, to: Marking): MarkingChange {
  const a = from.releasableTo;
  const b = to.releasableTo;
  const widened =
    tlpRank(to.tlp) < tlpRank(from.tlp) || added(a.states, b.states) || added(a.agencies, b.agencies) || added(a.units, b.units) || to.hops > from.hops;
  if (widened) return 'lower';
  const narrowed =
    tlpRank(to.tlp) > tlpRank(from.tlp) || added(b.states, a.states) || added(b.agencies, a.agencies) || added(b.units, a.units) || to.hops < from.hops;
  return narrowed ? 'raise' : 'same';
}
