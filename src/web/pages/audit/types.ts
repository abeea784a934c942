// Shapes of the audit API (src/server/api/audit), as the page reads them.
export interface AuditEntry {
  seq: number;
  at: string;
  actor: { id: string; username: string | null };
  action: string;
  entityType: string;
  entityId: string | null;
  detail: Record<string, unknown>;
}

export interface AuditPageAnswer {
  items: AuditEntry[];
  total: number;
  limit: number;
  offset: number;
  actions: string[];
}

export interface AuditStatus {
  intact: boolean;
  verified: number;
  lastSeq: number;
  firstBadSeq: number | null;
  problem: string | null;
  lastCheckpoint: { seq: number; at: string; extended: boolean; reason: string | null } | null;
  pendingReads: number;
}

export interface AuditFilters {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { actor: '', action: '', entityType: '', entityId: '', from: '', to: '' };

export const PAGE_SIZE = 25;

/** `maxSeq`: the newest seq when the filters were applied, so pages do not shift as the log grows. */
export function auditQuery(f: AuditFilters, offset: number, maxSeq: number | null): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v.trim()) q.set(k, v.trim());
  if (maxSeq !== null) q.set('maxSeq', String(maxSeq));
  q.set('limit', String(PAGE_SIZE));
  q.set('offset', String(offset));
  return q.toString();
}
