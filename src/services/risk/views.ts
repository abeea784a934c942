/**
 * What the risk engine answers readers with (GET /api/sections `properties.assessment`,
 * /api/assessments): plain views of assessments, overrides and snapshots.
 */
import type { Marking } from '../../domain/records/marking.ts';
import type { RiskLevel } from '../../domain/risk/config.ts';
import type { ExplanationItem } from '../../domain/risk/model.ts';
import { overrideActive, type RiskOverride } from '../../domain/risk/override.ts';
import type { Snapshot } from '../../store/risk.repository.ts';

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

export const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
export const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

export function overrideView(o: RiskOverride | null | undefined, at: number): OverrideView | null {
  if (!overrideActive(o, at)) return null;
  return { id: o.id, level: o.level, reason: o.reason, expiresAt: o.expiresAt, setBy: o.setBy, setAt: o.setAt };
}
