import { validation } from '../../errors.ts';
import type { Participant } from '../../domain/meetings/meeting.ts';
import type { MeetingTarget } from '../../domain/policy/meetings.policy.ts';
import { listRecords, type SavedRecord } from '../../store/records.repository.ts';
import type { Executor } from '../../store/transaction.ts';

/**
 * The registry as meetings need it. Each node seeds its registry with its own ids, so a
 * participant written on the other side is found here by its unit and agency refs.
 */
export interface RegistryIndex {
  units: Map<string, SavedRecord<'unit'>>;
  unitIdByRef: Map<string, string>;
  agencyRefById: Map<string, string | null>;
  agencyIdByRef: Map<string, string>;
}

export async function registryIndex(db: Executor): Promise<RegistryIndex> {
  const [units, agencies] = await Promise.all([listRecords(db, 'unit'), listRecords(db, 'agency')]);
  return {
    units: new Map(units.map((u) => [u.id, u])),
    unitIdByRef: new Map(units.flatMap((u) => (u.body.ref ? [[u.body.ref, u.id] as const] : []))),
    agencyRefById: new Map(agencies.map((a) => [a.id, a.body.ref])),
    agencyIdByRef: new Map(agencies.flatMap((a) => (a.body.ref ? [[a.body.ref, a.id] as const] : []))),
  };
}

/** Participants from this node's unit ids, with the refs the other node resolves them by. */
export function participantsOf(index: RegistryIndex, unitIds: readonly string[], path = 'participantUnitIds'): Participant[] {
  const unknown = unitIds.filter((id) => !index.units.has(id));
  if (unknown.length) throw validation(`${path}: unknown unit ${unknown[0]}`, unknown.map((id) => ({ path, message: `unknown unit ${id}` })));
  return [...new Set(unitIds)].map((id) => {
    const u = index.units.get(id)!;
    return { unitId: u.id, unitRef: u.body.ref ?? null, agencyId: u.body.agencyId, agencyRef: index.agencyRefById.get(u.body.agencyId) ?? null, stateCode: u.body.stateCode };
  });
}

/** The participants as this node's ids (for the policy): a local id as is, a peer's by ref. */
export function localParticipants(index: RegistryIndex, participants: readonly Participant[]): MeetingTarget['participants'] {
  const unitIds = new Set<string>();
  const agencyIds = new Set<string>();
  for (const p of participants) {
    const unit = index.units.has(p.unitId) ? p.unitId : p.unitRef ? index.unitIdByRef.get(p.unitRef) : undefined;
    if (unit) unitIds.add(unit);
    const agency = index.agencyRefById.has(p.agencyId) ? p.agencyId : p.agencyRef ? index.agencyIdByRef.get(p.agencyRef) : undefined;
    if (agency) agencyIds.add(agency);
  }
  return { unitIds: [...unitIds], agencyIds: [...agencyIds] };
}

export const statesOf = (participants: readonly Participant[]) => [...new Set(participants.map((p) => p.stateCode))].sort();
