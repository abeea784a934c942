import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { authorize } from '../domain/policy/authorize.ts';
import { notFound, validation } from '../errors.ts';
import { findApiTokenById, insertApiToken, listUserApiTokens, revokeApiToken, type ApiTokenRow } from '../store/api-tokens.repository.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import { findUserById } from '../store/users.repository.ts';
import { randomToken, sha256 } from './auth.service.ts';
import type { AppContext } from './context.ts';
import { actorId, type Actor } from './users.service.ts';

export const TOKEN_DEFAULT_DAYS = 90;
/** A token outliving a year would outlive most staff rotations; issue a new one instead. */
export const TOKEN_MAX_DAYS = 365;
const DAY_MS = 86_400_000;

export const createTokenSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).default(TOKEN_DEFAULT_DAYS),
  })
  .strict();
export type CreateTokenInput = z.input<typeof createTokenSchema>;

/** One's own tokens by tokens:manage-own; anyone else's only by a user administrator. */
function authorizeTokens(actor: Actor, userId: string): void {
  if (actor.kind === 'system') return;
  authorize(actor.subject, actor.subject.userId === userId ? 'tokens:manage-own' : 'users:write');
}

/** Issues a token; only its hash is stored and the secret is returned to be shown once. */
export async function createToken(ctx: AppContext, actor: Actor, userId: string, raw: CreateTokenInput): Promise<{ token: ApiTokenRow; secret: string }> {
  authorizeTokens(actor, userId);
  const input = createTokenSchema.parse(raw);
  const secret = `sarhad_${randomToken()}`;
  return inWriteTransaction(ctx.db, async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw notFound('user');
    if (user.disabled) throw validation('the user is disabled; enable them before issuing a token');
    const now = new Date();
    const token: ApiTokenRow = {
      id: randomUUID(),
      userId,
      name: input.name,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await insertApiToken(trx, { ...token, tokenHash: sha256(secret) });
    await appendAudit(trx, { actor: actorId(actor), action: 'token.create', entityType: 'api_token', entityId: token.id, detail: { userId, expiresAt: token.expiresAt } });
    return { token, secret };
  });
}

export async function listTokens(ctx: AppContext, actor: Actor, userId: string): Promise<ApiTokenRow[]> {
  authorizeTokens(actor, userId);
  if (!(await findUserById(ctx.db.kysely, userId))) throw notFound('user');
  return listUserApiTokens(ctx.db.kysely, userId);
}

/** Revokes one token of `userId` (null: whoever owns it, for the CLI); revoking twice is a no-op. */
export async function revokeToken(ctx: AppContext, actor: Actor, userId: string | null, tokenId: string): Promise<ApiTokenRow> {
  const found = await findApiTokenById(ctx.db.kysely, tokenId);
  if (!found || (userId !== null && found.userId !== userId)) {
    if (userId !== null) authorizeTokens(actor, userId);
    throw notFound('token');
  }
  authorizeTokens(actor, found.userId);
  return inWriteTransaction(ctx.db, async (trx) => {
    const at = new Date().toISOString();
    if (await revokeApiToken(trx, tokenId, at, 'revoked')) {
      await appendAudit(trx, { actor: actorId(actor), action: 'token.revoke', entityType: 'api_token', entityId: tokenId, detail: { userId: found.userId } });
      return { ...found, revokedAt: at };
    }
    return found;
  });
}
