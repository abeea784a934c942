import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../../errors.ts';
import type { Authenticated } from '../../../services/auth.service.ts';
import type { AppContext } from '../../../services/context.ts';
import { createToken, createTokenSchema, listTokens, revokeToken } from '../../../services/tokens.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses, idParams } from '../schemas.ts';
import { createdTokenSchema, presentToken, tokenSchema } from './token.presenter.ts';

export const tokenListSchema = z.object({ items: z.array(tokenSchema) });
export const tokenParams = z.object({ id: z.uuid(), tokenId: z.uuid() }).strict();

/** A token must not mint tokens: otherwise one stolen token could outlive every expiry. */
export function requireSignedIn(auth: Authenticated): Authenticated {
  if (auth.tokenId) throw forbidden('API tokens are issued from a signed-in session, not with another token');
  return auth;
}

/** Tokens of any user: the user themself (tokens:manage-own) or a user administrator (users:write). */
export async function tokensRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  const actor = (auth: Authenticated) => ({ kind: 'user' as const, subject: auth.subject });

  r.get('/api/users/:id/tokens', { schema: { tags, params: idParams, response: { 200: tokenListSchema, ...errorResponses } } }, async (req) => {
    const tokens = await listTokens(ctx, actor(requireAuth(req)), req.params.id);
    return { items: tokens.map((t) => presentToken(t)) };
  });

  r.post(
    '/api/users/:id/tokens',
    { schema: { tags, params: idParams, body: createTokenSchema, response: { 201: createdTokenSchema, ...errorResponses } } },
    async (req, reply) => {
      const { token, secret } = await createToken(ctx, actor(requireSignedIn(requireAuth(req))), req.params.id, req.body);
      return reply.code(201).send({ token: presentToken(token), secret });
    },
  );

  r.delete(
    '/api/users/:id/tokens/:tokenId',
    { schema: { tags, params: tokenParams, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await revokeToken(ctx, actor(requireAuth(req)), req.params.id, req.params.tokenId);
      return reply.code(204).send(null);
    },
  );
}
