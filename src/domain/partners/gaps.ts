import type { EquipmentBody } from './records.ts';
import { WORKING_CONDITIONS, type EquipmentKind } from './vocabulary.ts';

/**
 * The gaps view's rules, in one place (docs/partners.md): which equipment each kind of place
 * should have. A rule is met by working equipment (new or serviceable) held there:
 * - `unit`: at each unit of the listed kinds (a post without a vehicle);
 * - `section`: at the section or any unit in it, per state (a section without night vision on the TJ bank);
 * - `state`: anywhere in the state (no helicopter for border management on either side).
 */
export type GapRule =
  | { id: string; scope: 'unit'; unitKinds: readonly string[]; kind: EquipmentKind }
  | { id: string; scope: 'section'; kind: EquipmentKind }
  | { id: string; scope: 'state'; kind: EquipmentKind };

export const GAP_RULES: readonly GapRule[] = [
  { id: 'post-without-vehicle', scope: 'unit', unitKinds: ['border_post'], kind: 'vehicle' },
  { id: 'post-without-radio', scope: 'unit', unitKinds: ['border_post', 'blo'], kind: 'radio' },
  { id: 'crossing-without-x-ray', scope: 'unit', unitKinds: ['crossing_point'], kind: 'x-ray_scanner' },
  { id: 'section-without-night-vision', scope: 'section', kind: 'night_vision' },
  { id: 'state-without-helicopter', scope: 'state', kind: 'helicopter' },
  { id: 'state-without-boat', scope: 'state', kind: 'boat' },
];

export interface GapUnit {
  id: string;
  ref: string | null;
  kind: string;
  stateCode: string;
  sectionId: string | null;
  name: string;
}
export interface GapSection {
  id: string;
  ref: string | null;
  name: string;
}
export interface Gap {
  rule: string;
  kind: EquipmentKind;
  scope: GapRule['scope'];
  stateCode: string;
  place: { type: 'unit' | 'section' | 'state'; id: string | null; ref: string | null; name: string } | null;
}

/** Gaps: one row per (rule, place, state) where no working equipment of the rule's kind is held. */
export function findGaps(input: { units: readonly GapUnit[]; sections: readonly GapSection[]; states: readonly string[]; equipment: readonly EquipmentBody[]; rules?: readonly GapRule[] }): Gap[] {
  const { units, sections, states, equipment } = input;
  const rules = input.rules ?? GAP_RULES;
  const unitById = new Map(units.map((u) => [u.id, u]));
  const unitByRef = new Map(units.filter((u) => u.ref).map((u) => [u.ref!, u]));
  const sectionByRef = new Map(sections.filter((s) => s.ref).map((s) => [s.ref!, s.id]));
  const working = equipment.filter((e) => WORKING_CONDITIONS.includes(e.condition) && e.quantity > 0);
  // Resolve each delivery to (unit id | null, section id | null, state): ids are per node, refs travel.
  const held = working.map((e) => {
    const unit = e.place?.type === 'unit' ? (unitById.get(e.place.id) ?? (e.place.ref ? unitByRef.get(e.place.ref) : undefined)) : undefined;
    const sectionId = e.place?.type === 'section' ? (sections.some((s) => s.id === e.place!.id) ? e.place.id : e.place.ref ? (sectionByRef.get(e.place.ref) ?? null) : null) : (unit?.sectionId ?? null);
    return { kind: e.kind, unitId: unit?.id ?? null, sectionId, stateCode: e.stateCode };
  });
  const has = (kind: EquipmentKind, where: (h: (typeof held)[number]) => boolean) => held.some((h) => h.kind === kind && where(h));
  const out: Gap[] = [];
  for (const rule of rules) {
    if (rule.scope === 'unit') {
      for (const u of units) {
        if (!rule.unitKinds.includes(u.kind) || has(rule.kind, (h) => h.unitId === u.id)) continue;
        out.push({ rule: rule.id, kind: rule.kind, scope: rule.scope, stateCode: u.stateCode, place: { type: 'unit', id: u.id, ref: u.ref, name: u.name } });
      }
    } else if (rule.scope === 'section') {
      for (const s of sections) {
        for (const st of states) {
          if (!units.some((u) => u.sectionId === s.id && u.stateCode === st)) continue; // no presence on that bank: nothing to equip
          if (has(rule.kind, (h) => h.sectionId === s.id && h.stateCode === st)) continue;
          out.push({ rule: rule.id, kind: rule.kind, scope: rule.scope, stateCode: st, place: { type: 'section', id: s.id, ref: s.ref, name: s.name } });
        }
      }
    } else {
      for (const st of states) if (!has(rule.kind, (h) => h.stateCode === st)) out.push({ rule: rule.id, kind: rule.kind, scope: rule.scope, stateCode: st, place: null });
    }
  }
  return out;
}
