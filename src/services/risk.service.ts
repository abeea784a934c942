/**
 * The risk engine of a node (docs/risk-model.md): keeps every section's assessment current
 * from published events (incrementally, RiskState), stores snapshots (daily and on every change
 * of level), writes the shareable `assessment` record when a level changes (the live stream and
 * the federation carry it; a rise to medium or higher names the counterpart units across the
 * river), and applies analysts' overrides.
 */
import { randomUUID } from 'node:crypto';
import { authorize } from '../domain/policy/authorize.ts';
import { assessmentTarget, type AssessmentTarget } from '../domain/policy/risk.policy.ts';
import type { Subject } from '../domain/policy/roles.ts';
import type { Marking } from '../domain/records/marking.ts';
import type { RecordChange } from '../domain/records/record.ts';
import type { LocalizedNameValue } from '../domain/registry/entities.ts';
import { weeklyAnomaly, type AnomalyHint } from '../domain/risk/anomaly.ts';
import type { AssessmentBody, AssessmentNotice } from '../domain/risk/assessment-record.ts';
import { RISK_LEVELS, type RiskLevel, type TerrainKind } from '../domain/risk/config.ts';
import { assessSection, DAY_MS, levelRank, type Assessment, type ExplanationItem, type RiskEvent, type SectionProfile } from '../domain/risk/model.ts';
import { effectiveLevel, MAX_OVERRIDE_DAYS, overrideActive, type OverrideInput, type RiskOverride } from '../domain/risk/override.ts';
import { RiskState } from '../domain/risk/state.ts';
import { AppError, notFound, validation } from '../errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { findRecord, listRecords, type SavedRecord } from '../store/records.repository.ts';
import { findRiskEvent, listRiskEvents, riskEventTimes } from '../store/risk-events.repository.ts';
import {
  activeOverrides,
  clearOverrides,
  findOverride,
  insertOverride,
  insertSnapshots,
  latestSnapshots,
  listOverrides,
  listSnapshots,
  sectionsWithDailySnapshot,
  type Snapshot,
} from '../store/risk.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { writeRecord } from './records.service.ts';
import type { Actor } from './users.service.ts';

const RISK_ACTOR: Actor = { kind: 'system', name: 'risk' };
/** Levels are the common picture: community-wide, one hop (a neighbour does not pass them on). */
export const ASSESSMENT_MARKING: Marking = { tlp: 'GREEN', releasableTo: { states: [], agencies: [], units: [] }, hops: 1 };

export interface OverrideView {
  id: string;
  level: RiskLevel;
  reason: string;
  expiresAt: string;
  setBy: string;
  setAt: string;
}

/** `properties.assessment` of a section feature, and one entry of GET /api/assessments/current. */
export interface AssessmentView {
  level: RiskLevel;
  score: number;
  computedLevel: RiskLevel;
  override: OverrideView | null;
  explanation: ExplanationItem[];
  computedAt: string;
  threat: number;
  impact: number;
  vulnerability: number;
}

export interface SnapshotView {
  sectionId: string;
  at: string;
  level: RiskLevel;
  computedLevel: RiskLevel;
  score: number;
  overrideId: string | null;
  explanation: ExplanationItem[];
  cause: Snapshot['cause'];
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

function overrideView(o: RiskOverride | null | undefined, at: number): OverrideView | null {
  if (!overrideActive(o, at)) return null;
  return { id: o.id, level: o.level, reason: o.reason, expiresAt: o.expiresAt, setBy: o.setBy, setAt: o.setAt };
}

interface UnitInfo {
  id: string;
  ref: string | null;
  stateCode: string;
  kind: string;
  sectionId: string | null;
  pairedWithId: string | null;
  name: LocalizedNameValue;
}

interface SectionInfo {
  id: string;
  ref: string | null;
  name: LocalizedNameValue;
  order: number;
  states: string[];
  meta: SavedRecord<'section'>;
}

/** What an evaluation last stored for a section: a new snapshot only when this changes (or a new day). */
interface Last {
  level: RiskLevel;
  computedLevel: RiskLevel;
  overrideId: string | null;
  day: string;
}

export class RiskEngine {
  private state: RiskState | null = null;
  private loading: Promise<void> | null = null;
  private sections = new Map<string, SectionInfo>();
  private units = new Map<string, UnitInfo>();
  private overrides = new Map<string, RiskOverride>();
  private last = new Map<string, Last>();
  /** event id → section id, so a changed or unpublished event leaves its old section */
  private placed = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void)[] = [];
  private anomalyCache: { at: number; hints: Map<string, AnomalyHint> } | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly clock: () => number = Date.now,
  ) {}

  start(): void {
    this.unsubscribe.push(this.ctx.events.subscribe((c) => this.onChange(c)));
    this.unsubscribe.push(this.ctx.events.onReset(() => void this.enqueue(() => this.reload())));
    const tick = this.ctx.config.riskTickS;
    if (tick > 0) {
      this.timer = setInterval(() => void this.enqueue(() => this.evaluateAll()).catch((err: unknown) => this.ctx.log.error({ err }, 'risk: evaluation failed')), tick * 1000);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    if (this.timer) clearInterval(this.timer);
    await this.queue.catch(() => undefined);
  }

  /** Runs work one at a time (event changes, ticks, overrides): the state is never raced. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Waits for everything queued so far (tests, report). */
  async settled(): Promise<void> {
    await this.ready();
    await this.enqueue(async () => undefined);
  }

  async ready(): Promise<RiskState> {
    if (!this.state) {
      this.loading ??= this.enqueue(() => this.reload()).finally(() => (this.loading = null));
      await this.loading;
    }
    return this.state!;
  }

  private async reload(): Promise<void> {
    const db = this.ctx.db.kysely;
    const at = this.clock();
    await this.loadRegistry();
    const events = await listRiskEvents(db, new Date(at - this.ctx.config.risk.windowDays * DAY_MS).toISOString());
    this.placed = new Map(events.map((e) => [e.id, e.sectionId]));
    this.state = RiskState.build(this.ctx.config.risk, [...this.sections.keys()].map((id) => this.profileOf(id)), events, at);
    this.overrides = await activeOverrides(db, new Date(at).toISOString());
    const latest = await latestSnapshots(db);
    this.last = new Map([...latest].map(([id, s]) => [id, { level: s.level, computedLevel: s.computedLevel, overrideId: s.overrideId, day: s.at.slice(0, 10) }]));
    this.anomalyCache = null;
    await this.evaluateAt(at, [...this.sections.keys()]);
  }

  private async loadRegistry(): Promise<void> {
    const db = this.ctx.db.kysely;
    const sections = await listRecords(db, 'section');
    const units = await listRecords(db, 'unit');
    this.sections = new Map(
      sections.map((s) => [s.id, { id: s.id, ref: s.body.ref, name: s.body.name, order: s.body.order, states: Object.keys(s.body.provinces).sort(), meta: s }]),
    );
    this.units = new Map(
      units.map((u) => [u.id, { id: u.id, ref: u.body.ref, stateCode: u.body.stateCode, kind: u.body.kind, sectionId: u.body.sectionId, pairedWithId: u.body.pairedWithId, name: u.body.name }]),
    );
    this.staffing = new Map(units.map((u) => [u.id, u.body.staffing ?? null]));
  }

  private staffing = new Map<string, number | null>();

  private profileOf(sectionId: string): SectionProfile {
    const s = this.sections.get(sectionId)!.meta.body;
    const posts = [...this.units.values()]
      .filter((u) => u.sectionId === sectionId && (u.kind === 'border_post' || u.kind === 'crossing_point'))
      .map((u) => ({ id: u.id, staffing: this.staffing.get(u.id) ?? null }));
    return {
      id: sectionId,
      terrain: s.terrain as TerrainKind,
      riverName: s.riverName,
      patrolCoverage: s.patrolCoverage,
      crossingPoints: s.crossingPoints ?? null,
      posts,
    };
  }

  private onChange(change: RecordChange): void {
    if (this.stopped || !this.state) return;
    if (change.type === 'event') {
      void this.enqueue(() => this.onEvent(change.id)).catch((err: unknown) => this.ctx.log.error({ err, event: change.id }, 'risk: event update failed'));
    } else if (change.type === 'section' || change.type === 'unit') {
      void this.enqueue(async () => {
        await this.loadRegistry();
        const at = this.clock();
        for (const id of this.sections.keys()) this.state!.setProfile(this.profileOf(id), at);
        await this.evaluateAt(at, [...this.sections.keys()]);
      }).catch((err: unknown) => this.ctx.log.error({ err }, 'risk: registry update failed'));
    }
  }

  /** One event created, changed, published or withdrawn: O(1) on the sums, then its sections are evaluated. */
  private async onEvent(id: string): Promise<void> {
    const state = this.state!;
    const at = this.clock();
    const touched = new Set<string>();
    const before = this.placed.get(id);
    if (before !== undefined) {
      state.remove(id, before, at);
      this.placed.delete(id);
      touched.add(before);
    }
    const e = await findRiskEvent(this.ctx.db.kysely, id);
    if (e && state.add(e, at)) {
      this.placed.set(id, e.sectionId);
      touched.add(e.sectionId);
    }
    this.anomalyCache = null;
    if (touched.size > 0) await this.evaluateAt(at, [...touched]);
  }

  private async evaluateAll(): Promise<void> {
    if (!this.state) return;
    const at = this.clock();
    this.overrides = await activeOverrides(this.ctx.db.kysely, new Date(at).toISOString());
    await this.evaluateAt(at, [...this.sections.keys()]);
  }

  /**
   * Compares each section's level with what was last stored: a change writes a snapshot and a
   * new version of the assessment record (SSE, federation); the first evaluation of a UTC day
   * writes the daily snapshot.
   */
  private async evaluateAt(at: number, sectionIds: string[], cause: Snapshot['cause'] = 'change'): Promise<void> {
    const state = this.state!;
    const day = dayOf(at);
    const iso = new Date(at).toISOString();
    const snapshots: Snapshot[] = [];
    const changed: { a: Assessment; level: RiskLevel; prev: Last | undefined }[] = [];
    const daily = await sectionsWithDailySnapshot(this.ctx.db.kysely, `${day}T00:00:00.000Z`, new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString());
    for (const id of sectionIds) {
      if (!this.sections.has(id)) continue;
      const a = state.assess(id, at)!;
      const o = this.overrides.get(id);
      const active = overrideActive(o, at) ? o : null;
      const level = effectiveLevel(a.level, active, at);
      const prev = this.last.get(id);
      const now: Last = { level, computedLevel: a.level, overrideId: active?.id ?? null, day };
      const differs = !prev || prev.level !== now.level || prev.computedLevel !== now.computedLevel || prev.overrideId !== now.overrideId;
      const explanation = this.enrich(a.explanation, active, at);
      const snap = (c: Snapshot['cause']): Snapshot => ({
        id: randomUUID(),
        sectionId: id,
        at: iso,
        level,
        computedLevel: a.level,
        score: round(a.score),
        overrideId: active?.id ?? null,
        explanation,
        cause: c,
      });
      if (!daily.has(id)) snapshots.push(snap('daily'));
      if (differs && prev) snapshots.push(snap(cause));
      if (differs) changed.push({ a: { ...a, explanation }, level, prev });
      this.last.set(id, now);
    }
    if (snapshots.length > 0) await inWriteTransaction(this.ctx.db, (trx) => insertSnapshots(trx, snapshots));
    for (const c of changed) await this.writeAssessment(c.a, c.level, c.prev, at);
  }

  /** The shareable record of a section's assessment: one per section, a new version per change. */
  private async writeAssessment(a: Assessment, level: RiskLevel, prev: Last | undefined, at: number): Promise<void> {
    const section = this.sections.get(a.sectionId)!;
    const db = this.ctx.db.kysely;
    const [existing] = await listRecords(db, 'assessment', { section_id: a.sectionId, owner_node: this.ctx.node.id });
    const o = this.overrides.get(a.sectionId);
    const active = overrideActive(o, at) ? o : null;
    const prevLevel = prev?.level ?? existing?.body.level ?? 'low';
    const body: AssessmentBody = {
      sectionId: a.sectionId,
      sectionRef: section.ref,
      level,
      computedLevel: a.level,
      score: round(a.score),
      override: active ? { level: active.level, reason: active.reason, expiresAt: active.expiresAt, setAt: active.setAt } : null,
      explanation: a.explanation,
      computedAt: new Date(at).toISOString(),
      notice: levelRank(level) >= levelRank('medium') && levelRank(level) > levelRank(prevLevel) ? this.noticeFor(section, prevLevel, level) : null,
    };
    if (!existing && level === 'low' && body.override === null) return; // nothing to tell about a quiet section yet
    await writeRecord(this.ctx, RISK_ACTOR, { type: 'assessment', id: existing?.id, body, marking: ASSESSMENT_MARKING });
  }

  /**
   * The counterpart units across the river: the other states' posts, crossing points and liaison
   * offices in the section, and the units paired with ours there.
   */
  private noticeFor(section: SectionInfo, from: RiskLevel, to: RiskLevel): AssessmentNotice | null {
    const own = this.ctx.node.stateCode;
    const inSection = [...this.units.values()].filter((u) => u.sectionId === section.id);
    const across = new Map<string, UnitInfo>();
    for (const u of inSection) {
      if (u.stateCode !== own) across.set(u.id, u);
      else if (u.pairedWithId) {
        const p = this.units.get(u.pairedWithId);
        if (p && p.stateCode !== own) across.set(p.id, p);
      }
    }
    const states = section.states.filter((s) => s !== own);
    if (states.length === 0 && across.size === 0) return null;
    const units = [...across.values()].sort((a, b) => (a.ref ?? a.id).localeCompare(b.ref ?? b.id));
    return {
      from,
      to,
      states: [...new Set([...states, ...units.map((u) => u.stateCode)])].sort(),
      unitIds: units.map((u) => u.id),
      unitRefs: units.map((u) => u.ref).filter((r): r is string => r !== null),
    };
  }

  /** Adds the nearest unit's name in five languages, and the override, to the model's explanation. */
  private enrich(items: ExplanationItem[], override: RiskOverride | null, at: number): ExplanationItem[] {
    const out = items.map((x) => {
      const unitId = x.params['unitId'];
      const unit = typeof unitId === 'string' ? this.units.get(unitId) : undefined;
      return unit ? { ...x, params: { ...x.params, near: unit.name } } : x;
    });
    if (override && overrideActive(override, at)) {
      out.unshift({ key: 'override', share: 1, params: { level: override.level, reason: override.reason, until: override.expiresAt } });
    }
    return out;
  }

  /**
   * Fills the history of the last `days` days (a daily snapshot at noon UTC of each day before
   * today, computed from the events as they stood then) where a day has none: the demo's
   * sparklines and trends. Idempotent: a day that has its snapshot is left alone.
   */
  async backfill(days: number): Promise<number> {
    await this.ready();
    return this.enqueue(async () => {
      const db = this.ctx.db.kysely;
      const cfg = this.ctx.config.risk;
      const now = this.clock();
      const today = Date.parse(`${dayOf(now)}T00:00:00.000Z`);
      const events = await listRiskEvents(db, new Date(today - (days + cfg.windowDays) * DAY_MS).toISOString());
      const bySection = new Map<string, RiskEvent[]>();
      for (const e of events) bySection.set(e.sectionId, [...(bySection.get(e.sectionId) ?? []), e]);
      const rows: Snapshot[] = [];
      for (let d = days; d >= 1; d--) {
        const start = today - d * DAY_MS;
        const have = await sectionsWithDailySnapshot(db, new Date(start).toISOString(), new Date(start + DAY_MS).toISOString());
        const at = start + DAY_MS / 2;
        for (const id of this.sections.keys()) {
          if (have.has(id)) continue;
          const a = assessSection(cfg, this.profileOf(id), (bySection.get(id) ?? []).filter((e) => e.occurredAt <= at), at);
          rows.push({ id: randomUUID(), sectionId: id, at: new Date(at).toISOString(), level: a.level, computedLevel: a.level, score: round(a.score), overrideId: null, explanation: this.enrich(a.explanation, null, at), cause: 'daily' });
        }
      }
      if (rows.length > 0) await inWriteTransaction(this.ctx.db, (trx) => insertSnapshots(trx, rows));
      return rows.length;
    });
  }

  // ---- reads -------------------------------------------------------------------------

  /** The current assessment of a section (null: unknown section). */
  async view(sectionId: string): Promise<AssessmentView | null> {
    const state = await this.ready();
    if (!this.sections.has(sectionId)) {
      // a section created since the last load: pick it up
      await this.enqueue(async () => {
        await this.loadRegistry();
        if (this.sections.has(sectionId)) state.setProfile(this.profileOf(sectionId), this.clock());
      });
      if (!this.sections.has(sectionId)) return null;
    }
    return this.viewOf(state, sectionId, this.clock());
  }

  private viewOf(state: RiskState, sectionId: string, at: number): AssessmentView {
    const a = state.assess(sectionId, Math.max(at, 0))!;
    const o = this.overrides.get(sectionId);
    const active = overrideActive(o, at) ? o : null;
    return {
      level: effectiveLevel(a.level, active, at),
      score: round(a.score),
      computedLevel: a.level,
      override: overrideView(active, at),
      explanation: this.enrich(a.explanation, active, at),
      computedAt: new Date(a.at).toISOString(),
      threat: round(a.threat),
      impact: round(a.impact),
      vulnerability: round(a.vulnerability),
    };
  }

  /** Every section's current assessment (sections the caller may see are filtered by the caller). */
  async views(): Promise<Map<string, AssessmentView>> {
    const state = await this.ready();
    const at = this.clock();
    return new Map([...this.sections.keys()].map((id) => [id, this.viewOf(state, id, at)]));
  }

  sectionMeta(id: string): SavedRecord<'section'> | undefined {
    return this.sections.get(id)?.meta;
  }

  sectionInfo(): SectionInfo[] {
    return [...this.sections.values()].sort((a, b) => a.order - b.order);
  }

  unitName(id: string): LocalizedNameValue | undefined {
    return this.units.get(id)?.name;
  }

  /** In-window events of a section (oldest first). */
  async eventsOf(sectionId: string): Promise<RiskEvent[]> {
    return (await this.ready()).events(sectionId);
  }

  /** Weekly anomaly hints per section (cached for a tick). */
  async anomalies(): Promise<Map<string, AnomalyHint>> {
    await this.ready();
    const at = this.clock();
    const ttl = Math.max(60, this.ctx.config.riskTickS) * 1000;
    if (this.anomalyCache && at - this.anomalyCache.at < ttl) return this.anomalyCache.hints;
    const cfg = this.ctx.config.risk;
    const yearsBack = (cfg.anomaly.years * 52 + cfg.anomaly.seasonalWeeks + 2) * 7 * DAY_MS;
    const { times, first } = await riskEventTimes(this.ctx.db.kysely, new Date(at - yearsBack).toISOString());
    const start = first ?? at;
    const hints = new Map<string, AnomalyHint>();
    for (const id of this.sections.keys()) hints.set(id, weeklyAnomaly(cfg, times.get(id) ?? [], at, start));
    this.anomalyCache = { at, hints };
    return hints;
  }

  // ---- overrides ---------------------------------------------------------------------

  targetFor(_sectionId: string): AssessmentTarget {
    return assessmentTarget(this.ctx.node.id, {
      owner: { node: this.ctx.node.id, state: this.ctx.node.stateCode, agencyId: null, unitId: null },
      marking: ASSESSMENT_MARKING,
      createdBy: 'system:risk',
    });
  }

  async setOverride(subject: Subject, input: OverrideInput): Promise<{ override: OverrideView; assessment: AssessmentView }> {
    await this.ready();
    authorize(subject, 'assessments:override');
    const section = await findRecord(this.ctx.db.kysely, 'section', input.section);
    if (!section) throw notFound('section');
    authorize(subject, 'registry:read', { resource: 'registry', localNode: this.ctx.node.id, record: section });
    authorize(subject, 'assessments:override', this.targetFor(section.id));
    const at = this.clock();
    const expires = Date.parse(input.expiresAt);
    if (!(expires > at)) throw validation('expiresAt must be in the future');
    if (expires - at > MAX_OVERRIDE_DAYS * DAY_MS) throw validation(`an override lasts at most ${MAX_OVERRIDE_DAYS} days`);
    const o: RiskOverride = {
      id: randomUUID(),
      sectionId: section.id,
      level: input.level,
      reason: input.reason,
      expiresAt: new Date(expires).toISOString(),
      setBy: subject.userId,
      setAt: new Date(at).toISOString(),
      clearedAt: null,
    };
    return this.enqueue(async () => {
      const computed = this.state!.level(section.id, at);
      await inWriteTransaction(this.ctx.db, async (trx) => {
        const replaced = await clearOverrides(trx, section.id, subject.userId, o.setAt);
        await insertOverride(trx, o);
        await appendAudit(trx, {
          actor: subject.userId,
          action: 'assessment.override_set',
          entityType: 'section',
          entityId: section.id,
          detail: { override: o.id, level: o.level, computedLevel: computed, expiresAt: o.expiresAt, replaced },
        });
      });
      this.overrides.set(section.id, o);
      await this.evaluateAt(at, [section.id], 'override');
      return { override: overrideView(o, at)!, assessment: this.viewOf(this.state!, section.id, at) };
    });
  }

  async clearOverride(subject: Subject, id: string): Promise<AssessmentView> {
    await this.ready();
    authorize(subject, 'assessments:override');
    const o = await findOverride(this.ctx.db.kysely, id);
    if (!o) throw notFound('override');
    authorize(subject, 'assessments:override', this.targetFor(o.sectionId));
    const at = this.clock();
    if (!overrideActive(o, at)) throw new AppError('CONFLICT', 'this override has already expired or been withdrawn');
    return this.enqueue(async () => {
      const iso = new Date(at).toISOString();
      await inWriteTransaction(this.ctx.db, async (trx) => {
        await trx.updateTable('risk_overrides').set({ cleared_by: subject.userId, cleared_at: iso }).where('id', '=', id).execute();
        await appendAudit(trx, { actor: subject.userId, action: 'assessment.override_cleared', entityType: 'section', entityId: o.sectionId, detail: { override: id, level: o.level } });
      });
      if (this.overrides.get(o.sectionId)?.id === id) this.overrides.delete(o.sectionId);
      await this.evaluateAt(at, [o.sectionId], 'override');
      return this.viewOf(this.state!, o.sectionId, at);
    });
  }

  async overridesOf(sectionId: string | undefined) {
    return listOverrides(this.ctx.db.kysely, sectionId);
  }

  async history(q: { sectionIds?: string[]; from: string; to: string; limit: number }): Promise<SnapshotView[]> {
    await this.settled();
    return (await listSnapshots(this.ctx.db.kysely, q)).map((s) => ({ ...s }));
  }

  now(): number {
    return this.clock();
  }
}

const engines = new WeakMap<AppContext, RiskEngine>();

/** The node's engine (one per AppContext), started on first use; stopped with the app. */
export function riskEngine(ctx: AppContext): RiskEngine {
  let e = engines.get(ctx);
  if (!e) {
    e = new RiskEngine(ctx);
    e.start();
    engines.set(ctx, e);
  }
  return e;
}

export async function stopRiskEngine(ctx: AppContext): Promise<void> {
  const e = engines.get(ctx);
  engines.delete(ctx);
  await e?.stop();
}

export const LEVELS = RISK_LEVELS;
