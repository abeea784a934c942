// The risk model's API answers (src/server/api/assessments/schema.ts), as the web app reads them.
import type { LocalizedName } from '../../types.ts';

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface ExplanationItem {
  key: string;
  share: number;
  params: Record<string, string | number | null | Record<string, string>>;
}

export interface Assessment {
  level: RiskLevel;
  score: number;
  computedLevel: RiskLevel;
  override: { id: string; level: RiskLevel; reason: string; expiresAt: string; setBy: string; setAt: string } | null;
  explanation: ExplanationItem[];
  computedAt: string;
}

export interface Anomaly {
  count: number;
  baseline: number;
  pValue: number;
  anomalous: boolean;
  basis: 'seasonal' | 'recent';
}

export interface CurrentItem {
  sectionId: string;
  sectionRef: string | null;
  name: LocalizedName;
  order: number;
  provinces: Record<string, string>;
  assessment: Assessment;
  trend: number;
  anomaly: Anomaly | null;
  abilities: { override: boolean };
}

export interface Snapshot {
  sectionId: string;
  at: string;
  level: RiskLevel;
  computedLevel: RiskLevel;
  score: number;
  cause: 'daily' | 'change' | 'override';
}

export interface ReportSection {
  sectionId: string;
  name: LocalizedName;
  provinces: Record<string, string>;
  level: RiskLevel;
  computedLevel: RiskLevel;
  score: number;
  yesterday: RiskLevel | null;
  change: number;
  explanation: ExplanationItem[];
  anomaly: Anomaly | null;
}

export interface Report {
  date: string;
  generatedAt: string;
  live: boolean;
  border: { levels: Record<RiskLevel, number>; raised: number; lowered: number; sections: ReportSection[] };
  states: { code: string; levels: Record<RiskLevel, number>; raised: number; lowered: number; sectionIds: string[] }[];
  topEvents: { sectionId: string; category: string; count: number; days: number; detail: string | null; near: LocalizedName | null; share: number }[];
  seizures: { border: SeizureTotal[]; states: { code: string; items: SeizureTotal[] }[] };
}

export const levelRank = (l: RiskLevel) => RISK_LEVELS.indexOf(l);

export interface SeizureTally {
  seizures: number;
  kg: number;
  counts: Record<string, number>;
}

export interface SeizureTotal {
  itemKind: string;
  substance: string;
  day: SeizureTally;
  week: SeizureTally;
}
