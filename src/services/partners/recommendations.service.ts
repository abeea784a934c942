import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { authorize } from '../../domain/policy/authorize.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { actionSchema, lateActions, RECOMMENDATION_STATUSES, recommendationInputSchema, type RecommendationInput } from '../../domain/partners/recommendation.ts';
import { AppError, notFound } from '../../errors.ts';
import { appendAudit } from '../../store/audit.repository.ts';
import { findRecommendationByRef, findRecommendationRow, insertRecommendationRow, listRecommendationRows, updateRecommendationRow, type RecommendationRow } from '../../store/partners.repository.ts';
import { inWriteTransaction } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';

/**
 * The recommendations tracker (docs/partners.md): node-local rows (each side tracks its own
 * follow-up), versioned by compare-and-set, every change audited with the ids and statuses only.
 */

export interface Recommendation extends RecommendationInput {
  id: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  /** Actions past their deadline and not done: computed, never stored. */
  late: string[];
}

function present(row: RecommendationRow, today: string): Recommendation {
  const body = JSON.parse(row.body_json) as RecommendationInput;
  return { ...body, id: row.id, version: row.version, updatedAt: row.updated_at, updatedBy: row.updated_by, late: lateActions(body.actions, today).map((a) => a.id) };
}

function parseInput(input: unknown): RecommendationInput {
  const parsed = recommendationInputSchema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('VALIDATION_FAILED', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
  return parsed.data;
}

export const updateRecommendationSchema = z
  .object({
    version: z.number().int().optional(),
    status: z.enum(RECOMMENDATION_STATUSES).optional(),
    actions: z.array(actionSchema).max(50).optional(),
    title: recommendationInputSchema.shape.title.optional(),
    text: recommendationInputSchema.shape.text.optional(),
  })
  .strict();

export async function listRecommendations(ctx: AppContext, subject: Subject | null, today = new Date().toISOString().slice(0, 10)): Promise<Recommendation[]> {
  if (subject) authorize(subject, 'partners:read');
  return (await listRecommendationRows(ctx.db.kysely)).map((r) => present(r, today));
}

type Writer = { subject: Subject } | { system: string };
const actorOf = (w: Writer) => ('subject' in w ? w.subject.userId : `system:${w.system}`);

/** A recommendation of a meeting (the 2012 conference's are seeded; later meetings add theirs). */
export async function createRecommendation(ctx: AppContext, writer: Writer, input: unknown, now = new Date()): Promise<Recommendation> {
  if ('subject' in writer) authorize(writer.subject, 'recommendations:write');
  const body = parseInput(input);
  const at = now.toISOString();
  const actor = actorOf(writer);
  const id = randomUUID();
  await inWriteTransaction(ctx.db, async (trx) => {
    if (await findRecommendationByRef(trx, body.ref)) throw new AppError('CONFLICT', `recommendation ${body.ref} exists already`);
    await insertRecommendationRow(trx, { id, ref: body.ref, meeting: body.meeting, meeting_date: body.meetingDate, status: body.status, body_json: JSON.stringify(body), version: 1, created_by: actor, created_at: at, updated_by: actor, updated_at: at });
    await appendAudit(trx, { actor, action: 'recommendation.created', entityType: 'recommendation', entityId: id, detail: { ref: body.ref, status: body.status, actions: body.actions.length } }, now);
  });
  return present((await findRecommendationRow(ctx.db.kysely, id))!, at.slice(0, 10));
}

/** Status, actions (owners, deadlines, status, evidence) or wording; `expectedVersion` is required. */
export async function updateRecommendation(ctx: AppContext, writer: Writer, id: string, expectedVersion: number | undefined, patch: z.output<typeof updateRecommendationSchema>, now = new Date()): Promise<Recommendation> {
  if ('subject' in writer) authorize(writer.subject, 'recommendations:write');
  const actor = actorOf(writer);
  await inWriteTransaction(ctx.db, async (trx) => {
    const row = await findRecommendationRow(trx, id);
    if (!row) throw notFound('recommendation');
    if (expectedVersion === undefined) throw new AppError('PRECONDITION_REQUIRED', 'Say which version you change: If-Match or "version"');
    const current = JSON.parse(row.body_json) as RecommendationInput;
    const { version: _v, ...rest } = patch;
    const body = parseInput({ ...current, ...rest });
    const ok = await updateRecommendationRow(trx, id, expectedVersion, { status: body.status, body_json: JSON.stringify(body), meeting: body.meeting, meeting_date: body.meetingDate, updated_by: actor, updated_at: now.toISOString() });
    if (!ok) throw new AppError('VERSION_CONFLICT', `recommendation ${id} is at version ${row.version}, not ${expectedVersion}: re-read it and apply the change again`);
    await appendAudit(trx, { actor, action: 'recommendation.updated', entityType: 'recommendation', entityId: id, detail: { version: expectedVersion + 1, status: body.status, actions: body.actions.map((a) => `${a.id}:${a.status}`) } }, now);
  });
  return present((await findRecommendationRow(ctx.db.kysely, id))!, now.toISOString().slice(0, 10));
}
