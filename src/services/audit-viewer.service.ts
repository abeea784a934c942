import { z } from 'zod';
import type { CheckpointVerdict } from '../domain/audit/checkpoint.ts';
import { authorize } from '../domain/policy/authorize.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { validation } from '../errors.ts';
import { lastAuditSeq } from '../store/audit-checkpoints.repository.ts';
import { auditActions, queryAudit, type AuditFilter } from '../store/audit-query.repository.ts';
import type { AuditLogTable } from '../store/schema.ts';
import { findUserByUsername, usernamesByIds } from '../store/users.repository.ts';
import { verifyAuditIntegrity } from './audit-checkpoints.service.ts';
import type { AppContext } from './context.ts';

const day = /^\d{4}-\d{2}-\d{2}$/;
/** A day (whole day, UTC) or an ISO-8601 instant. */
const when = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const text = (max: number) => z.string().trim().min(1).max(max);

export const auditQuerySchema = z
  .object({
    actor: text(200).optional().describe('user name or actor id (system:…, peer:…)'),
    action: text(100).optional(),
    entityType: text(60).optional(),
    entityId: text(200).optional(),
    from: when.optional(),
    to: when.optional(),
    /** Only entries up to this seq: keeps pages stable while the log grows (reads of it are audited too). */
    maxSeq: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
export type AuditQuery = z.output<typeof auditQuerySchema>;

const bound = (v: string | undefined, end: 'start' | 'end') =>
  v === undefined ? undefined : day.test(v) ? `${v}T${end === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : new Date(v).toISOString();

export interface AuditPage {
  rows: AuditLogTable[];
  total: number;
  /** Actor id → user name, for the actors on this page that are users. */
  usernames: ReadonlyMap<string, string>;
  actions: string[];
}

/** A filtered page of the audit log, for commanders and administrators; the read itself is audited. */
export async function readAuditLog(ctx: AppContext, subject: Subject, q: AuditQuery): Promise<AuditPage> {
  authorize(subject, 'audit:read');
  const filter: AuditFilter = {
    actor: q.actor === undefined ? undefined : ((await findUserByUsername(ctx.db.kysely, q.actor))?.id ?? q.actor),
    action: q.action,
    entityType: q.entityType,
    entityId: q.entityId,
    from: bound(q.from, 'start'),
    to: bound(q.to, 'end'),
    maxSeq: q.maxSeq,
  };
  if (filter.from && filter.to && filter.from > filter.to) throw validation('from is after to', [{ path: ['from'] }]);
  const { rows, total } = await queryAudit(ctx.db.kysely, filter, q.limit, q.offset);
  const usernames = await usernamesByIds(ctx.db.kysely, [...new Set(rows.map((r) => r.actor))]);
  ctx.reads.record({ actor: subject.userId, action: 'audit.read', entityType: 'audit', entityId: null, detail: { count: rows.length, total } });
  return { rows, total, usernames, actions: await auditActions(ctx.db.kysely) };
}

export interface AuditStatus {
  intact: boolean;
  /** Entries verified from genesis before the first problem. */
  verified: number;
  lastSeq: number;
  firstBadSeq: number | null;
  problem: string | null;
  lastCheckpoint: { seq: number; at: string; extended: boolean; reason: string | null } | null;
  /** Read entries queued and not yet in the chain. */
  pendingReads: number;
}

const checkpointView = (v: CheckpointVerdict | undefined): AuditStatus['lastCheckpoint'] =>
  !v?.checkpoint ? null : { seq: v.checkpoint.seq, at: v.checkpoint.at, extended: v.ok, reason: v.ok ? null : v.reason };

/** "Chain intact up to seq N, last checkpoint at …": the viewer's header. */
export async function readAuditStatus(ctx: AppContext, subject: Subject): Promise<AuditStatus> {
  authorize(subject, 'audit:read');
  const result = await verifyAuditIntegrity(ctx);
  const p = result.chain.problem;
  return {
    intact: result.chain.ok && result.checkpoints.every((v) => v.ok),
    verified: result.chain.checked,
    lastSeq: await lastAuditSeq(ctx.db.kysely),
    firstBadSeq: p ? (p.kind === 'gap' ? p.expectedSeq : p.seq) : null,
    problem: p?.kind ?? null,
    lastCheckpoint: checkpointView(result.checkpoints[0]),
    pendingReads: ctx.reads.pending,
  };
}
