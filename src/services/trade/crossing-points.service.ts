import { allows, authorize } from '../../domain/policy/authorize.ts';
import type { Subject } from '../../domain/policy/roles.ts';
import { crossingPointTarget, tradeTarget } from '../../domain/policy/trade.policy.ts';
import { alignedHours } from '../../domain/trade/aligned-hours.ts';
import { crossingPointBodySchema, type CrossingPointBody } from '../../domain/trade/crossing-point.ts';
import { applyProfileEdit, crossingProfileInputSchema, preferredProfile, profileProblems } from '../../domain/trade/crossing-profile.ts';
import { AppError, notFound } from '../../errors.ts';
import { appendAudit } from '../../store/audit.repository.ts';
import { findRecord, listRecords, type SavedRecord } from '../../store/records.repository.ts';
import type { Executor } from '../../store/transaction.ts';
import type { AppContext } from '../context.ts';
import { writeRecords } from '../records.service.ts';

type Unit = SavedRecord<'unit'>;
type Profile = SavedRecord<'crossing_point'>;

async function crossingPointUnit(db: Executor, id: string): Promise<Unit> {
  const unit = await findRecord(db, 'unit', id);
  if (!unit || unit.body.kind !== 'crossing_point') throw notFound('crossing point');
  return unit;
}

const unitKey = (u: Unit) => ({ id: u.id, ref: u.body.ref, stateCode: u.body.stateCode });

/**
 * The profile shown for a crossing point: the one its own state published (received from that
 * state's node, or written here when this node is of that state) before this node's indicative
 * copy of the other bank's — so an edit made by the point's own side is what everyone shows.
 */
async function visibleProfiles(ctx: AppContext, subject: Subject): Promise<Profile[]> {
  return (await listRecords(ctx.db.kysely, 'crossing_point')).filter((p) => allows(subject, 'trade:read', tradeTarget(ctx.node.id, p)));
}

export interface CrossingPointView {
  unit: Unit;
  profile: Profile | null;
  /** May this subject edit the profile (PUT /api/crossing-points/:id)? */
  canConfigure: boolean;
}

function view(ctx: AppContext, subject: Subject, unit: Unit, profiles: Profile[]): CrossingPointView {
  const profile = preferredProfile(unitKey(unit), profiles, ctx.node.id);
  const canConfigure = profile !== null && allows(subject, 'trade:configure', crossingPointTarget(ctx.node.id, profile, unit.body.stateCode));
  return { unit, profile, canConfigure };
}

/** Crossing-point profiles (hours both sides, lanes, capacity, UN/LOCODE) with their unit. */
export async function listCrossingPoints(ctx: AppContext, subject: Subject): Promise<CrossingPointView[]> {
  authorize(subject, 'trade:read');
  const [profiles, units] = await Promise.all([visibleProfiles(ctx, subject), listRecords(ctx.db.kysely, 'unit', { kind: 'crossing_point' })]);
  return units.map((u) => view(ctx, subject, u, profiles));
}

export async function readCrossingPoint(ctx: AppContext, subject: Subject, id: string): Promise<CrossingPointView> {
  authorize(subject, 'trade:read');
  const unit = await crossingPointUnit(ctx.db.kysely, id);
  return view(ctx, subject, unit, await visibleProfiles(ctx, subject));
}

const EDITED_FIELDS = ['hours', 'lanes', 'capacityTrucksPerDay', 'locode', 'locodeNote', 'holidays', 'closedDates', 'feesUsd'] as const;

/**
 * Edit a crossing point's profile (trade:configure, the point's own state, If-Match). Every
 * check comes before the one write transaction, and the version check inside it, so a refused
 * edit leaves the profile, its versions, the outbox and the audit log as they were.
 */
export async function editCrossingPoint(ctx: AppContext, subject: Subject, id: string, expectedVersion: number | undefined, raw: unknown): Promise<Profile> {
  authorize(subject, 'trade:configure');
  const input = crossingProfileInputSchema.parse(raw);
  const unit = await crossingPointUnit(ctx.db.kysely, id);
  if (unit.body.stateCode !== subject.stateCode) {
    throw new AppError('CROSSING_POINT_NOT_OWN', `${unit.body.name.en} is a crossing point of ${unit.body.stateCode}: only its own side edits its profile`, { stateCode: unit.body.stateCode });
  }
  if (expectedVersion === undefined) throw new AppError('PRECONDITION_REQUIRED', 'Say which version you change: If-Match with the profile\'s ETag, or "version" in the body');
  const problems = profileProblems(input, unit.body.stateCode);
  if (problems.length > 0) throw new AppError(problems[0]!.code, problems.map((p) => p.message).join('; '), problems);

  const [result] = await writeRecords(ctx, { kind: 'user', subject }, async (trx) => {
    const profile = (await listRecords(trx, 'crossing_point', { unit_id: unit.id })).find((p) => p.owner.node === ctx.node.id);
    if (!profile) throw notFound('crossing point profile');
    authorize(subject, 'trade:configure', crossingPointTarget(ctx.node.id, profile, unit.body.stateCode));
    const body: CrossingPointBody = crossingPointBodySchema.parse(applyProfileEdit(profile.body, input));
    const changed = EDITED_FIELDS.filter((f) => JSON.stringify(body[f] ?? null) !== JSON.stringify(profile.body[f] ?? null));
    // The record's own audit entry (record.update) names the version; this one says what changed.
    if (changed.length > 0) {
      await appendAudit(trx, { actor: subject.userId, action: 'crossing_point.profile_edited', entityType: 'crossing_point', entityId: profile.id, detail: { unitId: unit.id, ref: unit.body.ref, fromVersion: profile.version, changed } });
    }
    return [{ type: 'crossing_point' as const, id: profile.id, body, marking: profile.marking, expectedVersion }];
  });
  return result!.record;
}

/** The aligned week of a crossing point and the one facing it (docs/trade.md, "Aligned hours"). */
export async function crossingPointAlignedHours(ctx: AppContext, subject: Subject, id: string) {
  authorize(subject, 'trade:read');
  const unit = await crossingPointUnit(ctx.db.kysely, id);
  if (!unit.body.pairedWithId) throw notFound('crossing point facing this one');
  const paired = await crossingPointUnit(ctx.db.kysely, unit.body.pairedWithId);
  const profiles = await visibleProfiles(ctx, subject);
  const a = preferredProfile(unitKey(unit), profiles, ctx.node.id);
  const b = preferredProfile(unitKey(paired), profiles, ctx.node.id);
  if (!a || !b) throw notFound('crossing point profile');
  const side = (u: Unit, p: Profile) => ({ unitId: u.id, ref: u.body.ref, name: u.body.name, stateCode: u.body.stateCode, utcOffsetMinutes: p.body.utcOffsetMinutes, hours: p.body.hours, profileVersion: p.version, publishedBy: p.owner.state });
  return { point: side(unit, a), paired: side(paired, b), ...alignedHours(a.body, b.body) };
}
