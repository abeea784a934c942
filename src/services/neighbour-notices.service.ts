/**
 * The inbox of neighbour notices (docs/risk-model.md): when a section next to the border rises
 * to medium or higher, the owning node's assessment names the counterpart units across the river
 * (by id and by scenario ref, since a peer holds the registry under its own ids). On the node
 * that receives it, the notice is shown only to officers of the named units, each with their own
 * read marks.
 */
import { allows, authorize } from '../domain/policy/authorize.ts';
import { assessmentTarget } from '../domain/policy/risk.policy.ts';
import type { Subject } from '../domain/policy/roles.ts';
import type { LocalizedNameValue } from '../domain/registry/entities.ts';
import type { RiskLevel } from '../domain/risk/config.ts';
import type { ExplanationItem } from '../domain/risk/model.ts';
import { notFound, validation } from '../errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { markNoticeRead, readNoticeKeys, receivedNotices, type ReceivedNotice } from '../store/notices.repository.ts';
import { findRecord, listRecords } from '../store/records.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';

/** The inbox holds the newest notices; older ones stay in the assessment history. */
const INBOX_LIMIT = 200;

export interface NoticeView {
  /** `recordId:version` */
  id: string;
  recordId: string;
  version: number;
  fromState: string;
  /** this node's id of the section (null: not in our registry) */
  sectionId: string | null;
  sectionRef: string | null;
  sectionName: LocalizedNameValue | null;
  from: RiskLevel;
  to: RiskLevel;
  level: RiskLevel;
  score: number;
  explanation: ExplanationItem[];
  computedAt: string;
  receivedAt: string;
  read: boolean;
}

/** Whether a notice names the subject's unit (by our id, or by the shared scenario ref). */
function namesUnit(n: ReceivedNotice, unitId: string, unitRef: string | null): boolean {
  return n.body.notice.unitIds.includes(unitId) || (unitRef !== null && n.body.notice.unitRefs.includes(unitRef));
}

async function noticesFor(ctx: AppContext, subject: Subject): Promise<ReceivedNotice[]> {
  authorize(subject, 'assessments:read');
  if (!subject.unitId) return [];
  const unit = await findRecord(ctx.db.kysely, 'unit', subject.unitId);
  if (!unit) return [];
  const all = await receivedNotices(ctx.db.kysely, ctx.node.id, INBOX_LIMIT);
  return all.filter(
    (n) =>
      namesUnit(n, unit.id, unit.body.ref) &&
      allows(subject, 'assessments:read', assessmentTarget(ctx.node.id, { owner: { node: n.ownerNode, state: n.ownerState, agencyId: null, unitId: null }, marking: n.marking, createdBy: `node:${n.ownerNode}` })),
  );
}

/** The subject's notices, newest first, with their unread count. */
export async function listNotices(ctx: AppContext, subject: Subject): Promise<{ items: NoticeView[]; unread: number }> {
  const notices = await noticesFor(ctx, subject);
  if (notices.length === 0) return { items: [], unread: 0 };
  const read = await readNoticeKeys(ctx.db.kysely, subject.userId);
  const sections = new Map((await listRecords(ctx.db.kysely, 'section')).flatMap((s) => (s.body.ref ? [[s.body.ref, s] as const] : [])));
  const items = notices.map((n): NoticeView => {
    const local = n.body.sectionRef ? sections.get(n.body.sectionRef) : undefined;
    const key = `${n.recordId}:${n.version}`;
    return {
      id: key,
      recordId: n.recordId,
      version: n.version,
      fromState: n.ownerState,
      sectionId: local?.id ?? null,
      sectionRef: n.body.sectionRef,
      sectionName: local?.body.name ?? null,
      from: n.body.notice.from,
      to: n.body.notice.to,
      level: n.body.level,
      score: n.body.score,
      explanation: n.body.explanation,
      computedAt: n.body.computedAt,
      receivedAt: n.receivedAt,
      read: read.has(key),
    };
  });
  return { items, unread: items.filter((i) => !i.read).length };
}

const NOTICE_ID = /^([0-9a-f-]{36}):(\d{1,9})$/;

/** Marks a notice read for the subject (audited once); a notice not addressed to them is not found. */
export async function readNotice(ctx: AppContext, subject: Subject, id: string): Promise<{ id: string; read: true; unread: number }> {
  const m = NOTICE_ID.exec(id);
  if (!m) throw validation('a notice id is <record id>:<version>');
  const notices = await noticesFor(ctx, subject);
  const n = notices.find((x) => x.recordId === m[1] && x.version === Number(m[2]));
  if (!n) throw notFound('notice');
  await inWriteTransaction(ctx.db, async (trx) => {
    const fresh = await markNoticeRead(trx, n.recordId, n.version, subject.userId, new Date().toISOString());
    if (fresh) await appendAudit(trx, { actor: subject.userId, action: 'notice.read', entityType: 'assessment', entityId: n.recordId, detail: { version: n.version } });
  });
  const read = await readNoticeKeys(ctx.db.kysely, subject.userId);
  return { id, read: true, unread: notices.filter((x) => !read.has(`${x.recordId}:${x.version}`)).length };
}
