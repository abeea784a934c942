// Shapes of the meetings and joint-operations API (docs/meetings.md) and time helpers.
import { numberingSystemOf } from '../../util.ts';
import { formatDate } from '../../i18n/dates.ts';
import type { AppLocale } from '../../i18n/locales.ts';

export type MeetingZone = 'Asia/Dushanbe' | 'Asia/Kabul';
export interface Participant {
  unitId: string;
  unitRef: string | null;
  stateCode: string;
}
export interface Abilities {
  edit: boolean;
  addAction: boolean;
  changeStatus: boolean;
  report: boolean;
}
export interface Meeting {
  id: string;
  version: number;
  ownerState: string;
  title: string;
  kind: string;
  status: 'scheduled' | 'held' | 'cancelled';
  startsAt: string;
  endsAt: string;
  timeZone: MeetingZone;
  location: string;
  participants: Participant[];
  agenda: string[];
  attendance: { unitRef: string | null; stateCode: string; position: string; name: string | null; present: boolean }[];
  minutes: string | null;
  decisions: string[];
  abilities: Abilities;
}
export type ActionStatus = 'open' | 'done' | 'dropped';
export interface ActionItem {
  id: string;
  meetingId: string;
  meetingTitle?: string;
  title: string;
  owner: { kind: 'unit' | 'user'; id: string; unitRef: string | null; stateCode: string; label: string };
  dueDate: string;
  status: ActionStatus;
  statusAt: string | null;
  statusByState: string | null;
  overdue: boolean;
  ownerState: string;
  abilities: Abilities;
}
export interface MeetingDetail extends Meeting {
  actions: ActionItem[];
}
export interface Figures {
  events: number;
  eventsByCategory: Record<string, number>;
  seizures: number;
  seizuresByKind: Record<string, { count: number; kg: number }>;
  seizedKg: number;
  illegalCrossingsPrevented: number;
  personsDetained: number;
}
export interface Operation {
  id: string;
  version: number;
  ownerState: string;
  name: string;
  aim: string;
  area: { type: 'Polygon'; coordinates: [number, number][][] };
  startDate: string;
  endDate: string;
  status: 'planned' | 'active' | 'completed' | 'cancelled';
  participants: Participant[];
  communicationPlan: string;
  abilities: Abilities;
}
export interface Report {
  id: string;
  kind: 'daily' | 'after_action';
  day: string;
  summary: string;
  eventIds: string[];
  seizureIds: string[];
  figures: Figures | null;
  lessons: string | null;
  ownerState: string;
}
export interface OperationDetail extends Operation {
  reports: Report[];
  figures: Figures;
}

/** Neither zone keeps daylight saving time: fixed offsets turn a local time into an instant. */
export const ZONE_OFFSET: Record<MeetingZone, string> = { 'Asia/Dushanbe': '+05:00', 'Asia/Kabul': '+04:30' };

export function localToInstant(local: string, zone: MeetingZone): string {
  return new Date(`${local}:00${ZONE_OFFSET[zone]}`).toISOString();
}

/** A time as it reads in the meeting's own zone: the date as the app writes dates (Solar Hijri first in fa/ps), the time in the reader's digits. */
export function formatInZone(iso: string, zone: string, lang: AppLocale, withDate = true): string {
  const time = new Intl.DateTimeFormat(lang === 'fa' ? 'fa-AF' : lang, { timeZone: zone, numberingSystem: numberingSystemOf(lang), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return withDate ? `${formatDate(iso, lang, { timeZone: zone })} ${time}` : time;
}
