import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticatePeerRequest, buildFeed, FEED_DEFAULT_LIMIT, FEED_MAX_LIMIT } from '../../../federation/feed.ts';
import { addPeer, addPeerSchema, agreementSchema, nodeInfo, peersWithAgreements, setAgreement } from '../../../federation/peers.ts';
import { PeerRequestError, pullFromPeer } from '../../../federation/sync.ts';
import { AppError } from '../../../errors.ts';
import type { AppContext } from '../../../services/context.ts';
import { authorize } from '../../../domain/policy/authorize.ts';
import { requireAuth } from '../../http/auth.ts';
import { errorResponses, errorSchema, idParams } from '../schemas.ts';

const agreementView = z.object({
  id: z.string(),
  peerId: z.string(),
  types: z.array(z.string()),
  maxTlp: z.string(),
  personalData: z.boolean(),
  redact: z.array(z.string()),
  active: z.boolean(),
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
  pullCursor: z.number().int(),
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
  pullCursor: p.pullCursor,
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

  r.get(
    '/api/federation/feed',
    {
      schema: {
        tags,
        security: [],
        description:
          'Signed pull feed for a peer node: headers x-sarhad-node, x-sarhad-date (ISO, ±5 min) and x-sarhad-signature (base64 Ed25519 over "GET\\n<path?query>\\n<date>").',
        querystring: z
          .object({
            after: z.coerce.number().int().min(0).default(0),
            limit: z.coerce.number().int().min(1).max(FEED_MAX_LIMIT).default(FEED_DEFAULT_LIMIT),
            /** The agreement id the caller's cursor was built under (from the last page); a mismatch restarts at 0. */
            known: z.string().max(64).optional(),
          })
          .strict(),
        response: {
          200: z.object({ envelopes: z.array(z.record(z.string(), z.unknown())), cursor: z.number().int(), more: z.boolean(), agreement: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const peer = await authenticatePeerRequest(ctx, { method: req.method, url: req.url, headers: req.headers });
      const page = await buildFeed(ctx, peer, req.query.after, req.query.limit, req.query.known);
      return { ...page, envelopes: page.envelopes as unknown as Record<string, unknown>[] };
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
            cursor: z.number().int(),
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
        return await pullFromPeer(ctx, { id: req.params.id });
      } catch (err) {
        if (err instanceof PeerRequestError) throw new AppError('PEER_UNREACHABLE', err.message, { peerStatus: err.status, peerCode: err.code });
        if (err instanceof TypeError || (err as Error).name === 'TimeoutError') throw new AppError('PEER_UNREACHABLE', `cannot reach the peer: ${(err as Error).message}`);
        throw err;
      }
    },
  );
}
