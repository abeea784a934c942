import { z } from 'zod';

/**
 * Border Liaison Office meetings, their action items and the status changes that close them
 * (docs/meetings.md). Record kinds: `meeting`, `action_item`, `action_update`.
 *
 * Units are named by their scenario ref as well as by id: each node seeds its registry with its
 * own ids, so a copy received from the other side finds the participating units by ref.
 */

export const MEETING_TIME_ZONES = ['Asia/Dushanbe', 'Asia/Kabul'] as const;
export const MEETING_KINDS = ['blo', 'post', 'headquarters', 'joint_operation'] as const;
export const MEETING_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

const isoInstant = z.iso.datetime({ offset: true });
const day = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2');

/** A unit taking part, as both nodes can resolve it. */
export const participantSchema = z
  .object({
    unitId: z.uuid(),
    unitRef: text(100).nullable(),
    agencyId: z.uuid(),
    agencyRef: text(100).nullable(),
    stateCode: country,
  })
  .strict();
export type Participant = z.output<typeof participantSchema>;

/** Officers present, by position; a name is personal data and only travels where agreed. */
export const attendeeSchema = z
  .object({
    unitRef: text(100).nullable(),
    stateCode: country,
    position: text(200),
    name: text(300).nullable().default(null),
    present: z.boolean().default(true),
  })
  .strict();

export const meetingBodySchema = z
  .object({
    title: text(300),
    kind: z.enum(MEETING_KINDS),
    status: z.enum(MEETING_STATUSES),
    startsAt: isoInstant,
    endsAt: isoInstant,
    timeZone: z.enum(MEETING_TIME_ZONES),
    location: text(300),
    participants: z.array(participantSchema).min(1).max(20),
    agenda: z.array(text(500)).max(50),
    attendance: z.array(attendeeSchema).max(100),
    minutes: z.string().trim().max(20_000).nullable(),
    decisions: z.array(text(1000)).max(50),
    /** The joint operation this meeting plans or reviews, if any. */
    operationId: z.uuid().nullable(),
  })
  .strict();
export type MeetingBody = z.output<typeof meetingBodySchema>;

/** Who answers for an action item: a unit, or a user, of either side. */
export const actionOwnerSchema = z
  .object({
    kind: z.enum(['unit', 'user']),
    /** Unit id (as on the writing node) or user id. */
    id: text(64),
    unitRef: text(100).nullable(),
    stateCode: country,
    label: text(300),
  })
  .strict();
export type ActionOwner = z.output<typeof actionOwnerSchema>;

export const actionItemBodySchema = z
  .object({
    meetingId: z.uuid(),
    title: text(500),
    owner: actionOwnerSchema,
    dueDate: day,
    /** As recorded with the item; the current status is merged from action_update records. */
    status: z.enum(ACTION_STATUSES),
  })
  .strict();
export type ActionItemBody = z.output<typeof actionItemBodySchema>;

/**
 * A status change, written by the node of whoever changes it: the responsible side closes an
 * item recorded on the other side without touching the other side's record.
 */
export const actionUpdateBodySchema = z
  .object({
    actionItemId: z.uuid(),
    meetingId: z.uuid(),
    status: z.enum(ACTION_STATUSES),
    at: isoInstant,
    note: z.string().trim().max(2000).nullable(),
    byState: country,
  })
  .strict();
export type ActionUpdateBody = z.output<typeof actionUpdateBodySchema>;

/** The status both sides show: the latest update by time (ties: the larger record id), else the item's own. */
export function mergedStatus(item: ActionItemBody, updates: readonly { id: string; body: ActionUpdateBody }[]): { status: ActionStatus; at: string | null; byState: string | null } {
  const latest = [...updates].sort((a, b) => (a.body.at === b.body.at ? (a.id < b.id ? -1 : 1) : a.body.at < b.body.at ? -1 : 1)).at(-1);
  return latest ? { status: latest.body.status, at: latest.body.at, byState: latest.body.byState } : { status: item.status, at: null, byState: null };
}

/** Open past the due day (the day ends at 24:00 UTC): flagged on both sides. */
export function isOverdue(status: ActionStatus, dueDate: string, now: Date): boolean {
  return status === 'open' && Date.parse(`${dueDate}T23:59:59.999Z`) < now.getTime();
}

/** Closed (done) by the end of its due day. */
export function closedOnTime(status: ActionStatus, closedAt: string | null, dueDate: string): boolean {
  return status === 'done' && closedAt !== null && Date.parse(closedAt) <= Date.parse(`${dueDate}T23:59:59.999Z`);
}

/** "AF-TJ": the participating states' codes, sorted. */
export function pairKey(states: readonly string[]): string {
  return [...new Set(states)].sort().join('-');
}

export function meetingHoldsPersonalData(body: MeetingBody): boolean {
  return body.attendance.some((a) => a.name !== null);
}

/** An action owned by a user names a person. */
export function actionItemHoldsPersonalData(body: ActionItemBody): boolean {
  return body.owner.kind === 'user';
}
