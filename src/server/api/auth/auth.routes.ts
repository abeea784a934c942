import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { login, logout } from '../../../services/auth.service.ts';
import type { AppContext } from '../../../services/context.ts';
import { requireAuth, SESSION_COOKIE } from '../../http/auth.ts';
import { errorResponses } from '../schemas.ts';
import { presentUser, userSchema } from '../users/presenter.ts';

const loginBody = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) })
  .strict();
const sessionAnswer = z.object({ user: userSchema, csrfToken: z.string() });

export async function authRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/auth/login', {
    schema: { tags: ['auth'], body: loginBody, response: { 200: sessionAnswer, ...errorResponses } },
    handler: async (request, reply) => {
      const { user, sessionToken, csrfToken } = await login(ctx, request.body.username, request.body.password, request.ip);
      reply.setCookie(SESSION_COOKIE, sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.secureCookies,
        maxAge: 12 * 60 * 60,
      });
      return { user: presentUser(user), csrfToken };
    },
  });

  r.post('/api/auth/logout', {
    schema: { tags: ['auth'], response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      await logout(ctx, requireAuth(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  r.get('/api/auth/me', {
    schema: { tags: ['auth'], response: { 200: sessionAnswer, ...errorResponses } },
    handler: async (request) => {
      const auth = requireAuth(request);
      return { user: presentUser(auth.user), csrfToken: auth.session?.csrfToken ?? '' };
    },
  });
}
