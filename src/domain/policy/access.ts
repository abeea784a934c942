import type { Marking } from '../records/marking.ts';
import type { RecordOwner } from '../records/record.ts';
import type { Subject } from './roles.ts';

export interface MarkedRecord {
  owner: RecordOwner;
  marking: Marking;
  createdBy: string;
}

/**
 * May this subject see this record, given its TLP 2.0 marking and releasability?
 * CLEAR/GREEN: any authenticated user of the node (partners included — GREEN is community-wide).
 * AMBER: the owner's state, plus listed states, agencies and units; partner observers only when
 *   their agency or unit is listed by name, never through their state (holding another role
 *   besides partner_observer does not lift that).
 * AMBER+STRICT: the owner's agency, plus listed agencies and units.
 * RED: the creator, the owner's unit and listed units only — no role, however senior, bypasses it.
 */
export function canSee(subject: Subject, record: MarkedRecord): boolean {
  const { marking, owner } = record;
  const listed = marking.releasableTo;
  const byAgency = listed.agencies.includes(subject.agencyId);
  const byUnit = subject.unitId !== null && listed.units.includes(subject.unitId);
  switch (marking.tlp) {
    case 'CLEAR':
    case 'GREEN':
      return true;
    case 'AMBER': {
      if (byAgency || byUnit) return true;
      if (subject.roles.includes('partner_observer')) return false;
      return subject.stateCode === owner.state || listed.states.includes(subject.stateCode);
    }
    case 'AMBER+STRICT':
      return byAgency || byUnit || (owner.agencyId !== null && subject.agencyId === owner.agencyId);
    case 'RED':
      return (
        subject.userId === record.createdBy ||
        byUnit ||
        (owner.unitId !== null && subject.unitId === owner.unitId)
      );
  }
}
