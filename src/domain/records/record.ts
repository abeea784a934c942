import type { Marking } from './marking.ts';

/** Who owns a shareable record: the node and, inside it, the agency and unit that created it. */
export interface RecordOwner {
  node: string;
  state: string;
  agencyId: string | null;
  unitId: string | null;
}

/** The federation-ready header every shareable record carries. */
export interface RecordMeta {
  id: string;
  type: string;
  version: number;
  owner: RecordOwner;
  marking: Marking;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

export type RecordOp = 'create' | 'update' | 'revoke';

/** Emitted after a committed change; drives the SSE stream and, later, federation push. */
export interface RecordChange {
  type: string;
  id: string;
  version: number;
  op: RecordOp;
  /** Who may hear of it (kept server-side): listeners outside it are not told, not even the id. */
  audience?: { owner: RecordOwner; marking: Marking; createdBy: string; /** events: workflow status (drafts are not announced to everyone) */ status?: string };
}
