import type { APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { envelopeDigest, generateNodeKeyPair, privateKeyFromPem, type SignedEnvelope } from '../src/domain/federation/envelope.ts';
import { agreementTerms, signObject } from '../src/domain/federation/protocol.ts';
import { signRequest } from '../src/domain/federation/request-signing.ts';
import { canonicalJson } from '../src/domain/records/content-hash.ts';

/**
 * A peer node played by the test itself, with its own Ed25519 key: the demo runs one node, so
 * the test registers this one as a peer (as an administrator would, key given out of band) and
 * then talks the real protocol to the demo node — signed feed requests and a signed receipt —
 * so the status page has genuine figures: records sent per type, refusals, unknown callers.
 */
export class FakePeer {
  readonly keys = generateNodeKeyPair();
  readonly nodeId = `e2e-af-${randomUUID().slice(0, 8)}`;
  readonly name = `e2e-af-${Date.now().toString(36)}`;
  private readonly key = privateKeyFromPem(this.keys.privateKeyPem);
  demoNodeId = '';

  constructor(private readonly api: APIRequestContext) {}

  /** Registered on the demo node by its administrator (the URL answers nothing: the node id is given), with an agreement. */
  async register(admin: APIRequestContext, csrf: string, types: string[]): Promise<string> {
    this.demoNodeId = ((await (await this.api.get('/api/federation/node')).json()) as { nodeId: string }).nodeId;
    const peer = await admin.post('/api/federation/peers', {
      headers: { 'x-csrf-token': csrf },
      data: { name: this.name, url: 'http://127.0.0.1:1', stateCode: 'AF', publicKey: this.keys.publicKey, nodeId: this.nodeId },
    });
    if (peer.status() !== 201) throw new Error(`peer: ${peer.status()} ${await peer.text()}`);
    const id = ((await peer.json()) as { id: string }).id;
    const agreed = await admin.post(`/api/federation/peers/${id}/agreements`, { headers: { 'x-csrf-token': csrf }, data: { types, maxTlp: 'AMBER', personalData: true } });
    if (agreed.status() !== 201) throw new Error(`agreement: ${await agreed.text()}`);
    return id;
  }

  /** A signed POST as this peer (or as `asNode`, a node the demo does not know); the headers are returned for a replay. */
  async post(path: string, body: object, opts: { asNode?: string; headers?: Record<string, string> } = {}) {
    const text = canonicalJson(body);
    const headers = opts.headers ?? signRequest(opts.asNode ?? this.nodeId, 'POST', path, this.key, new Date(), text);
    const res = await this.api.post(path, { headers: { ...headers, 'content-type': 'application/json' }, data: text });
    return { status: res.status(), body: (await res.json()) as Record<string, unknown>, headers, text };
  }

  /** One feed page, then a signed receipt for every envelope in it: the demo node counts them delivered. */
  async pullOnce(types: string[]) {
    const terms = signObject(
      agreementTerms({ id: 'e2e', peerId: 'x', types, maxTlp: 'AMBER', personalData: true, redact: [], active: true, onward: false }, this.nodeId, 'AF', this.demoNodeId, new Date().toISOString()),
      this.key,
    );
    const feed = await this.post('/api/federation/feed', { limit: 500, agreement: terms });
    if (feed.status !== 200) throw new Error(`feed: ${feed.status} ${JSON.stringify(feed.body)}`);
    const envelopes = feed.body.envelopes as SignedEnvelope[];
    const page = feed.body.page as { nonce: string };
    const items = envelopes.map((e) => ({ id: e.id, version: e.version, op: e.op, digest: envelopeDigest(e), status: 'applied' as const }));
    const receipt = signObject({ from: this.nodeId, to: this.demoNodeId, nonce: page.nonce, items, signedAt: new Date().toISOString() }, this.key);
    const ack = await this.post('/api/federation/receipts', receipt);
    if (ack.status !== 200) throw new Error(`receipt: ${ack.status} ${JSON.stringify(ack.body)}`);
    return { feed, envelopes };
  }
}
