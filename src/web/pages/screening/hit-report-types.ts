import type { HitAction, RequestedAction } from '../../../domain/screening/hit-vocabulary.ts';

/** The API's hit report views (src/server/api/screening/hit-reports.routes.ts). */
interface Exchange {
  alertId: string;
  alertOwnerNode: string;
  alertOwnerState: string;
  reporterNode: string;
  reporterState: string;
}
export interface HitReportBody extends Exchange {
  type: 'report';
  screeningId: string;
  score: number;
  found: string;
  action: HitAction;
  actionDetail: string | null;
  unitId: string | null;
  place: string;
  observedAt: string;
}
export interface HitAnswerBody extends Exchange {
  type: 'answer';
  reportId: string;
  information: string;
  requestedAction: RequestedAction;
  answeredAt: string;
}
export interface HitRecordView<B> {
  id: string;
  version: number;
  ownerState: string;
  ownerNode: string;
  createdAt: string;
  local: boolean;
  body: B;
  abilities: { answer: boolean };
}
export type HitReportView = HitRecordView<HitReportBody> & { answers: HitRecordView<HitAnswerBody>[] };

export type HistoryDecision = 'pending' | 'suppressed' | 'confirmed' | 'false_positive';
export interface HistoryItem {
  id: string;
  at: string;
  officer: { id: string; username: string | null; displayName: string | null };
  unitId: string | null;
  hitCount: number;
  suppressedCount: number;
  hasIdentifiers: boolean;
  hiddenHits: number;
  hits: {
    alertId: string;
    listed: string;
    subjectKind: 'person' | 'vehicle' | 'document';
    ownerState: string;
    score: number;
    decision: HistoryDecision;
    decidedBy: string | null;
    decidedAt: string | null;
    falsePositive: { id: string; status: 'active' | 'expired' | 'revoked'; revokedAt: string | null; revokedBy: string | null } | null;
    hitReportId: string | null;
  }[];
}
export interface HistoryPage {
  items: HistoryItem[];
  total: number;
  limit: number;
  offset: number;
}
