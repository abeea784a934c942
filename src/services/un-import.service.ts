import { parseUnList, unIndividualToAlert, UnListError } from '../domain/alerts/un-list.ts';
import { alertTarget } from '../domain/policy/alert.policy.ts';
import { authorize } from '../domain/policy/authorize.ts';
import { CLEAR_MARKING } from '../domain/records/marking.ts';
import { AppError } from '../errors.ts';
import { principalOf } from './principal.ts';
import { listRecords } from '../store/records.repository.ts';
import type { AppContext } from './context.ts';
import { writeRecords, type WriteRecord } from './records.service.ts';
import type { Actor } from './users.service.ts';

export interface UnImportSummary {
  generatedAt: string | null;
  individuals: number;
  withOriginalScript: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

/**
 * Imports the UN Security Council Consolidated List as alerts (source un_sc, keyed by the
 * UN reference number). Re-importing shows what was added, changed and removed; people no
 * longer listed get a new version with active=false. One transaction: all or nothing.
 */
export async function importUnList(ctx: AppContext, actor: Actor, xml: string, onProgress?: (done: number, total: number) => void): Promise<UnImportSummary> {
  authorize(principalOf(actor), 'alerts:import');
  let list;
  try {
    list = parseUnList(xml);
  } catch (err) {
    if (err instanceof UnListError) throw new AppError(err.code, err.message);
    throw err;
  }
  const present = new Set(list.individuals.map((i) => i.ref));
  let removed = 0;
  const results = await writeRecords<'alert'>(
    ctx,
    actor,
    async (trx) => {
      // This node's own UN alerts: copies received from peers are theirs, and stay as they are.
      const own = (await listRecords(trx, 'alert', { source: 'un_sc' })).filter((a) => a.owner.node === ctx.node.id);
      for (const a of own) authorize(principalOf(actor), 'alerts:import', alertTarget(ctx.node.id, a));
      const existing = new Map(own.map((a) => [a.body.sourceRef!, a]));
      const writes: WriteRecord<'alert'>[] = list.individuals.map((i) => ({
        type: 'alert',
        id: existing.get(i.ref)?.id,
        body: unIndividualToAlert(i),
        marking: CLEAR_MARKING,
      }));
      for (const [ref, alert] of existing) {
        if (present.has(ref) || !alert.body.active) continue;
        removed += 1;
        writes.push({ type: 'alert', id: alert.id, body: { ...alert.body, active: false }, marking: alert.marking });
      }
      return writes;
    },
    onProgress,
  );
  const listed = results.slice(0, list.individuals.length);
  return {
    generatedAt: list.generatedAt,
    individuals: list.individuals.length,
    withOriginalScript: list.individuals.filter((i) => i.originalScriptNames.length > 0).length,
    added: listed.filter((r) => r.change?.op === 'create').length,
    changed: listed.filter((r) => r.change?.op === 'update').length,
    removed,
    unchanged: listed.filter((r) => r.change === null).length,
  };
}
