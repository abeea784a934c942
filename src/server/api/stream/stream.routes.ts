import type { FastifyInstance } from 'fastify';
import { authorize } from '../../../domain/policy/authorize.ts';
import { mayHearOf } from '../../../domain/policy/stream.policy.ts';
import type { AppContext } from '../../../services/context.ts';
import { requireAuth } from '../../http/auth.ts';

const PING_MS = 25_000;

/**
 * Server-sent events: one `record` event per committed change ({type,id,version,op}) and a
 * `ping` to keep proxies and satellite links from closing the connection. The event carries
 * no content; clients re-read through the API. Each event is authorised like a read of that
 * record (its type's read action and its marking): an alert's id alone is personal data.
 */
export async function streamRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.get('/api/stream', { schema: { tags: ['stream'], hide: false } }, (request, reply) => {
    const auth = requireAuth(request);
    authorize(auth.subject, 'stream:read');
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    let seq = 0;
    const send = (event: string, data: unknown) => res.write(`id: ${++seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    res.write('retry: 5000\n\n');
    send('ping', { at: new Date().toISOString() });
    const unsubscribe = ctx.events.subscribe((change) => {
      const { audience: _kept, ...announced } = change;
      if (mayHearOf(auth.subject, change, ctx.node.id)) send('record', announced);
    });
    const timer = setInterval(() => send('ping', { at: new Date().toISOString() }), PING_MS);
    request.raw.on('close', () => {
      clearInterval(timer);
      unsubscribe();
    });
  });
}
