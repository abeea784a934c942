/**
 * Reads of the risk model for the API: current assessments of the sections the reader may see,
 * the history (snapshots), overrides, and the daily situation report. Every read is authorised
 * (`assessments:read` and the section's visibility).
 */
import { z } from 'zod';
import { allows, authorize, serialize } from '../domain/policy/authorize.ts';
import { registryTarget } from '../domain/policy/registry.policy.ts';
import type { Subject } from '../domain/policy/roles.ts';
import type { AnomalyHint } from '../domain/risk/anomaly.ts';
import { inPicture } from '../domain/events/event.ts';
import { seizureTotals, type SeizureFact, type SeizureTotals } from '../domain/events/seizure-totals.ts';
import { eventTarget } from '../domain/policy/events.policy.ts';
import { RISK_LEVELS, type RiskLevel } from '../domain/risk/config.ts';
import { DAY_MS, levelRank, type ExplanationItem } from '../domain/risk/model.ts';
import { validation } from '../errors.ts';
import { listRecordHeaders } from '../store/record-headers.repository.ts';
import { listSnapshots } from '../store/risk.repository.ts';
import { seizuresBetween } from '../store/seizures.repository.ts';
import type { AppContext } from './context.ts';
import { riskEngine, type AssessmentView, type SnapshotView } from './risk.service.ts';

export const historyQuery = z
  .object({
    section: z.uuid().optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(5000),
  })
  .strict();
export type HistoryQuery = z.output<typeof historyQuery>;

export const reportQuery = z.object({ date: z.iso.date().optional() }).strict();

/** Ids of the sections `subject` may see (registry read + marking). */
export async function visibleSectionIds(ctx: AppContext, subject: Subject): Promise<Set<string>> {
  authorize(subject, 'registry:read');
  const headers = await listRecordHeaders(ctx.db.kysely, 'section');
  return new Set(headers.filter((h) => allows(subject, 'registry:read', registryTarget(ctx.node.id, h))).map((h) => h.id));
}

/** `properties` added to each section feature of GET /api/sections: the assessment, and impactLevel = its level. */
export async function sectionAssessments(ctx: AppContext, subject: Subject, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
  const engine = riskEngine(ctx);
  const out = new Map<string, Record<string, unknown>>();
  const may = allows(subject, 'assessments:read');
  for (const id of ids) {
    const view = may && allows(subject, 'assessments:read', engine.targetFor(id)) ? await engine.view(id) : null;
    out.set(id, { impactLevel: view?.level ?? null, assessment: view ? presentAssessment(view) : null });
  }
  return out;
}

/** The API contract: {level, score, computedLevel, override, explanation, computedAt} (+ the model's parts). */
export function presentAssessment(v: AssessmentView) {
  return {
    level: v.level,
    score: v.score,
    computedLevel: v.computedLevel,
    override: v.override,
    explanation: v.explanation,
    computedAt: v.computedAt,
    threat: v.threat,
    impact: v.impact,
    vulnerability: v.vulnerability,
  };
}

export async function currentAssessments(ctx: AppContext, subject: Subject) {
  authorize(subject, 'assessments:read');
  const engine = riskEngine(ctx);
  const visible = await visibleSectionIds(ctx, subject);
  const views = await engine.views();
  const anomalies = await engine.anomalies();
  const trendFrom = new Date(engine.now() - 7 * DAY_MS).toISOString();
  const history = await listSnapshots(ctx.db.kysely, { sectionIds: [...visible], from: trendFrom, to: new Date(engine.now()).toISOString(), limit: 10_000 });
  return {
    items: engine
      .sectionInfo()
      .filter((s) => visible.has(s.id) && views.has(s.id))
      .map((s) => {
        const v = views.get(s.id)!;
        const past = history.filter((h) => h.sectionId === s.id);
        const weekAgo = past[0];
        return {
          sectionId: s.id,
          sectionRef: s.ref,
          name: s.name,
          order: s.order,
          provinces: s.meta.body.provinces,
          assessment: presentAssessment(v),
          // +1 rising, −1 falling, 0 steady: the level now against the oldest snapshot of the last 7 days
          trend: weekAgo ? Math.sign(levelRank(v.level) - levelRank(weekAgo.level)) : 0,
          anomaly: anomalies.get(s.id) ?? null,
          abilities: serialize(subject, engine.targetFor(s.id)) as { override: boolean },
        };
      }),
    computedAt: new Date(engine.now()).toISOString(),
  };
}

export async function assessmentHistory(ctx: AppContext, subject: Subject, q: HistoryQuery): Promise<{ items: SnapshotView[]; from: string; to: string }> {
  authorize(subject, 'assessments:read');
  const engine = riskEngine(ctx);
  const now = engine.now();
  const to = q.to ?? new Date(now).toISOString();
  const from = q.from ?? new Date(Date.parse(to) - 30 * DAY_MS).toISOString();
  if (Date.parse(from) > Date.parse(to)) throw validation('from must not be after to');
  const visible = await visibleSectionIds(ctx, subject);
  let ids = [...visible];
  if (q.section) {
    if (!visible.has(q.section)) return { items: [], from, to };
    ids = [q.section];
  }
  const items = await engine.history({ sectionIds: ids, from: new Date(Date.parse(from)).toISOString(), to: new Date(Date.parse(to)).toISOString(), limit: q.limit });
  return { items, from, to };
}

export async function overrideList(ctx: AppContext, subject: Subject, section: string | undefined) {
  authorize(subject, 'assessments:read');
  const visible = await visibleSectionIds(ctx, subject);
  const now = Date.now();
  const items = (await riskEngine(ctx).overridesOf(section)).filter((o) => visible.has(o.sectionId));
  return {
    items: items.map((o) => ({
      ...o,
      status: o.clearedAt ? ('withdrawn' as const) : Date.parse(o.expiresAt) <= now ? ('expired' as const) : ('active' as const),
    })),
  };
}

interface ReportSection {
  sectionId: string;
  sectionRef: string | null;
  name: Record<string, string>;
  order: number;
  provinces: Record<string, string>;
  level: RiskLevel;
  computedLevel: RiskLevel;
  score: number;
  yesterday: RiskLevel | null;
  change: number;
  explanation: ExplanationItem[];
  anomaly: AnomalyHint | null;
}

const emptyCounts = (): Record<RiskLevel, number> => Object.fromEntries(RISK_LEVELS.map((l) => [l, 0])) as Record<RiskLevel, number>;

/**
 * The daily situation report for `date` (UTC, default today): per state and for the whole
 * border, the sections' levels and changes since the day before, the top events, and the
 * seizure totals (seizure records of the UTC day and of the 7 days to its end).
 */
export async function situationReport(ctx: AppContext, subject: Subject, date: string | undefined) {
  authorize(subject, 'assessments:read');
  const engine = riskEngine(ctx);
  await engine.settled();
  const now = engine.now();
  const today = new Date(now).toISOString().slice(0, 10);
  const day = date ?? today;
  if (day > today) throw validation('the report is for today or an earlier day');
  const end = Math.min(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS, now);
  const live = day === today;
  const visible = await visibleSectionIds(ctx, subject);
  const sections = engine.sectionInfo().filter((s) => visible.has(s.id));
  // the last snapshot up to the end of the day, and up to the end of the day before
  const snaps = await listSnapshots(ctx.db.kysely, { sectionIds: sections.map((s) => s.id), from: new Date(end - 60 * DAY_MS).toISOString(), to: new Date(end).toISOString(), limit: 10_000 });
  const lastBefore = (id: string, t: number) => {
    let found: (typeof snaps)[number] | undefined;
    for (const s of snaps) if (s.sectionId === id && Date.parse(s.at) <= t) found = s;
    return found;
  };
  const views = live ? await engine.views() : null;
  const anomalies = live ? await engine.anomalies() : null;
  const rows: ReportSection[] = [];
  for (const s of sections) {
    const before = lastBefore(s.id, end - DAY_MS);
    let level: RiskLevel;
    let computedLevel: RiskLevel;
    let score: number;
    let explanation: ExplanationItem[];
    if (views) {
      const v = views.get(s.id)!;
      ({ level, computedLevel, score, explanation } = v);
    } else {
      const at = lastBefore(s.id, end);
      if (!at) continue;
      ({ level, computedLevel, score, explanation } = at);
    }
    rows.push({
      sectionId: s.id,
      sectionRef: s.ref,
      name: s.name,
      order: s.order,
      provinces: s.meta.body.provinces,
      level,
      computedLevel,
      score,
      yesterday: before?.level ?? null,
      change: before ? Math.sign(levelRank(level) - levelRank(before.level)) : 0,
      explanation,
      anomaly: anomalies?.get(s.id) ?? null,
    });
  }
  const summarise = (list: ReportSection[]) => {
    const levels = emptyCounts();
    for (const r of list) levels[r.level]++;
    return { levels, raised: list.filter((r) => r.change > 0).length, lowered: list.filter((r) => r.change < 0).length };
  };
  const states = [...new Set(rows.flatMap((r) => Object.keys(r.provinces)))].sort();
  const topEvents: { sectionId: string; category: string; count: number; days: number; detail: string | null; near: unknown; share: number; weight: number }[] = [];
  for (const r of rows) {
    for (const x of r.explanation) {
      if (x.key !== 'events') continue;
      topEvents.push({
        sectionId: r.sectionId,
        category: String(x.params['category']),
        count: Number(x.params['count']),
        days: Number(x.params['days']),
        detail: (x.params['detail'] as string | null) ?? null,
        near: x.params['near'] ?? null,
        share: x.share,
        weight: x.share * r.score,
      });
    }
  }
  topEvents.sort((a, b) => b.weight - a.weight);
  rows.sort((a, b) => a.order - b.order);
  return {
    date: day,
    generatedAt: new Date(now).toISOString(),
    live,
    border: { ...summarise(rows), sections: rows },
    states: states.map((code) => {
      const list = rows.filter((r) => code in r.provinces);
      return { code, ...summarise(list), sectionIds: list.map((r) => r.sectionId) };
    }),
    topEvents: topEvents.slice(0, 10).map(({ weight: _w, ...e }) => e),
    seizures: await reportSeizures(ctx, subject, visible, { dayStart: Date.parse(`${day}T00:00:00.000Z`), weekStart: Date.parse(`${day}T00:00:00.000Z`) - 6 * DAY_MS, end }),
  };
}

/**
 * Seizure totals of the report from the seizure records (kilograms as normalised when entered):
 * seizures of published events in sections the reader may see, whose event the reader may read.
 */
async function reportSeizures(ctx: AppContext, subject: Subject, visible: Set<string>, window: { dayStart: number; weekStart: number; end: number }): Promise<SeizureTotals> {
  const rows = await seizuresBetween(ctx.db.kysely, new Date(window.weekStart).toISOString(), new Date(window.end).toISOString());
  const facts: SeizureFact[] = [];
  for (const { seizure, event } of rows) {
    if (!inPicture(event.body.status) || !event.body.sectionId || !visible.has(event.body.sectionId)) continue;
    if (!allows(subject, 'events:read', eventTarget(ctx.node.id, event))) continue;
    const b = seizure.body;
    facts.push({ itemKind: b.itemKind, substance: b.substance, quantityKg: b.quantityKg, quantity: b.quantity, seizedAt: Date.parse(b.seizedAt), state: event.owner.state });
  }
  return seizureTotals(facts, window);
}
