import { z } from 'zod';
import {
  ACTION_STATUSES,
  attendeeSchema,
  isOverdue,
  MEETING_KINDS,
  MEETING_STATUSES,
  MEETING_TIME_ZONES,
  mergedStatus,
  type ActionItemBody,
  type ActionOwner,
  type ActionStatus,
  type MeetingBody,
} from '../../domain/meetings/meeting.ts';
import { allows, authorize } from '../../domain/policy/authorize.ts';
import { meetingTarget, type MeetingTarget } from '../../domain/policy/meetings.policy.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { markingSchema, type Marking } from '../../domain/records/marking.ts';
import { AppError, notFound, validation } from '../../errors.ts';
import { findRecord, listRecords, type SavedRecord } from '../../store/records.repository.ts';
import { findUserById } from '../../store/users.repository.ts';
import type { AppContext } from '../context.ts';
import { writeRecord } from '../records.service.ts';
import { localParticipants, participantsOf, registryIndex, statesOf, type RegistryIndex } from './participants.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true });

export const createMeetingSchema = z
  .object({
    title: text(300),
    kind: z.enum(MEETING_KINDS).default('blo'),
    startsAt: instant,
    endsAt: instant,
    timeZone: z.enum(MEETING_TIME_ZONES).default('Asia/Dushanbe'),
    location: text(300),
    participantUnitIds: z.array(z.uuid()).min(1).max(20),
    agenda: z.array(text(500)).max(50).default([]),
    operationId: z.uuid().nullable().default(null),
    marking: markingSchema.optional(),
  })
  .strict();
export type CreateMeetingInput = z.input<typeof createMeetingSchema>;

export const updateMeetingSchema = z
  .object({
    version: z.number().int().min(1),
    title: text(300).optional(),
    status: z.enum(MEETING_STATUSES).optional(),
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    location: text(300).optional(),
    agenda: z.array(text(500)).max(50).optional(),
    attendance: z.array(attendeeSchema).max(100).optional(),
    minutes: z.string().trim().max(20_000).nullable().optional(),
    decisions: z.array(text(1000)).max(50).optional(),
  })
  .strict();

/** Owner is optional here so that its absence answers with its own code, not a generic one. */
export const createActionSchema = z
  .object({
    title: text(500),
    owner: z.object({ kind: z.enum(['unit', 'user']), id: z.uuid() }).strict().nullable().optional(),
    dueDate: z.iso.date(),
  })
  .strict();

export const actionStatusSchema = z.object({ status: z.enum(ACTION_STATUSES), note: z.string().trim().max(2000).nullable().default(null) }).strict();

/** Green by default, releasable to the participating states: both sides' participants read it. */
export function participantsMarking(states: readonly string[]): Marking {
  return { tlp: 'GREEN', releasableTo: { states: [...states], agencies: [], units: [] }, hops: 1 };
}

export function checkPeriod(startsAt: string, endsAt: string) {
  if (Date.parse(endsAt) <= Date.parse(startsAt)) throw new AppError('END_BEFORE_START', `the end (${endsAt}) must be after the start (${startsAt})`, [{ path: 'endsAt', message: 'before the start' }]);
}

function checkFuture(startsAt: string, now: Date) {
  if (Date.parse(startsAt) <= now.getTime()) throw new AppError('MEETING_IN_PAST', `a meeting cannot be scheduled in the past (${startsAt}); record a past meeting's minutes on the meeting itself`, [{ path: 'startsAt', message: 'in the past' }]);
}

export type Meeting = SavedRecord<'meeting'>;

export function targetOfMeeting(ctx: AppContext, index: RegistryIndex, m: Meeting): MeetingTarget {
  return meetingTarget(ctx.node.id, m, localParticipants(index, m.body.participants));
}

export async function createMeeting(ctx: AppContext, subject: Subject, raw: CreateMeetingInput, now = new Date()): Promise<Meeting> {
  authorize(subject, 'meetings:write');
  const input = createMeetingSchema.parse(raw);
  checkFuture(input.startsAt, now);
  checkPeriod(input.startsAt, input.endsAt);
  const index = await registryIndex(ctx.db.kysely);
  const participants = participantsOf(index, input.participantUnitIds);
  const body: MeetingBody = {
    title: input.title,
    kind: input.kind,
    status: 'scheduled',
    startsAt: new Date(input.startsAt).toISOString(),
    endsAt: new Date(input.endsAt).toISOString(),
    timeZone: input.timeZone,
    location: input.location,
    participants,
    agenda: input.agenda,
    attendance: [],
    minutes: null,
    decisions: [],
    operationId: input.operationId,
  };
  const r = await writeRecord(ctx, { kind: 'user', subject }, { type: 'meeting', body, marking: input.marking ?? participantsMarking(statesOf(participants)) });
  return r.record;
}

async function visibleMeeting(ctx: AppContext, subject: Subject, id: string, action: 'meetings:read' | 'meetings:write', index?: RegistryIndex) {
  const m = await findRecord(ctx.db.kysely, 'meeting', id);
  if (!m) throw notFound('meeting');
  const idx = index ?? (await registryIndex(ctx.db.kysely));
  const target = targetOfMeeting(ctx, idx, m);
  authorize(subject, action, target);
  return { meeting: m, target, index: idx };
}

export async function updateMeeting(ctx: AppContext, subject: Subject, id: string, raw: z.input<typeof updateMeetingSchema>, now = new Date()): Promise<Meeting> {
  const input = updateMeetingSchema.parse(raw);
  const { meeting } = await visibleMeeting(ctx, subject, id, 'meetings:write');
  const next: MeetingBody = { ...meeting.body };
  for (const k of ['title', 'status', 'location', 'agenda', 'attendance', 'minutes', 'decisions'] as const) {
    if (input[k] !== undefined) (next as Record<string, unknown>)[k] = input[k];
  }
  if (input.startsAt !== undefined && Date.parse(input.startsAt) !== Date.parse(meeting.body.startsAt)) {
    checkFuture(input.startsAt, now);
    next.startsAt = new Date(input.startsAt).toISOString();
  }
  if (input.endsAt !== undefined) next.endsAt = new Date(input.endsAt).toISOString();
  checkPeriod(next.startsAt, next.endsAt);
  const r = await writeRecord(ctx, { kind: 'user', subject }, { type: 'meeting', id, body: next, marking: meeting.marking, expectedVersion: input.version });
  return r.record;
}

/** The meetings this subject may see, soonest first within each half (upcoming, then past newest first). */
export async function readMeetings(ctx: AppContext, subject: Subject): Promise<{ meeting: Meeting; target: MeetingTarget }[]> {
  authorize(subject, 'meetings:read');
  const index = await registryIndex(ctx.db.kysely);
  return (await listRecords(ctx.db.kysely, 'meeting'))
    .map((meeting) => ({ meeting, target: targetOfMeeting(ctx, index, meeting) }))
    .filter(({ target }) => allows(subject, 'meetings:read', target))
    .sort((a, b) => (a.meeting.body.startsAt < b.meeting.body.startsAt ? -1 : 1));
}

export async function readMeeting(ctx: AppContext, subject: Subject, id: string) {
  const { meeting, target, index } = await visibleMeeting(ctx, subject, id, 'meetings:read');
  return { meeting, target, actions: await actionViews(ctx, index, [meeting]) };
}

export interface ActionView {
  item: SavedRecord<'action_item'>;
  status: ActionStatus;
  statusAt: string | null;
  statusByState: string | null;
  overdue: boolean;
  target: MeetingTarget;
}

/** Action items of these meetings, with the status merged from both sides' updates. */
export async function actionViews(ctx: AppContext, index: RegistryIndex, meetings: readonly Meeting[], now = new Date()): Promise<ActionView[]> {
  const byId = new Map(meetings.map((m) => [m.id, m]));
  const items = (await listRecords(ctx.db.kysely, 'action_item')).filter((i) => byId.has(i.body.meetingId));
  const updates = await listRecords(ctx.db.kysely, 'action_update');
  return items
    .map((item) => {
      const merged = mergedStatus(item.body, updates.filter((u) => u.body.actionItemId === item.id));
      const meeting = byId.get(item.body.meetingId)!;
      const target = meetingTarget(ctx.node.id, item, localParticipants(index, meeting.body.participants), item.body.owner.stateCode);
      return { item, status: merged.status, statusAt: merged.at, statusByState: merged.byState, overdue: isOverdue(merged.status, item.body.dueDate, now), target };
    })
    .sort((a, b) => (a.item.body.dueDate === b.item.body.dueDate ? (a.item.id < b.item.id ? -1 : 1) : a.item.body.dueDate < b.item.body.dueDate ? -1 : 1));
}

/** Every action item the subject may see (the follow-up list across meetings). */
export async function readActions(ctx: AppContext, subject: Subject): Promise<(ActionView & { meeting: Meeting })[]> {
  const visible = (await readMeetings(ctx, subject)).map((v) => v.meeting);
  const index = await registryIndex(ctx.db.kysely);
  const byId = new Map(visible.map((m) => [m.id, m]));
  return (await actionViews(ctx, index, visible)).map((a) => ({ ...a, meeting: byId.get(a.item.body.meetingId)! }));
}

async function ownerOf(ctx: AppContext, index: RegistryIndex, owner: { kind: 'unit' | 'user'; id: string }): Promise<ActionOwner> {
  if (owner.kind === 'unit') {
    const u = index.units.get(owner.id);
    if (!u) throw validation('owner.id: unknown unit', [{ path: 'owner.id', message: 'unknown unit' }]);
    return { kind: 'unit', id: u.id, unitRef: u.body.ref ?? null, stateCode: u.body.stateCode, label: u.body.name.en ?? Object.values(u.body.name)[0] ?? u.id };
  }
  const user = await findUserById(ctx.db.kysely, owner.id);
  if (!user) throw validation('owner.id: unknown user', [{ path: 'owner.id', message: 'unknown user' }]);
  const unit = user.unitId ? index.units.get(user.unitId) : undefined;
  return { kind: 'user', id: user.id, unitRef: unit?.body.ref ?? null, stateCode: user.stateCode, label: user.displayName };
}

export async function createActionItem(ctx: AppContext, subject: Subject, meetingId: string, raw: z.input<typeof createActionSchema>): Promise<ActionView> {
  const input = createActionSchema.parse(raw);
  const { meeting, index } = await visibleMeeting(ctx, subject, meetingId, 'meetings:write');
  if (!input.owner) throw new AppError('ACTION_OWNER_REQUIRED', 'an action item needs an owner: a unit or a user on either side', [{ path: 'owner', message: 'required' }]);
  const body: ActionItemBody = { meetingId, title: input.title, owner: await ownerOf(ctx, index, input.owner), dueDate: input.dueDate, status: 'open' };
  const r = await writeRecord(ctx, { kind: 'user', subject }, { type: 'action_item', body, marking: meeting.marking });
  return (await actionViews(ctx, index, [meeting])).find((a) => a.item.id === r.record.id)!;
}

/**
 * Closing, dropping or reopening an item writes an `action_update` owned by this node: the
 * item itself stays the recording side's record, and both sides merge the latest update.
 */
export async function changeActionStatus(ctx: AppContext, subject: Subject, itemId: string, raw: z.input<typeof actionStatusSchema>, now = new Date()): Promise<ActionView> {
  const input = actionStatusSchema.parse(raw);
  const item = await findRecord(ctx.db.kysely, 'action_item', itemId);
  const meeting = item ? await findRecord(ctx.db.kysely, 'meeting', item.body.meetingId) : null;
  if (!item || !meeting) throw notFound('action item');
  const index = await registryIndex(ctx.db.kysely);
  authorize(subject, 'actions:update', meetingTarget(ctx.node.id, item, localParticipants(index, meeting.body.participants), item.body.owner.stateCode));
  await writeRecord(ctx, { kind: 'user', subject }, {
    type: 'action_update',
    body: { actionItemId: item.id, meetingId: meeting.id, status: input.status, at: now.toISOString(), note: input.note, byState: subject.stateCode },
    marking: item.marking,
  });
  return (await actionViews(ctx, index, [meeting], now)).find((a) => a.item.id === item.id)!;
}
