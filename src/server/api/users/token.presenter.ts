import { z } from 'zod';
import type { ApiTokenRow } from '../../../store/api-tokens.repository.ts';

/** A token as listed: never its secret or hash. */
export const tokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expired: z.boolean(),
});
export type TokenView = z.output<typeof tokenSchema>;

/** The answer to a creation: the only time the secret leaves the server. */
export const createdTokenSchema = z.object({ token: tokenSchema, secret: z.string() });

export function presentToken(t: ApiTokenRow, now = new Date().toISOString()): TokenView {
  return { id: t.id, userId: t.userId, name: t.name, createdAt: t.createdAt, expiresAt: t.expiresAt, lastUsedAt: t.lastUsedAt, expired: t.expiresAt <= now };
}
