import type { FastifyInstance } from 'fastify';
import { canSee } from '../../../domain/policy/access.ts';
import type { AppContext } from '../../../services/context.ts';
import { requirePermission } from '../../http/auth.ts';

const PING_MS = 25_000;

/**
 * Server-sent events: one `record` event per committed change ({type,id,version,op}) and a
 * `ping` to keep proxies and satellite links from closing the connection. The event carries
 * no content; clients re-read through the API, where markings are enforced.
 */
export async function streamRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.get('/api/stream', { schema: { tags: ['stream'], hide: false } }, (request, reply) => {
    const auth = requirePermission(request, 'stream:read');
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
    const unsubscribe = ctx.events.subscribe(({ audience, ...change }) => {
      // Fail closed: a change without its audience is not announced to anyone.
      if (audience && canSee(auth.subject, audience)) send('record', change);
    });
    const timer = setInterval(() => send('ping', { at: new Date().toISOString() }), PING_MS);
    request.raw.on('close', () => {
      clearInterval(timer);
      unsubscribe();
    });
  });
}
