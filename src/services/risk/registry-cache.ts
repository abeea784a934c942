/**
 * The registry as the risk engine reads it: sections (with their states), units (kind, section,
 * staffing, pairing), kept in memory and reloaded when a section or unit changes. From it come
 * a section's profile for the model, the counterpart units a neighbour notice names, and the
 * place names in explanations.
 */
import type { LocalizedNameValue } from '../../domain/registry/entities.ts';
import type { AssessmentNotice } from '../../domain/risk/assessment-record.ts';
import type { RiskLevel, TerrainKind } from '../../domain/risk/config.ts';
import type { ExplanationItem, SectionProfile } from '../../domain/risk/model.ts';
import { overrideActive, type RiskOverride } from '../../domain/risk/override.ts';
import { listRecords, type SavedRecord } from '../../store/records.repository.ts';
import type { Executor } from '../../store/transaction.ts';

export interface UnitInfo {
  id: string;
  ref: string | null;
  stateCode: string;
  kind: string;
  sectionId: string | null;
  pairedWithId: string | null;
  name: LocalizedNameValue;
  staffing: number | null;
}

export interface SectionInfo {
  id: string;
  ref: string | null;
  name: LocalizedNameValue;
  order: number;
  states: string[];
  meta: SavedRecord<'section'>;
}

export class RiskRegistry {
  sections = new Map<string, SectionInfo>();
  units = new Map<string, UnitInfo>();

  async load(db: Executor): Promise<void> {
    const sections = await listRecords(db, 'section');
    const units = await listRecords(db, 'unit');
    this.sections = new Map(
      sections.map((s) => [s.id, { id: s.id, ref: s.body.ref, name: s.body.name, order: s.body.order, states: Object.keys(s.body.provinces).sort(), meta: s }]),
    );
    this.units = new Map(
      units.map((u) => [
        u.id,
        { id: u.id, ref: u.body.ref, stateCode: u.body.stateCode, kind: u.body.kind, sectionId: u.body.sectionId, pairedWithId: u.body.pairedWithId, name: u.body.name, staffing: u.body.staffing ?? null },
      ]),
    );
  }

  sectionIds(): string[] {
    return [...this.sections.keys()];
  }

  /** What the model reads of a section: terrain, river, patrols, crossing points and the staffing of its posts. */
  profileOf(sectionId: string): SectionProfile {
    const s = this.sections.get(sectionId)!.meta.body;
    const posts = [...this.units.values()]
      .filter((u) => u.sectionId === sectionId && (u.kind === 'border_post' || u.kind === 'crossing_point'))
      .map((u) => ({ id: u.id, staffing: u.staffing }));
    return {
      id: sectionId,
      terrain: s.terrain as TerrainKind,
      riverName: s.riverName,
      patrolCoverage: s.patrolCoverage,
      crossingPoints: s.crossingPoints ?? null,
      posts,
    };
  }

  /**
   * The counterpart units across the river: the other states' posts, crossing points and liaison
   * offices in the section, and the units paired with ours there.
   */
  noticeFor(ownState: string, section: SectionInfo, from: RiskLevel, to: RiskLevel): AssessmentNotice | null {
    const inSection = [...this.units.values()].filter((u) => u.sectionId === section.id);
    const across = new Map<string, UnitInfo>();
    for (const u of inSection) {
      if (u.stateCode !== ownState) across.set(u.id, u);
      else if (u.pairedWithId) {
        const p = this.units.get(u.pairedWithId);
        if (p && p.stateCode !== ownState) across.set(p.id, p);
      }
    }
    const states = section.states.filter((s) => s !== ownState);
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
  enrich(items: ExplanationItem[], override: RiskOverride | null, at: number): ExplanationItem[] {
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
}
