/**
 * The risk engine of a node (docs/risk-model.md): keeps every section's assessment current
 * from published events (incrementally, RiskState), stores snapshots (daily and on every change
 * of level), writes the shareable `assessment` record when a level changes (the live stream and
 * the federation carry it; a rise to medium or higher names the counterpart units across the
 * river), and applies analysts' overrides.
 */
import { randomUUID } from 'node:crypto';
import type { AssessmentTarget } from '../domain/policy/risk.policy.ts';
import type { Subject } from '../domain/policy/roles.ts';
import type { RecordChange } from '../domain/records/record.ts';
import type { LocalizedNameValue } from '../domain/registry/entities.ts';
import { weeklyAnomaly, type AnomalyHint } from '../domain/risk/anomaly.ts';
import type { AssessmentBody } from '../domain/risk/assessment-record.ts';
import { RISK_LEVELS, type RiskLevel } from '../domain/risk/config.ts';
import { DAY_MS, levelRank, type Assessment, type ExplanationItem, type RiskEvent, type SectionProfile } from '../domain/risk/model.ts';
import { effectiveLevel, overrideActive, type OverrideInput, type RiskOverride } from '../domain/risk/override.ts';
import { RiskState } from '../domain/risk/state.ts';
import { listRecords, type SavedRecord } from '../store/records.repository.ts';
import { findRiskEvent, listRiskEvents, riskEventTimes } from '../store/risk-events.repository.ts';
import { activeOverrides, insertSnapshots, latestSnapshots, listOverrides, listSnapshots, sectionsWithDailySnapshot, type Snapshot } from '../store/risk.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { writeRecord } from './records.service.ts';
import { backfillSnapshots, type BackfillReport } from './risk/backfill.ts';
import { assessmentTargetFor, checkClearOverride, checkNewOverride, storeClearOverride, storeOverride } from './risk/overrides.ts';
import { RiskRegistry, type SectionInfo } from './risk/registry-cache.ts';
import { ASSESSMENT_MARKING, dayOf, overrideView, round, type AssessmentView, type OverrideView, type SnapshotView } from './risk/views.ts';
import type { Actor } from './users.service.ts';

/** The statuses riskEventOf counts (risk-events.repository.ts); any other never enters the model. */
const COUNTED_STATUSES = new Set(['published', 'closed']);

const RISK_ACTOR: Actor = { kind: 'system', name: 'risk' };

export { ASSESSMENT_MARKING, type AssessmentView, type OverrideView, type SnapshotView } from './risk/views.ts';

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
  private readonly registry = new RiskRegistry();
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

  private get sections(): Map<string, SectionInfo> {
    return this.registry.sections;
  }

  private loadRegistry(): Promise<void> {
    return this.registry.load(this.ctx.db.kysely);
  }

  private profileOf(sectionId: string): SectionProfile {
    return this.registry.profileOf(sectionId);
  }

  private onChange(change: RecordChange): void {
    if (this.stopped || !this.state) return;
    if (change.type === 'event') {
      void this.enqueue(() => this.onEvent(change.id, change.audience?.status)).catch((err: unknown) => this.ctx.log.error({ err, event: change.id }, 'risk: event update failed'));
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
  private async onEvent(id: string, status?: string): Promise<void> {
    const state = this.state!;
    const before = this.placed.get(id);
    // A report that is not counted (draft, submitted, validated…) and was not counted before
    // changes nothing: every new report is one, so it is not read back. (Decided here, in the
    // queue, so `placed` reflects every earlier change; a later change has its own turn.)
    if (before === undefined && status !== undefined && !COUNTED_STATUSES.has(status)) return;
    const at = this.clock();
    const touched = new Set<string>();
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
      notice: levelRank(level) >= levelRank('medium') && levelRank(level) > levelRank(prevLevel) ? this.registry.noticeFor(this.ctx.node.stateCode, section, prevLevel, level) : null,
    };
    if (!existing && level === 'low' && body.override === null) return; // nothing to tell about a quiet section yet
    await writeRecord(this.ctx, RISK_ACTOR, { type: 'assessment', id: existing?.id, body, marking: ASSESSMENT_MARKING });
  }

  private enrich(items: ExplanationItem[], override: RiskOverride | null, at: number): ExplanationItem[] {
    return this.registry.enrich(items, override, at);
  }

  /** What the last backfill computed (tests: only the missing days, reading only their events). */
  lastBackfill: BackfillReport | null = null;

  /** Fills missing daily snapshots of the last `days` days (risk/backfill.ts); answers how many were written. */
  async backfill(days: number): Promise<number> {
    await this.ready();
    this.lastBackfill = await this.enqueue(() => backfillSnapshots(this.ctx, this.registry, days, this.clock()));
    return this.lastBackfill.written;
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
    return this.registry.units.get(id)?.name;
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
    return assessmentTargetFor(this.ctx);
  }

  async setOverride(subject: Subject, input: OverrideInput): Promise<{ override: OverrideView; assessment: AssessmentView }> {
    await this.ready();
    const at = this.clock();
    const o = await checkNewOverride(this.ctx, subject, input, at);
    return this.enqueue(async () => {
      await storeOverride(this.ctx, subject, o, this.state!.level(o.sectionId, at));
      this.overrides.set(o.sectionId, o);
      await this.evaluateAt(at, [o.sectionId], 'override');
      return { override: overrideView(o, at)!, assessment: this.viewOf(this.state!, o.sectionId, at) };
    });
  }

  async clearOverride(subject: Subject, id: string): Promise<AssessmentView> {
    await this.ready();
    const at = this.clock();
    const o = await checkClearOverride(this.ctx, subject, id, at);
    return this.enqueue(async () => {
      await storeClearOverride(this.ctx, subject, o, at);
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
