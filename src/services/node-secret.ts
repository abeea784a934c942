import { randomBytes } from 'node:crypto';
import { appendAudit } from '../store/audit.repository.ts';
import { getNodeSecret, insertNodeSecret } from '../store/node-secrets.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';

/** Purpose of the secret that keys the hashes of screened travellers' identifiers. */
export const SCREENING_HMAC = 'screening-hmac';

const secrets = new WeakMap<AppContext, Map<string, Promise<Buffer>>>();

/**
 * A random 32-byte secret of this node for one purpose, created on first use and kept in the
 * node's database beside its signing key (and, like it, never logged or audited in clear).
 * Separate from the signing key so that neither use weakens the other.
 */
export function nodeSecret(ctx: AppContext, purpose: string): Promise<Buffer> {
  let byPurpose = secrets.get(ctx);
  if (!byPurpose) secrets.set(ctx, (byPurpose = new Map()));
  let s = byPurpose.get(purpose);
  if (!s) {
    s = (async () => {
      const existing = await getNodeSecret(ctx.db.kysely, ctx.node.id, purpose);
      if (existing) return existing;
      return inWriteTransaction(ctx.db, async (trx) => {
        const again = await getNodeSecret(trx, ctx.node.id, purpose);
        if (again) return again;
        const secret = randomBytes(32);
        await insertNodeSecret(trx, ctx.node.id, purpose, secret, new Date().toISOString());
        await appendAudit(trx, { actor: 'system:bootstrap', action: 'node.secret_create', entityType: 'node', entityId: ctx.node.id, detail: { purpose } });
        return secret;
      });
    })();
    s.catch(() => byPurpose.delete(purpose));
    byPurpose.set(purpose, s);
  }
  return s;
}
