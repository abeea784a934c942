import type { AlertBody } from '../alerts/alert.ts';
import type { EventBody } from '../events/event.ts';
import type { DamageBody, ResourceBody } from '../warnings/damage.ts';
import type { GaugeBody } from '../warnings/gauge.ts';
import type { WarningBody } from '../warnings/cap.ts';
import type { AssessmentBody } from '../risk/assessment-record.ts';
import type { SeizureBody } from '../events/seizure.ts';
import type { CrossingPointBody } from '../trade/crossing-point.ts';
import type { CrossingBody } from '../trade/crossing-times.ts';
import type { DeclarationBody } from '../trade/declaration.ts';
import type { TransitBody } from '../trade/transit.ts';
import type { EquipmentBody, InitiativeBody, TrainingBody } from '../partners/records.ts';
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
  warning: WarningBody;
  gauge: GaugeBody;
  damage: DamageBody;
  resource: ResourceBody;
  assessment: AssessmentBody;
  seizure: SeizureBody;
  crossing_point: CrossingPointBody;
  declaration: DeclarationBody;
  transit: TransitBody;
  crossing: CrossingBody;
  initiative: InitiativeBody;
  training: TrainingBody;
  equipment: EquipmentBody;
}
export type RecordKind = keyof RecordBodies;
