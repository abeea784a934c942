import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/** Below this, compressing costs more than it saves. */
const MIN_BYTES = 1024;

/**
 * Sends JSON compressed with brotli or gzip when the caller accepts it. The federation feed does
 * this itself (it is most of the bytes between nodes); a Content-Encoding set here makes a
 * global @fastify/compress leave the answer alone, so both can be registered.
 */
export async function sendCompressed(req: FastifyRequest, reply: FastifyReply, json: string): Promise<FastifyReply> {
  const accept = String(req.headers['accept-encoding'] ?? '');
  reply.header('content-type', 'application/json; charset=utf-8').header('vary', 'accept-encoding');
  if (json.length < MIN_BYTES) return reply.send(json);
  if (/\bbr\b/.test(accept)) {
    const body = await br(Buffer.from(json), { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } });
    return reply.header('content-encoding', 'br').send(body);
  }
  if (/\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(await gz(Buffer.from(json), { level: 6 }));
  return reply.send(json);
}
