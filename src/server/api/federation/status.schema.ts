import { z } from 'zod';

/** The answer of GET /api/federation/status (docs/federation.md, "Peer status"). */
const counts = z.object({ type: z.string(), delivered: z.number().int(), withdrawn: z.number().int(), unacked: z.number().int(), refusedByPeer: z.number().int() });
const terms = z.object({ types: z.array(z.string()), maxTlp: z.string(), personalData: z.boolean(), redact: z.array(z.string()), active: z.boolean() }).passthrough();
const refusal = z.object({
  id: z.string(),
  nodeId: z.string().nullable(),
  kind: z.string(),
  code: z.string(),
  recordId: z.string().nullable(),
  version: z.number().int().nullable(),
  detail: z.string().nullable(),
  at: z.string(),
});

export const peerStatusView = z.object({
  peer: z.object({ id: z.string(), name: z.string(), nodeId: z.string(), stateCode: z.string(), url: z.string() }),
  health: z.object({ state: z.enum(['ok', 'degraded', 'down']), reasons: z.array(z.enum(['NEVER_CONTACTED', 'UNREACHABLE', 'LAST_PULL_FAILED', 'RECENT_REFUSALS', 'UNACKED_WAITING'])) }),
  lastContactAt: z.string().nullable(),
  lastFailure: z.object({ at: z.string(), reason: z.string(), consecutive: z.number().int() }).nullable(),
  agreements: z.object({ ours: terms.nullable(), theirs: terms.nullable(), effective: terms.nullable() }),
  outgoing: z.object({ unacked: z.number().int(), backlog: z.number().int(), oldestUnackedSentAt: z.string().nullable(), lastReceiptAt: z.string().nullable(), byType: z.array(counts) }),
  incoming: z.object({
    backlog: z.number().int().nullable(),
    lastReceiptAt: z.string().nullable(),
    byType: z.array(z.object({ type: z.string(), held: z.number().int(), withdrawn: z.number().int(), refused: z.number().int() })),
  }),
  rejections: z.object({ total: z.number().int(), byCode: z.record(z.string(), z.number().int()), recent: z.array(refusal) }),
  keys: z.object({
    fingerprint: z.string(),
    publicKey: z.string(),
    previous: z.array(z.object({ fingerprint: z.string(), validUntil: z.string() })),
    handover: z.object({ at: z.string(), delivered: z.boolean(), attempts: z.number().int().nullable(), lastError: z.string().nullable() }).nullable(),
  }),
});

export const statusView = z.object({
  generatedAt: z.string(),
  rule: z.object({ downAfterMinutes: z.number(), recentMinutes: z.number() }),
  node: z.object({
    nodeId: z.string(),
    state: z.string(),
    name: z.string(),
    key: z.object({ fingerprint: z.string(), publicKey: z.string(), since: z.string(), retired: z.array(z.object({ fingerprint: z.string(), retiredAt: z.string() })) }).nullable(),
  }),
  unknownCallers: z.object({
    total: z.number().int(),
    byNode: z.array(z.object({ nodeId: z.string(), count: z.number().int(), lastAt: z.string() })),
    recent: z.array(z.object({ nodeId: z.string(), code: z.string(), detail: z.string().nullable(), at: z.string() })),
  }),
  items: z.array(peerStatusView),
});
export type StatusView = z.output<typeof statusView>;
