import { z } from 'zod';
import { actionItemBodySchema, ACTION_STATUSES, meetingBodySchema } from '../../../domain/meetings/meeting.ts';
import { afterActionFiguresSchema, jointOperationBodySchema, operationReportBodySchema } from '../../../domain/meetings/operation.ts';
import { serialize } from '../../../domain/policy/authorize.ts';
import type { MeetingTarget } from '../../../domain/policy/meetings.policy.ts';
import type { Subject } from '../../../domain/policy/roles.ts';
import { markingSchema } from '../../../domain/records/marking.ts';
import type { ActionView, Meeting } from '../../../services/meetings/meetings.service.ts';
import type { SavedRecord } from '../../../store/records.repository.ts';

const header = { id: z.string(), version: z.number().int(), marking: markingSchema, ownerState: z.string(), createdAt: z.string(), updatedAt: z.string() };
const abilities = z.object({ edit: z.boolean(), addAction: z.boolean(), changeStatus: z.boolean(), report: z.boolean() });
const meta = (r: SavedRecord<'meeting' | 'action_item' | 'joint_operation' | 'operation_report'>) => ({ id: r.id, version: r.version, marking: r.marking, ownerState: r.owner.state, createdAt: r.createdAt, updatedAt: r.updatedAt });

export const meetingView = meetingBodySchema.extend({ ...header, abilities });
export const actionView = actionItemBodySchema.extend({
  ...header,
  status: z.enum(ACTION_STATUSES),
  statusAt: z.string().nullable(),
  statusByState: z.string().nullable(),
  overdue: z.boolean(),
  abilities,
  meetingTitle: z.string().optional(),
});
export const meetingDetail = meetingView.extend({ actions: z.array(actionView) });
export const operationView = jointOperationBodySchema.extend({ ...header, abilities });
export const reportView = operationReportBodySchema.extend(header);
export const operationDetail = operationView.extend({ reports: z.array(reportView), figures: afterActionFiguresSchema });

export const presentMeeting = (s: Subject, m: Meeting, t: MeetingTarget) => ({ ...m.body, ...meta(m), abilities: serialize(s, t) as z.infer<typeof abilities> });
export const presentAction = (s: Subject, a: ActionView, meetingTitle?: string) => ({
  ...a.item.body,
  ...meta(a.item),
  status: a.status,
  statusAt: a.statusAt,
  statusByState: a.statusByState,
  overdue: a.overdue,
  abilities: serialize(s, a.target) as z.infer<typeof abilities>,
  ...(meetingTitle ? { meetingTitle } : {}),
});
export const presentOperation = (s: Subject, op: SavedRecord<'joint_operation'>, t: MeetingTarget) => ({ ...op.body, ...meta(op), abilities: serialize(s, t) as z.infer<typeof abilities> });
export const presentReport = (r: SavedRecord<'operation_report'>) => ({ ...r.body, ...meta(r) });
