import { holdsPersonalData, type AlertBody } from '../alerts/alert.ts';
import { holdsPersonalData as eventHoldsPersonalData, type EventBody } from '../events/event.ts';
import { actionItemHoldsPersonalData, meetingHoldsPersonalData, type ActionItemBody, type MeetingBody } from '../meetings/meeting.ts';
import { seizureHoldsPersonalData, type SeizureBody } from '../events/seizure.ts';

/**
 * Does a record of this kind hold personal data (names, documents, images of persons)? One line
 * per record kind. The federation sharing policy asks this registry on both sides: a record
 * that holds personal data travels only under agreements (both sides') that allow it.
 *
 * A kind that is NOT listed here is treated as holding personal data (fail safe): it only
 * travels where personal data may. Add your kind with its test (or `never`) when you add it.
 */import { channelHoldsPersonalData, messageHoldsPersonalData, type ChannelBody, type MessageBody } from '../liaison/liaison.ts';

const never = () => false;
const always = () => true;

export const PERSONAL_DATA_TESTS: Record<string, (body: unknown) => boolean> = {
  state: never,
  agency: never,
  unit: never,
  section: never,
  community: never,
  alert: (body) => holdsPersonalData(body as AlertBody),
  event: (body) => eventHoldsPersonalData(body as EventBody),
  seizure: (body) => seizureHoldsPersonalData(body as SeizureBody),
  // Declarations and transits name traders and carriers, who may be natural persons; a
  // crossing carries the truck and its driver's times.
  declaration: always,
  transit: always,
  crossing: always,
  crossing_point: never,
  // Hazard warnings, gauges, damage counts and resources describe places, never persons.
  warning: never,
  gauge: never,
  damage: never,
  resource: never,
  // A section's assessment explains itself by counts and categories, never by persons.
  assessment: never,
  // Channel contacts name officers; a message names a person in a field or carries free text.
  liaison_channel: (body) => channelHoldsPersonalData(body as ChannelBody),
  liaison_message: (body) => messageHoldsPersonalData(body as MessageBody),
  // Meetings name officers only in their attendance (by name, when given); an action item
  // owned by a user names that person. Status updates, operations and their reports hold
  // counts, places and ids (docs/meetings.md).
  meeting: (body) => meetingHoldsPersonalData(body as MeetingBody),
  action_item: (body) => actionItemHoldsPersonalData(body as ActionItemBody),
  action_update: never,
  joint_operation: never,
  operation_report: never,
  // A hit report says what was found on a person at the desk, and the owner's answer about them.
  hit_report: always,
  // Partners' 3W: trainees are counted by agency and sex, never named.
  initiative: never,
  training: never,
  equipment: never,
};

export function holdsPersonalDataOf(type: string, body: unknown): boolean {
  const test = Object.hasOwn(PERSONAL_DATA_TESTS, type) ? PERSONAL_DATA_TESTS[type]! : always;
  return test(body);
}
