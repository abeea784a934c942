import { compareIdentifiers } from '../../domain/names/identifiers.ts';
import { screen } from '../../domain/names/screen.ts';
import { authorize } from '../../domain/policy/authorize.ts';
import { can } from '../../domain/policy/permissions.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { totalValueUsd, USD_PER, type DeclarationBody } from '../../domain/trade/declaration.ts';
import { DEFAULT_SELECTIVITY, hitRates, laneRates, SelectivityEngine, selectivityRuleSchema, type DeclarationFacts, type SelectivityConfig, type SelectivityRule } from '../../domain/trade/selectivity.ts';
import { appendAudit } from '../../store/audit.repository.ts';
import { decisionsBetween, listInspections, listSelectivityRules, recentEventCategories, upsertSelectivityRule } from '../../store/trade.repository.ts';
import { inWriteTransaction } from '../../store/transaction.ts';
import { ruleProblems } from '../../domain/trade/trade-config.ts';
import { notFound, validation } from '../../errors.ts';
import type { AppContext } from '../context.ts';
import { watchlistOf } from '../screening.service.ts';

/** The node's selectivity settings: defaults, with the seed made per node (SARHAD_SELECTIVITY_*). */
export function selectivityConfig(ctx: AppContext): SelectivityConfig {
  return {
    ...DEFAULT_SELECTIVITY,
    randomRate: ctx.config.selectivityRandomRate,
    greenStandbyMinutes: ctx.config.selectivityStandbyMinutes,
    seed: `${ctx.node.id}:selectivity`,
  };
}

const engines = new WeakMap<AppContext, Promise<SelectivityEngine>>();

/** The compiled engine, rebuilt after any rule change on this process. */
export function engineOf(ctx: AppContext): Promise<SelectivityEngine> {
  let e = engines.get(ctx);
  if (!e) {
    e = listSelectivityRules(ctx.db.kysely).then((rules) => new SelectivityEngine(rules, selectivityConfig(ctx)));
    engines.set(ctx, e);
  }
  return e;
}
export const resetEngine = (ctx: AppContext) => engines.delete(ctx);

/** Watch-list hits of a declaration: the vehicle (plate alerts) and the parties (names). */
export async function watchlistHits(ctx: AppContext, d: Pick<DeclarationBody, 'vehicle' | 'consignor' | 'consignee' | 'declarant'>): Promise<string[]> {
  const { index, alerts } = await watchlistOf(ctx);
  const hits = new Set<string>();
  for (const a of alerts.values()) {
    const s = a.body.subject;
    if (s.kind !== 'vehicle') continue;
    for (const plate of [d.vehicle.plate, d.vehicle.trailerPlate]) if (plate && compareIdentifiers(plate, s.plate) !== 'none') hits.add(a.id);
  }
  for (const party of [d.consignor, d.consignee, d.declarant]) {
    if (!party) continue;
    for (const h of screen(index, { name: party.name }, { threshold: 0.9, limit: 5 })) hits.add(h.id);
  }
  return [...hits];
}

export async function factsOf(ctx: AppContext, id: string, d: DeclarationBody, now: Date): Promise<DeclarationFacts> {
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  return {
    id,
    items: d.items.map((i) => ({ hsCode: i.hsCode, origin: i.origin, valueUsd: totalValueUsd({ items: [i] }, USD_PER), grossMassKg: i.grossMassKg })),
    traders: [d.consignor.id, d.consignee.id, ...(d.declarant ? [d.declarant.id] : [])],
    exitPointId: d.exitPointId,
    watchlistHits: await watchlistHits(ctx, d),
    intelligence: await recentEventCategories(ctx.db.kysely, d.exitPointId, since),
  };
}

/** Analysts and commanders read the rules; whoever may edit them (trade:configure) too. */
export async function readRules(ctx: AppContext, subject: Subject): Promise<SelectivityRule[]> {
  authorize(subject, can(subject, 'trade:configure') ? 'trade:configure' : 'trade:analyse');
  return listSelectivityRules(ctx.db.kysely);
}

function checkedRule(input: unknown): SelectivityRule {
  const rule = selectivityRuleSchema.parse(input);
  const problems = ruleProblems(rule);
  if (problems.length) throw validation(`The rule cannot be saved: ${problems.map((p) => p.message).join('; ')}`, problems);
  return rule;
}

async function storeRule(ctx: AppContext, subject: Subject, rule: SelectivityRule, action: string) {
  const at = new Date().toISOString();
  await inWriteTransaction(ctx.db, async (trx) => {
    await upsertSelectivityRule(trx, rule, subject.userId, at);
    await appendAudit(trx, { actor: subject.userId, action, entityType: 'selectivity_rule', entityId: rule.id, detail: { lane: rule.lane, active: rule.active, rate: rule.rate ?? 1 } });
  });
  resetEngine(ctx);
  return rule;
}

/** Create a rule, or replace the one with this id (the editor's "new rule", scripts). */
export async function saveRule(ctx: AppContext, subject: Subject, input: unknown): Promise<SelectivityRule> {
  authorize(subject, 'trade:configure');
  return storeRule(ctx, subject, checkedRule(input), 'selectivity.rule_saved');
}

/** Edit an existing rule (also how it is switched off: `active: false`); 404 if there is none. */
export async function replaceRule(ctx: AppContext, subject: Subject, id: string, input: unknown): Promise<SelectivityRule> {
  authorize(subject, 'trade:configure');
  const rule = checkedRule(input);
  if (rule.id !== id) throw validation('The rule id cannot change', [{ path: 'id', message: `must be "${id}"` }]);
  if (!(await listSelectivityRules(ctx.db.kysely)).some((r) => r.id === id)) throw notFound('selectivity rule');
  return storeRule(ctx, subject, rule, 'selectivity.rule_updated');
}

/** For analysts: lane shares against the expected rates, and hit rate per rule, over a period. */
export async function selectivityPerformance(ctx: AppContext, subject: Subject, from: string, to: string) {
  authorize(subject, 'trade:analyse');
  const [decisions, inspections] = await Promise.all([decisionsBetween(ctx.db.kysely, from, to), listInspections(ctx.db.kysely, from, to)]);
  const config = selectivityConfig(ctx);
  return {
    from,
    to,
    decisions: decisions.length,
    randomRate: config.randomRate,
    lanes: laneRates(decisions.map((d) => d.lane), config.expectedRates),
    rules: hitRates(inspections.map((i) => ({ firedRuleIds: i.firedRuleIds, hit: i.hit }))),
  };
}
