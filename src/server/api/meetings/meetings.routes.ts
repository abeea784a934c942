import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context.ts';
import {
  actionStatusSchema,
  changeActionStatus,
  createActionItem,
  createActionSchema,
  createMeeting,
  createMeetingSchema,
  readActions,
  readMeeting,
  readMeetings,
  updateMeeting,
  updateMeetingSchema,
} from '../../../services/meetings/meetings.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses, errorSchema, idParams } from '../schemas.ts';
import { meetingsCalendar } from './ics.ts';
import { actionView, meetingDetail, meetingView, presentAction, presentMeeting } from './views.ts';

export async function meetingsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['meetings'];
  const updateErrors = { ...errorResponses, 412: errorSchema };

  r.get('/api/meetings', { schema: { tags, description: 'BLO meetings the caller takes part in (their unit, their agency for commanders), by start time.', response: { 200: z.object({ items: z.array(meetingView) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: (await readMeetings(ctx, subject)).map(({ meeting, target }) => presentMeeting(subject, meeting, target)) };
  });

  r.get(
    '/api/meetings.ics',
    {
      schema: {
        tags,
        description: 'iCalendar feed (RFC 5545) of the meetings the caller may see: one VEVENT each (UID = record id, UTC times, SEQUENCE = version, STATUS:CANCELLED when cancelled). Subscribe with Authorization: Bearer <API token>.',
        produces: ['text/calendar'],
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { subject } = requireAuth(req);
      const meetings = (await readMeetings(ctx, subject)).map((v) => v.meeting);
      const body = meetingsCalendar(ctx.node.name, meetings, `${req.protocol}://${req.host}`);
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="sarhad-meetings.ics"').send(body);
    },
  );

  r.post('/api/meetings', { schema: { tags, description: 'Schedule a meeting (in the future) with participating units of both sides.', body: createMeetingSchema, response: { 201: meetingView, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    const m = await createMeeting(ctx, subject, req.body);
    const detail = await readMeeting(ctx, subject, m.id);
    return reply.code(201).send(presentMeeting(subject, m, detail.target));
  });

  r.get('/api/meetings/:id', { schema: { tags, description: 'A meeting with its agenda, attendance, minutes, decisions and action items (status merged from both sides).', params: idParams, response: { 200: meetingDetail, ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    const d = await readMeeting(ctx, subject, req.params.id);
    return { ...presentMeeting(subject, d.meeting, d.target), actions: d.actions.map((a) => presentAction(subject, a)) };
  });

  r.patch('/api/meetings/:id', { schema: { tags, description: 'Change a meeting (time, place, agenda, attendance, minutes, decisions, status): the recording side, with the version it changes.', params: idParams, body: updateMeetingSchema, response: { 200: meetingView, ...updateErrors } } }, async (req) => {
    const { subject } = requireAuth(req);
    const m = await updateMeeting(ctx, subject, req.params.id, req.body);
    const d = await readMeeting(ctx, subject, m.id);
    return presentMeeting(subject, m, d.target);
  });

  r.post('/api/meetings/:id/actions', { schema: { tags, description: 'Add an action item: owner (a unit or user of either side) and due date.', params: idParams, body: createActionSchema, response: { 201: actionView, ...errorResponses } } }, async (req, reply) => {
    const { subject } = requireAuth(req);
    return reply.code(201).send(presentAction(subject, await createActionItem(ctx, subject, req.params.id, req.body)));
  });

  r.get('/api/actions', { schema: { tags, description: 'Every action item of the meetings the caller sees, due first; overdue ones flagged.', response: { 200: z.object({ items: z.array(actionView) }), ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return { items: (await readActions(ctx, subject)).map((a) => presentAction(subject, a, a.meeting.body.title)) };
  });

  r.post('/api/actions/:id/status', { schema: { tags, description: 'Close (done), drop or reopen an action item: the side that answers for it or that recorded it. Written as this node\'s own update record.', params: idParams, body: actionStatusSchema, response: { 200: actionView, ...errorResponses } } }, async (req) => {
    const { subject } = requireAuth(req);
    return presentAction(subject, await changeActionStatus(ctx, subject, req.params.id, req.body));
  });
}
