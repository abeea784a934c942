import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Meeting } from '../../../services/meetings/meetings.service.ts';

/**
 * The meetings as an iCalendar feed (RFC 5545) that calendar apps subscribe to. Times are UTC
 * (`...Z`, valid in any client without a VTIMEZONE); the meeting's own zone travels as
 * X-SARHAD-TIMEZONE. UID is the record id, stable across versions and nodes; SEQUENCE is the
 * record version, so a moved or cancelled meeting replaces the old entry.
 */
export function meetingsCalendar(nodeName: string, meetings: readonly Meeting[], baseUrl: string): string {
  const cal = ical({ name: `Sarhad — BLO meetings (${nodeName})`, prodId: { company: 'sarhad', product: 'meetings', language: 'EN' }, method: ICalCalendarMethod.PUBLISH, ttl: 3600 });
  for (const m of meetings) {
    const description = [m.body.agenda.length ? `Agenda:\n${m.body.agenda.map((a, i) => `${i + 1}. ${a}`).join('\n')}` : null, m.body.decisions.length ? `Decisions:\n${m.body.decisions.map((d) => `- ${d}`).join('\n')}` : null]
      .filter(Boolean)
      .join('\n\n');
    cal.createEvent({
      id: `${m.id}@sarhad`,
      start: new Date(m.body.startsAt),
      end: new Date(m.body.endsAt),
      summary: m.body.title,
      location: m.body.location,
      description: description || null,
      sequence: m.version,
      stamp: new Date(m.updatedAt),
      lastModified: new Date(m.updatedAt),
      status: m.body.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      url: `${baseUrl}/#/meetings/${m.id}`,
      x: { 'X-SARHAD-TIMEZONE': m.body.timeZone },
    });
  }
  return cal.toString();
}
