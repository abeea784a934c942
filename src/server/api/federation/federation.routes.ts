import { acceptKeyHandover, deliverHandoversInBackground, vouchedKey } from '../../../federation/key-rotation.ts';
import { acceptPeerCheckpoint } from '../../../federation/checkpoints.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptReceipt, authenticatePeerRequest, buildFeed, FEED_DEFAULT_LIMIT, FEED_MAX_LIMIT } from '../../../federation/feed.ts';
import { canonicalJson } from '../../../domain/records/content-hash.ts';
import { sendCompressed } from './compress.ts';
import { federationStatus } from '../../../federation/status.ts';
import { onPushNotice, pullSerialised } from '../../../federation/push.ts';
import { addPeer, addPeerSchema, agreementSchema, nodeInfo, peersWithAgreements, requirePeer, setAgreement } from '../../../federation/peers.ts';
import { PeerRequestError } from '../../../federation/sync.ts';
import { AppError } from '../../../errors.ts';
import type { AppContext } from '../../../services/context.ts';
import { authorize } from '../../../domain/policy/authorize.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses, errorSchema, idParams } from '../schemas.ts';
import { statusView } from './status.schema.ts';

const agreementView = z.object({
  id: z.string(),
  peerId: z.string(),
  types: z.array(z.string()),
  maxTlp: z.string(),
  personalData: z.boolean(),
  redact: z.array(z.string()),
  active: z.boolean(),
  onward: z.boolean().optional(),
  createdBy: z.string(),
  createdAt: z.string(),
});

const peerView = z.object({
  id: z.string(),
  nodeId: z.string(),
  name: z.string(),
  stateCode: z.string(),
  url: z.string(),
  publicKey: z.string(),
  lastContactAt: z.string().nullable(),
  lastPullAt: z.string().nullable(),
  createdAt: z.string(),
  agreement: agreementView.nullable(),
});

const present = <P extends z.output<typeof peerView>>(p: P): z.output<typeof peerView> => ({
  id: p.id,
  nodeId: p.nodeId,
  name: p.name,
  stateCode: p.stateCode,
  url: p.url,
  publicKey: p.publicKey,
  lastContactAt: p.lastContactAt,
  lastPullAt: p.lastPullAt,
  createdAt: p.createdAt,
  agreement: p.agreement,
});

export async function federationRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['federation'];

  r.get(
    '/api/federation/node',
    {
      schema: {
        tags,
        security: [],
        description: 'This node: id, state, name and Ed25519 public key (base64 of the raw 32 bytes). No login needed.',
        response: { 200: z.object({ nodeId: z.string(), state: z.string(), name: z.string(), publicKey: z.string(), publicKeyFormat: z.literal('ed25519-raw-base64') }) },
      },
    },
    async () => nodeInfo(ctx),
  );

  const signedBy = (req: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: unknown }, vouched: { from: string; key: string } | null = null) =>
    authenticatePeerRequest(ctx, { method: req.method, url: req.url, headers: req.headers, body: canonicalJson(req.body ?? {}) }, new Date(), vouched);

  r.post(
    '/api/federation/feed',
    {
      schema: {
        tags,
        security: [],
        description:
          'Signed feed for a peer node (headers x-sarhad-node, x-sarhad-date, x-sarhad-nonce, x-sarhad-signature over "POST\\n<path>\\n<date>\\n<nonce>\\n<sha256 of the canonical JSON body>"). ' +
          'Body: the caller\'s signed agreement terms for us and a page size. Answers every record the caller should hold and has not acknowledged, with a signed page header bound to the nonce. Compressed (br or gzip) when asked.',
        body: z.object({ limit: z.number().int().min(1).max(FEED_MAX_LIMIT).default(FEED_DEFAULT_LIMIT), agreement: z.record(z.string(), z.unknown()) }).strict(),
        response: { 200: z.object({ envelopes: z.array(z.record(z.string(), z.unknown())), page: z.record(z.string(), z.unknown()) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const peer = await signedBy(req);
      // A peer that was down when we rotated our key gets the hand-over now it is back.
      deliverHandoversInBackground(ctx, peer);
      const nonce = req.headers['x-sarhad-nonce'] as string;
      const page = await buildFeed(ctx, peer, { limit: req.body.limit, nonce, terms: req.body.agreement });
      return sendCompressed(req, reply, JSON.stringify(page));
    },
  );

  r.post(
    '/api/federation/receipts',
    {
      schema: {
        tags,
        security: [],
        description: 'A signed receipt from a peer for envelopes it applied or refused (signed request, as the feed). Only receipted records count as delivered.',
        body: z.record(z.string(), z.unknown()),
        response: { 200: z.object({ items: z.number().int(), cleared: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => {
      const peer = await signedBy(req);
      return acceptReceipt(ctx, peer, req.body);
    },
  );

  r.post(
    '/api/federation/notify',
    {
      schema: {
        tags,
        security: [],
        description: 'Push notice from a peer (signed request, as the feed): it has something new for us; we pull from it at once. Best effort: the periodic pull is the fallback.',
        body: z.object({ at: z.string().max(40) }).strict(),
        response: { 202: z.object({ accepted: z.boolean() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const peer = await signedBy(req);
      onPushNotice(ctx, peer.id);
      return reply.code(202).send({ accepted: true });
    },
  );

  r.post(
    '/api/federation/key',
    {
      schema: {
        tags,
        security: [],
        description:
          "A peer's key hand-over {nodeId, oldKey, newKey, at, oldKeyValidUntil?, signature by the old key}, or {handovers: [...]} (the chain it missed, oldest first). Signed request with the registered key or with the new key the hand-over vouches for. The new key replaces the old one, which stays valid until oldKeyValidUntil (else `at`) and afterwards for what it signed before. Re-sending an accepted hand-over answers the same.",
        body: z.object({}).passthrough(),
        response: { 200: z.object({ accepted: z.boolean(), key: z.string() }), ...errorResponses },
      },
    },
    async (req) => {
      const peer = await signedBy(req, vouchedKey(req.body));
      return acceptKeyHandover(ctx, peer, req.body);
    },
  );

  r.post(
    '/api/federation/checkpoints',
    {
      schema: {
        tags,
        security: [],
        description: "A peer's signed audit checkpoint (signed request): checked against the ones we hold (a rewritten history is refused), kept, and answered with our co-signature.",
        body: z.object({ checkpoint: z.unknown() }).strict(),
        response: { 200: z.object({ checkpoint: z.string(), nodeId: z.string(), seq: z.number().int(), headHash: z.string(), by: z.string(), at: z.string(), signature: z.string() }), ...errorResponses },
      },
    },
    async (req) => {
      const peer = await signedBy(req);
      return acceptPeerCheckpoint(ctx, peer, req.body);
    },
  );

  r.get(
    '/api/federation/status',
    {
      schema: {
        tags,
        description:
          'Per peer: health (ok / degraded / down, rule in docs/federation.md "Peer status"), last good and last failed contact, backlog both ways, records not acknowledged, ' +
          'refusals by reason with the latest few, records sent and received per type, key fingerprints with any rotation overlap; and calls refused from unknown node ids (administrator).',
        querystring: z.object({ recent: z.coerce.number().int().min(1).max(50).default(10) }).strict(),
        response: { 200: statusView, ...errorResponses },
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      authorize(auth.subject, 'federation:admin');
      return federationStatus(ctx, { kind: 'user', subject: auth.subject }, { recent: req.query.recent });
    },
  );

  r.get('/api/federation/peers', { schema: { tags, response: { 200: z.object({ items: z.array(peerView) }), ...errorResponses } } }, async (req) => {
    const auth = requireAuth(req);
    authorize(auth.subject, 'federation:admin');
    return { items: (await peersWithAgreements(ctx, { kind: 'user', subject: auth.subject })).map(present) };
  });

  r.post('/api/federation/peers', { schema: { tags, body: addPeerSchema, response: { 201: peerView, ...errorResponses } } }, async (req, reply) => {
    const auth = requireAuth(req);
    authorize(auth.subject, 'federation:admin');
    const peer = await addPeer(ctx, { kind: 'user', subject: auth.subject }, req.body);
    return reply.code(201).send(present({ ...peer, agreement: null }));
  });

  r.post(
    '/api/federation/peers/:id/agreements',
    { schema: { tags, params: idParams, body: agreementSchema, response: { 201: agreementView, ...errorResponses } } },
    async (req, reply) => {
      const auth = requireAuth(req);
    authorize(auth.subject, 'federation:admin');
      return reply.code(201).send(await setAgreement(ctx, { kind: 'user', subject: auth.subject }, { id: req.params.id }, req.body));
    },
  );

  r.post(
    '/api/federation/peers/:id/sync',
    {
      schema: {
        tags,
        params: idParams,
        description: 'Pull now from this peer.',
        response: {
          200: z.object({
            peer: z.string(),
            batches: z.number().int(),
            stored: z.number().int(),
            withdrawn: z.number().int(),
            ignored: z.number().int(),
            rejected: z.number().int(),
            backlog: z.number().int(),
            rejections: z.array(z.object({ id: z.string().nullable(), version: z.number().nullable(), reason: z.string() })),
          }),
          ...errorResponses,
          502: errorSchema,
        },
      },
    },
    async (req) => {
      authorize(requireAuth(req).subject, 'federation:admin');
      try {
        return await pullSerialised(ctx, (await requirePeer(ctx, { id: req.params.id })).id);
      } catch (err) {
        if (err instanceof PeerRequestError) throw new AppError('PEER_UNREACHABLE', err.message, { peerStatus: err.status, peerCode: err.code });
        if (err instanceof TypeError || (err as Error).name === 'TimeoutError') throw new AppError('PEER_UNREACHABLE', `cannot reach the peer: ${(err as Error).message}`);
        throw err;
      }
    },
  );
}
