// The answer of GET /api/federation/status, typed from the server's own response schema
// (a type-only import: nothing of the server is bundled).
import type { StatusView } from '../../../server/api/federation/status.schema.ts';

export type FederationStatus = StatusView;
export type PeerStatus = StatusView['items'][number];
export type HealthState = PeerStatus['health']['state'];
export type HealthReason = PeerStatus['health']['reasons'][number];
