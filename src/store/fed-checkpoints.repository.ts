import type { Executor, Trx } from './transaction.ts';

/** Checkpoints exchanged with peers: the peer's that we co-signed ('theirs'), ours that the peer co-signed ('ours'). */
export interface PeerCheckpointRow {
  peerId: string;
  direction: 'theirs' | 'ours';
  nodeId: string;
  seq: number;
  headHash: string;
  checkpointJson: string;
  cosignatureJson: string;
  at: string;
}

export async function insertPeerCheckpoint(trx: Trx, id: string, r: PeerCheckpointRow): Promise<void> {
  await trx
    .insertInto('fed_checkpoints')
    .values({ id, peer_id: r.peerId, direction: r.direction, node_id: r.nodeId, seq: r.seq, head_hash: r.headHash, checkpoint_json: r.checkpointJson, cosignature_json: r.cosignatureJson, at: r.at })
    .execute();
}

/** The newest checkpoint exchanged with a peer in one direction, or null. */
export async function latestPeerCheckpoint(db: Executor, peerId: string, direction: 'theirs' | 'ours'): Promise<PeerCheckpointRow | null> {
  const r = await db.selectFrom('fed_checkpoints').selectAll().where('peer_id', '=', peerId).where('direction', '=', direction).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return r ? { peerId: r.peer_id, direction: r.direction as 'theirs' | 'ours', nodeId: r.node_id, seq: Number(r.seq), headHash: r.head_hash, checkpointJson: r.checkpoint_json, cosignatureJson: r.cosignature_json, at: r.at } : null;
}

/** A held checkpoint of the peer at exactly this seq (to tell a forked history from a repeat). */
export async function peerCheckpointAt(db: Executor, peerId: string, seq: number): Promise<{ headHash: string } | null> {
  const r = await db.selectFrom('fed_checkpoints').select('head_hash').where('peer_id', '=', peerId).where('direction', '=', 'theirs').where('seq', '=', seq).executeTakeFirst();
  return r ? { headHash: r.head_hash } : null;
}
