import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../services/context.ts';
import { changeUser, createUser, createUserSchema, readUsers, updateUserSchema } from '../../../services/users.service.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses, idParams } from '../schemas.ts';
import { presentUser, userSchema } from './presenter.ts';

export async function usersRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get('/api/users', { schema: { tags, response: { 200: z.object({ items: z.array(userSchema) }), ...errorResponses } } }, async (req) => {
    const users = await readUsers(ctx, { kind: 'user', subject: requireAuth(req).subject });
    return { items: users.map(presentUser) };
  });

  r.post('/api/users', { schema: { tags, body: createUserSchema, response: { 201: userSchema, ...errorResponses } } }, async (req, reply) => {
    const user = await createUser(ctx, { kind: 'user', subject: requireAuth(req).subject }, req.body);
    return reply.code(201).send(presentUser(user));
  });

  r.patch(
    '/api/users/:id',
    { schema: { tags, params: idParams, body: updateUserSchema, response: { 200: userSchema, ...errorResponses } } },
    async (req) => presentUser(await changeUser(ctx, { kind: 'user', subject: requireAuth(req).subject }, req.params.id, req.body)),
  );
}
