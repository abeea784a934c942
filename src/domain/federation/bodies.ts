import type { z } from 'zod';
import { alertBodySchema } from '../alerts/alert.ts';
import { eventBodySchema } from '../events/event.ts';
import { warningBodySchema } from '../warnings/cap.ts';
import { damageBodySchema, resourceBodySchema } from '../warnings/damage.ts';
import { gaugeBodySchema } from '../warnings/gauge.ts';
import { seizureBodySchema } from '../events/seizure.ts';
import { crossingPointBodySchema } from '../trade/crossing-point.ts';
import { crossingBodySchema } from '../trade/crossing-times.ts';
import { declarationBodySchema } from '../trade/declaration.ts';
import { transitBodySchema } from '../trade/transit.ts';
import { channelBodySchema, messageBodySchema } from '../liaison/liaison.ts';
import { actionItemBodySchema, actionUpdateBodySchema, meetingBodySchema } from '../meetings/meeting.ts';
import { jointOperationBodySchema, operationReportBodySchema } from '../meetings/operation.ts';
import { equipmentBodySchema, initiativeBodySchema, trainingBodySchema } from '../partners/records.ts';
import type { RecordKind } from '../records/bodies.ts';
import { assessmentBodySchema } from '../risk/assessment-record.ts';
import { hitReportBodySchema } from '../screening/hit-report.ts';
import { agencyBodySchema, communityBodySchema, sectionBodySchema, stateBodySchema, unitBodySchema } from '../registry/entities.ts';

/** Body schema per record type: a received body is validated like a locally written one. */
export const RECORD_BODY_SCHEMAS: Record<RecordKind, z.ZodType> = {
  state: stateBodySchema,
  agency: agencyBodySchema,
  unit: unitBodySchema,
  section: sectionBodySchema,
  community: communityBodySchema,
  alert: alertBodySchema,
  event: eventBodySchema,
  warning: warningBodySchema,
  gauge: gaugeBodySchema,
  damage: damageBodySchema,
  resource: resourceBodySchema,
  assessment: assessmentBodySchema,
  seizure: seizureBodySchema,
  crossing_point: crossingPointBodySchema,
  declaration: declarationBodySchema,
  transit: transitBodySchema,
  crossing: crossingBodySchema,
  liaison_channel: channelBodySchema,
  liaison_message: messageBodySchema,
  meeting: meetingBodySchema,
  action_item: actionItemBodySchema,
  action_update: actionUpdateBodySchema,
  joint_operation: jointOperationBodySchema,
  operation_report: operationReportBodySchema,
  hit_report: hitReportBodySchema,
  initiative: initiativeBodySchema,
  training: trainingBodySchema,
  equipment: equipmentBodySchema,
};

export function isRecordKind(type: string): type is RecordKind {
  return Object.hasOwn(RECORD_BODY_SCHEMAS, type);
}
