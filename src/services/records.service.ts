import type { Marking } from '../domain/records/marking.ts';
import type { RecordBodies, RecordKind } from '../domain/records/bodies.ts';
import { saveRecord, type SaveResult } from '../store/records.repository.ts';
import { inWriteTransaction, type Trx } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { actorId, type Actor } from './users.service.ts';

export interface WriteRecord<T extends RecordKind> {
  type: T;
  id?: string;
  body: RecordBodies[T];
  marking: Marking;
  /** The version this write changes (optimistic concurrency); omitted for creations and imports. */
  expectedVersion?: number;
}

/**
 * A record belongs to the node that issued it and, inside it, to its author's agency, unit and
 * state: an Afghan liaison officer's alert entered on the Tajik node is an Afghan alert.
 */
function ownerOf(ctx: AppContext, actor: Actor) {
  return {
    node: ctx.node.id,
    state: actor.kind === 'user' ? actor.subject.stateCode : ctx.node.stateCode,
    agencyId: actor.kind === 'user' ? actor.subject.agencyId : null,
    unitId: actor.kind === 'user' ? actor.subject.unitId : null,
  };
}

/** Records with a workflow status (events) carry it to the stream's audience check. */
function statusOf(body: unknown): { status?: string } {
  const status = (body as { status?: unknown } | null)?.status;
  return typeof status === 'string' ? { status } : {};
}

/**
 * The single path for changing shareable records: record, version, outbox and audit in one
 * transaction; live listeners hear of it only after the commit. Callers authorise first.
 */
export async function writeRecords<T extends RecordKind>(
  ctx: AppContext,
  actor: Actor,
  writes: WriteRecord<T>[] | ((trx: Trx) => Promise<WriteRecord<T>[]>),
  onProgress?: (done: number, total: number) => void,
): Promise<SaveResult<T>[]> {
  const results = await inWriteTransaction(ctx.db, async (trx) => {
    const list = typeof writes === 'function' ? await writes(trx) : writes;
    const out: SaveResult<T>[] = [];
    for (const w of list) {
      out.push(await saveRecord(trx, { ...w, owner: ownerOf(ctx, actor), actor: actorId(actor) }));
      if (onProgress && (out.length % 50 === 0 || out.length === list.length)) onProgress(out.length, list.length);
    }
    return out;
  });
  for (const r of results) {
    if (r.change) ctx.events.publish({ ...r.change, audience: { owner: r.record.owner, marking: r.record.marking, createdBy: r.record.createdBy, ...statusOf(r.record.body) } });
  }
  return results;
}

export async function writeRecord<T extends RecordKind>(ctx: AppContext, actor: Actor, write: WriteRecord<T>) {
  const [result] = await writeRecords(ctx, actor, [write]);
  return result!;
}
