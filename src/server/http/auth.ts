import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { authenticateApiToken, authenticateSession, type Authenticated } from '../../services/auth.service.ts';
import type { AppContext } from '../../services/context.ts';

export const SESSION_COOKIE = 'sarhad_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Resolves who is calling (API token or session cookie) and enforces CSRF for cookie sessions. */
export function registerAuth(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('auth', null);
  app.addHook('preHandler', async (request) => {
    // /ogc is the OGC API – Features view of the same data (QGIS, GDAL): authenticated alike
    if (!request.url.startsWith('/api/') && request.url !== '/ogc' && !request.url.startsWith('/ogc/') && !request.url.startsWith('/ogc?')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.auth = await authenticateApiToken(ctx, header.slice(7).trim());
      if (!request.auth) throw new AppError('UNAUTHENTICATED', 'The API token is not valid');
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    request.auth = await authenticateSession(ctx, cookie);
    if (request.auth?.session && UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, request.auth.session.csrfToken)) {
        throw new AppError('CSRF_FAILED', 'Missing or wrong x-csrf-token header');
      }
    }
  });
}

export function requireAuth(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new AppError('UNAUTHENTICATED', 'Log in first');
  return request.auth;
}
