import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Authenticated } from '../../../services/auth.service.ts';
import type { AppContext } from '../../../services/context.ts';
import { changeOwnPassword, changePasswordSchema } from '../../../services/credentials.service.ts';
import { createToken, createTokenSchema, listTokens, revokeToken } from '../../../services/tokens.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses } from '../schemas.ts';
import { createdTokenSchema, presentToken } from '../users/token.presenter.ts';
import { requireSignedIn, tokenListSchema } from '../users/tokens.routes.ts';

/** The caller's own account: their API tokens and their password. */
export async function meRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['me'];
  const actor = (auth: Authenticated) => ({ kind: 'user' as const, subject: auth.subject });

  r.get('/api/me/tokens', { schema: { tags, response: { 200: tokenListSchema, ...errorResponses } } }, async (req) => {
    const auth = requireAuth(req);
    return { items: (await listTokens(ctx, actor(auth), auth.user.id)).map((t) => presentToken(t)) };
  });

  r.post('/api/me/tokens', { schema: { tags, body: createTokenSchema, response: { 201: createdTokenSchema, ...errorResponses } } }, async (req, reply) => {
    const auth = requireSignedIn(requireAuth(req));
    const { token, secret } = await createToken(ctx, actor(auth), auth.user.id, req.body);
    return reply.code(201).send({ token: presentToken(token), secret });
  });

  r.delete(
    '/api/me/tokens/:tokenId',
    { schema: { tags, params: z.object({ tokenId: z.uuid() }).strict(), response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      const auth = requireAuth(req);
      await revokeToken(ctx, actor(auth), auth.user.id, req.params.tokenId);
      return reply.code(204).send(null);
    },
  );

  // Ends every other session and every API token of the user; the caller's session stays.
  r.post('/api/me/password', { schema: { tags, body: changePasswordSchema, response: { 204: z.null(), ...errorResponses } } }, async (req, reply) => {
    await changeOwnPassword(ctx, requireAuth(req), req.body);
    return reply.code(204).send(null);
  });
}
