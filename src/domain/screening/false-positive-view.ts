/** A false-positive decision as its reviewers see it (API answer and web page share this shape). */
export type FalsePositiveStatus = 'active' | 'expired' | 'revoked';

/** Who decided, when, until when, on which alert; never the traveller. */
export interface FalsePositiveView {
  id: string;
  alertId: string;
  screeningId: string;
  stateCode: string;
  agencyId: string;
  decidedBy: { id: string; username: string | null };
  decidedAt: string;
  expiresAt: string;
  status: FalsePositiveStatus;
  revokedBy: { id: string; username: string | null } | null;
  revokedAt: string | null;
}
