import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { LonLat } from '../domain/geo/geo.ts';
import { allows, authorize } from '../domain/policy/authorize.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { warningTarget } from '../domain/policy/warning.policy.ts';
import { CLEAR_MARKING, markingSchema, type Marking } from '../domain/records/marking.ts';
import { pointInAreas, sectionsTouched, type BorderSection } from '../domain/warnings/area.ts';
import {
  CAP_SCOPES,
  CAP_STATUSES,
  capAlertSchema,
  capInfoSchema,
  isActiveWarning,
  referenceOf,
  toCapDateTime,
  warningBodySchema,
  type CapAlert,
  type WarningBody,
} from '../domain/warnings/cap.ts';
import { CapError, parseCapXml } from '../domain/warnings/cap-xml.ts';
import { AppError, notFound } from '../errors.ts';
import { findRecord, listRecords, type SavedRecord } from '../store/records.repository.ts';
import type { Executor } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { writeRecords, type WriteRecord } from './records.service.ts';
import type { Actor } from './users.service.ts';

/** Warnings are public-safety information: TLP:CLEAR unless the author chooses otherwise. */
export const DEFAULT_WARNING_MARKING: Marking = CLEAR_MARKING;

export const createWarningSchema = z
  .object({
    status: z.enum(CAP_STATUSES).default('Actual'),
    scope: z.enum(CAP_SCOPES).default('Public'),
    restriction: z.string().trim().min(1).max(1000).nullable().default(null),
    addresses: z.string().trim().min(1).max(2000).nullable().default(null),
    note: z.string().trim().min(1).max(2000).nullable().default(null),
    /** One block per language (CAP <info>), e.g. en, ru, tg, fa, ps. */
    info: z.array(capInfoSchema).min(1).max(10),
    marking: markingSchema.default(DEFAULT_WARNING_MARKING),
  })
  .strict();
export type CreateWarningInput = z.output<typeof createWarningSchema>;

const versionField = z.number().int().min(1).optional().meta({ description: 'The version this change applies to (or send If-Match: "<version>")' });

export const updateWarningSchema = z
  .object({
    status: z.enum(CAP_STATUSES).optional(),
    note: z.string().trim().min(1).max(2000).nullable().optional(),
    info: z.array(capInfoSchema).min(1).max(10).optional(),
    version: versionField,
  })
  .strict();
export type UpdateWarningInput = z.output<typeof updateWarningSchema>;

export const cancelWarningSchema = z.object({ note: z.string().trim().min(1).max(2000).optional(), version: versionField }).strict();

/** This node's CAP sender id; identifiers are urn:sarhad:<record id>:<version> (unique per message). */
export const capSender = (ctx: AppContext) => `urn:sarhad:node:${ctx.node.id}`;
const identifierFor = (id: string, version: number) => `urn:sarhad:warning:${id}:${version}`;

/** Border sections of this node's registry as lines, for the area test. */
export async function borderSections(db: Executor): Promise<(BorderSection & { record: SavedRecord<'section'> })[]> {
  return (await listRecords(db, 'section')).map((s) => ({ id: s.id, line: s.body.geometry.coordinates as LonLat[], record: s }));
}

async function derive(db: Executor, cap: CapAlert): Promise<Pick<WarningBody, 'sectionIds' | 'crossBorder'>> {
  const sections = await borderSections(db);
  const sectionIds = sectionsTouched(cap.info.flatMap((i) => i.area), sections);
  return { sectionIds, crossBorder: sectionIds.length > 0 };
}

function checked(body: WarningBody): WarningBody {
  const parsed = warningBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('VALIDATION_FAILED', `${issue.path.join('.')}: ${issue.message}`, parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  return parsed.data;
}

/**
 * The write of a new warning (CAP msgType Alert), inside the caller's write transaction: for
 * services that issue a warning together with something else (a gauge reading that crossed
 * its threshold). Callers authorise first.
 */
export async function newWarningWrite(
  ctx: AppContext,
  trx: Executor,
  input: CreateWarningInput,
  extra: { origin?: WarningBody['origin']; gaugeId?: string | null } = {},
): Promise<WriteRecord<'warning'>> {
  const id = randomUUID();
  const cap = capAlertSchema.parse({
    identifier: identifierFor(id, 1),
    sender: capSender(ctx),
    sent: toCapDateTime(new Date()),
    status: input.status,
    msgType: 'Alert',
    scope: input.scope,
    restriction: input.restriction,
    addresses: input.addresses,
    note: input.note,
    info: input.info,
  });
  const body = checked({ cap, ...(await derive(trx, cap)), active: true, origin: extra.origin ?? 'local', gaugeId: extra.gaugeId ?? null });
  return { type: 'warning', id, body, marking: input.marking };
}

/** Issues a new warning (CAP msgType Alert) owned by the author's agency. */
export async function createWarning(ctx: AppContext, actor: Actor, input: CreateWarningInput) {
  if (actor.kind === 'user') authorize(actor.subject, 'warnings:write');
  const [result] = await writeRecords(ctx, actor, async (trx) => [await newWarningWrite(ctx, trx, input)]);
  return result!.record;
}

/** Warnings the subject may see (all, or only those in force now). */
export async function readWarnings(ctx: AppContext, subject: Subject, opts: { activeOnly?: boolean } = {}): Promise<SavedRecord<'warning'>[]> {
  authorize(subject, 'warnings:read');
  const now = new Date();
  return (await listRecords(ctx.db.kysely, 'warning'))
    .filter((w) => allows(subject, 'warnings:read', warningTarget(ctx.node.id, w)))
    .filter((w) => !opts.activeOnly || isActiveWarning(w.body, now))
    .sort((a, b) => (a.body.cap.sent < b.body.cap.sent ? 1 : a.body.cap.sent > b.body.cap.sent ? -1 : 0));
}

export async function readWarning(ctx: AppContext, subject: Subject, id: string): Promise<SavedRecord<'warning'>> {
  authorize(subject, 'warnings:read');
  const w = await findRecord(ctx.db.kysely, 'warning', id);
  if (!w) throw notFound('warning');
  authorize(subject, 'warnings:read', warningTarget(ctx.node.id, w));
  return w;
}

/**
 * A new CAP message for an existing warning (Update or Cancel): new identifier, sent now, and
 * the earlier message added to <references>. Authorised against the owner and checked against
 * the version the caller read, in the write transaction (as alerts).
 */
async function nextMessage(
  ctx: AppContext,
  subject: Subject,
  id: string,
  expectedVersion: number | undefined,
  change: (current: WarningBody) => { cap: Partial<CapAlert>; active: boolean },
) {
  authorize(subject, 'warnings:write');
  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const current = await findRecord(trx, 'warning', id);
    if (!current) throw notFound('warning');
    authorize(subject, 'warnings:write', warningTarget(ctx.node.id, current));
    if (expectedVersion === undefined) throw new AppError('PRECONDITION_REQUIRED', 'Say which version you change: If-Match with the warning\'s ETag, or "version" in the body');
    const next = change(current.body);
    const version = current.version + 1;
    const previous = current.body.cap;
    const cap = capAlertSchema.parse({
      ...previous,
      ...next.cap,
      identifier: identifierFor(id, version),
      sender: capSender(ctx),
      sent: toCapDateTime(new Date()),
      references: [...previous.references, referenceOf(previous)],
    });
    const body = checked({ ...current.body, cap, ...(await derive(trx, cap)), active: next.active });
    return [{ type: 'warning' as const, id, body, marking: current.marking, expectedVersion }];
  });
  return result!.record;
}

export function updateWarning(ctx: AppContext, subject: Subject, id: string, expectedVersion: number | undefined, input: UpdateWarningInput) {
  return nextMessage(ctx, subject, id, expectedVersion, (b) => {
    if (!b.active) throw new AppError('CONFLICT', 'the warning was cancelled; issue a new one');
    const cap: Partial<CapAlert> = { msgType: 'Update' };
    if (input.status !== undefined) cap.status = input.status;
    if (input.note !== undefined) cap.note = input.note;
    if (input.info !== undefined) cap.info = input.info;
    return { cap, active: true };
  });
}

/** Cancel (CAP msgType Cancel): a new signed version that travels like any other; it stops being active everywhere. */
export function cancelWarning(ctx: AppContext, subject: Subject, id: string, expectedVersion: number | undefined, note?: string) {
  return nextMessage(ctx, subject, id, expectedVersion, (b) => {
    if (!b.active) throw new AppError('CONFLICT', 'the warning is already cancelled');
    return { cap: { msgType: 'Cancel', note: note ?? b.cap.note }, active: false };
  });
}

export interface ImportResult {
  record: SavedRecord<'warning'>;
  outcome: 'created' | 'updated' | 'unchanged';
}

/**
 * Imports a CAP 1.2 message from another system. An Alert becomes a new warning (the same
 * sender+identifier again is answered with the stored one when identical, 409 otherwise). An
 * Update or Cancel referring to a warning held here becomes its next version (the owning side
 * only); one referring to nothing known is stored as a warning of its own. Nothing is written
 * unless the whole message is valid.
 */
export async function importCap(ctx: AppContext, subject: Subject, xml: string): Promise<ImportResult> {
  authorize(subject, 'warnings:import');
  let cap: CapAlert;
  try {
    cap = parseCapXml(xml);
  } catch (err) {
    if (err instanceof CapError) throw new AppError(err.code, err.message, err.path ? { path: err.path } : undefined);
    throw err;
  }
  let outcome: ImportResult['outcome'] = 'created';
  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx): Promise<WriteRecord<'warning'>[]> => {
    const all = await listRecords(trx, 'warning');
    const same = all.find((w) => w.body.cap.sender === cap.sender && w.body.cap.identifier === cap.identifier);
    if (same) {
      if (JSON.stringify(same.body.cap) !== JSON.stringify(cap)) throw new AppError('CAP_DUPLICATE', `a different message ${cap.sender},${cap.identifier} is already held here`);
      outcome = 'unchanged';
      return [{ type: 'warning', id: same.id, body: same.body, marking: same.marking }];
    }
    const active = cap.msgType !== 'Cancel';
    const derived = await derive(trx, cap);
    if (cap.msgType === 'Update' || cap.msgType === 'Cancel') {
      const refs = new Set(cap.references.map((r) => r.split(',').slice(0, 2).join(',')));
      const earlier = all.find((w) => refs.has(`${w.body.cap.sender},${w.body.cap.identifier}`) || w.body.cap.references.some((r) => refs.has(r.split(',').slice(0, 2).join(','))));
      if (earlier) {
        authorize(subject, 'warnings:write', warningTarget(ctx.node.id, earlier));
        outcome = 'updated';
        return [{ type: 'warning', id: earlier.id, body: checked({ ...earlier.body, cap, ...derived, active }), marking: earlier.marking, expectedVersion: earlier.version }];
      }
    }
    return [{ type: 'warning', body: checked({ cap, ...derived, active, origin: 'import', gaugeId: null }), marking: DEFAULT_WARNING_MARKING }];
  });
  return { record: result!.record, outcome };
}

export interface Affected {
  sections: { id: string; name: Record<string, string> }[];
  units: { id: string; name: Record<string, string>; kind: string; stateCode: string; location: [number, number] }[];
  communities: { id: string; name: Record<string, string>; stateCode: string; population: number | null; location: [number, number] }[];
}

/**
 * What a warning reaches on THIS node's map: the border sections its area touches here, and
 * the posts and villages in those sections or inside the area — on both banks. Computed from
 * this node's registry (section ids differ between nodes), so a copy received from the other
 * bank lists the receiver's own posts and villages.
 */
export async function affectedBy(ctx: AppContext, cap: CapAlert): Promise<Affected> {
  const areas = cap.info.flatMap((i) => i.area);
  const sections = await borderSections(ctx.db.kysely);
  const touched = new Set(sectionsTouched(areas, sections));
  const near = (loc: LonLat, sectionId: string | null) => (sectionId !== null && touched.has(sectionId)) || pointInAreas(loc, areas, 2);
  const units = (await listRecords(ctx.db.kysely, 'unit')).filter((u) => near(u.body.location, u.body.sectionId));
  const communities = (await listRecords(ctx.db.kysely, 'community')).filter((c) => near(c.body.location, c.body.sectionId));
  return {
    sections: sections.filter((s) => touched.has(s.id)).map((s) => ({ id: s.id, name: s.record.body.name })),
    units: units.map((u) => ({ id: u.id, name: u.body.name, kind: u.body.kind, stateCode: u.body.stateCode, location: u.body.location })),
    communities: communities.map((c) => ({ id: c.id, name: c.body.name, stateCode: c.body.stateCode, population: c.body.population, location: c.body.location })),
  };
}
