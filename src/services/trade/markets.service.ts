import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { authorize } from '../../domain/policy/authorize.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { marketInputSchema, marketProblems } from '../../domain/trade/trade-config.ts';
import { conflict, notFound, validation } from '../../errors.ts';
import { appendAudit } from '../../store/audit.repository.ts';
import { insertMarket, listMarkets, marketDays, updateMarket, upsertMarketDay, type Market } from '../../store/trade.repository.ts';
import { findRecord } from '../../store/records.repository.ts';
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

async function checkedMarket(ctx: AppContext, raw: unknown) {
  const input = marketInputSchema.parse(raw);
  const problems = marketProblems(input);
  if (input.unitId) {
    const unit = await findRecord(ctx.db.kysely, 'unit', input.unitId);
    if (!unit || unit.body.kind !== 'crossing_point') problems.push({ path: 'unitId', message: 'not a crossing point' });
  }
  if (problems.length) throw validation(`The market cannot be saved: ${problems.map((p) => p.message).join('; ')}`, problems);
  return input;
}

/** A new border market (editor): 409 CONFLICT when its ref is taken. */
export async function createMarket(ctx: AppContext, subject: Subject, raw: unknown): Promise<Market> {
  authorize(subject, 'trade:configure');
  const market: Market = { id: randomUUID(), ...(await checkedMarket(ctx, raw)) };
  await inWriteTransaction(ctx.db, async (trx) => {
    if (!(await insertMarket(trx, market))) throw conflict(`A market with the reference "${market.ref}" exists`);
    await appendAudit(trx, { actor: subject.userId, action: 'market.created', entityType: 'border_market', entityId: market.id, detail: { ref: market.ref } });
  });
  return market;
}

/** Edit a market (also how it is switched off: `active: false`); its market days stay. */
export async function editMarket(ctx: AppContext, subject: Subject, id: string, raw: unknown): Promise<Market> {
  authorize(subject, 'trade:configure');
  const market: Market = { id, ...(await checkedMarket(ctx, raw)) };
  const all = await listMarkets(ctx.db.kysely);
  if (!all.some((m) => m.id === id)) throw notFound('market');
  if (all.some((m) => m.ref === market.ref && m.id !== id)) throw conflict(`A market with the reference "${market.ref}" exists`);
  await inWriteTransaction(ctx.db, async (trx) => {
    await updateMarket(trx, market);
    await appendAudit(trx, { actor: subject.userId, action: 'market.updated', entityType: 'border_market', entityId: id, detail: { ref: market.ref, active: market.active } });
  });
  return market;
}
