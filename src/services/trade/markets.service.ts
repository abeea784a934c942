import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { authorize } from '../../domain/policy/authorize.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { notFound } from '../../errors.ts';
import { appendAudit } from '../../store/audit.repository.ts';
import { listMarkets, marketDays, upsertMarketDay } from '../../store/trade.repository.ts';
import { inWriteTransaction } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';

/** The weekly cross-border markets on the Panj bridges, with what each market day saw. */
export async function marketsOverview(ctx: AppContext, subject: Subject, from: string, to: string) {
  authorize(subject, 'trade:read');
  const markets = await listMarkets(ctx.db.kysely);
  return Promise.all(
    markets.map(async (m) => {
      const days = await marketDays(ctx.db.kysely, m.id, from, to);
      const sum = (f: (d: (typeof days)[number]) => number) => days.reduce((s, d) => s + f(d), 0);
      return {
        ...m,
        days,
        totals: { marketDays: days.length, traders: sum((d) => d.tradersTj + d.tradersAf), visitors: sum((d) => d.visitors), turnoverUsd: Math.round(sum((d) => d.turnoverUsd)) },
      };
    }),
  );
}

export const marketDayInputSchema = z
  .object({
    day: z.iso.date(),
    tradersTj: z.number().int().min(0).max(100_000),
    tradersAf: z.number().int().min(0).max(100_000),
    visitors: z.number().int().min(0).max(1_000_000),
    turnoverUsd: z.number().min(0).max(1e9),
  })
  .strict();

export async function recordMarketDay(ctx: AppContext, subject: Subject, marketId: string, raw: unknown) {
  authorize(subject, 'trade:write');
  const input = marketDayInputSchema.parse(raw);
  const market = (await listMarkets(ctx.db.kysely)).find((m) => m.id === marketId);
  if (!market) throw notFound('market');
  const day = { id: randomUUID(), marketId, ...input, recordedBy: subject.userId };
  await inWriteTransaction(ctx.db, async (trx) => {
    await upsertMarketDay(trx, day);
    await appendAudit(trx, { actor: subject.userId, action: 'market.day_recorded', entityType: 'border_market', entityId: marketId, detail: { day: input.day } });
  });
  return day;
}
