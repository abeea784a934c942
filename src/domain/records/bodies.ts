import type { AlertBody } from '../alerts/alert.ts';
import type { EventBody } from '../events/event.ts';
import type { SeizureBody } from '../events/seizure.ts';
import type { AssessmentBody } from '../risk/assessment-record.ts';
import type { AgencyBody, CommunityBody, SectionBody, StateBody, UnitBody } from '../registry/entities.ts';

/** Every kind of shareable record and the shape of its body. */
export interface RecordBodies {
  state: StateBody;
  agency: AgencyBody;
  unit: UnitBody;
  section: SectionBody;
  community: CommunityBody;
  alert: AlertBody;
  event: EventBody;
  seizure: SeizureBody;
  assessment: AssessmentBody;
}
export type RecordKind = keyof RecordBodies;
