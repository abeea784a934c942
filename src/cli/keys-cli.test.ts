import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../federation/key-rotation.ts';
import { afNodeEnv, runSarhad } from '../server/testing/cli.ts';
import { startTestNode, type TestNode } from '../server/testing/test-node.ts';
import { findPeer } from '../store/federation.repository.ts';

/** Runs the real `sarhad` command for an AF node kept in its own SQLite directory. */
const sarhad = (dataDir: string, args: string[]) => runSarhad(args, afNodeEnv(dataDir));

describe('sarhad keys rotate --overlap (an AF node in its own data directory, TJ as its peer)', { timeout: 240_000 }, () => {
  let tj: TestNode;
  let dataDir: string;
  let afOnTj: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-keys-cli-'));
    tj = await startTestNode('sqlite');
  });
  afterAll(async () => {
    await tj?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const key = async () => JSON.parse((await sarhad(dataDir, ['node', 'key', '--json'])).stdout) as { nodeId: string; publicKey: string };
  const audit = (action: string) => {
    const db = new Sqlite(path.join(dataDir, 'sarhad.db'), { readonly: true });
    try {
      return db.prepare('select actor, detail_json from audit_log where action = ?').all(action) as { actor: string; detail_json: string }[];
    } finally {
      db.close();
    }
  };

  it('refuses a bad overlap with a clear error and a non-zero exit, changing nothing', async () => {
    const af = await key();
    // Each side knows the other: TJ registers AF (not reachable from TJ, so with its node id), AF registers TJ.
    const admin = await tj.as('admin');
    const peer = await admin.post('/api/federation/peers', { name: 'sarhad-af', url: 'http://127.0.0.1:9', stateCode: 'AF', publicKey: af.publicKey, nodeId: af.nodeId });
    expect(peer.status, peer.text).toBe(201);
    afOnTj = peer.body.id;
    const tjKey = (await tj.anonymous().get('/api/federation/node')).body.publicKey as string;
    const add = await sarhad(dataDir, ['peers', 'add', '--name', 'sarhad-tj', '--url', tj.url, '--state', 'TJ', '--public-key', tjKey]);
    expect(add.code, add.stderr).toBe(0);

    for (const overlap of ['7x', '91d', '']) {
      const r = await sarhad(dataDir, ['keys', 'rotate', '--overlap', overlap]);
      expect(r.code, overlap).toBe(2);
      expect(r.stderr).toMatch(/--overlap must be a duration such as 0, 30m, 12h, 7d or 2w \(at most 90d\)/);
      expect(r.stdout).toBe('');
    }
    const missing = await sarhad(dataDir, ['keys', 'rotate']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/--overlap/);
    expect((await key()).publicKey).toBe(af.publicKey);
    expect(audit('node.key_rotate')).toEqual([]);
  });

  it('rotates: prints the new fingerprint, TJ accepts the hand-over and keeps the old key for the overlap; audited', async () => {
    const before = await key();
    const r = await sarhad(dataDir, ['keys', 'rotate', '--overlap', '7d']);
    expect(r.code, r.stderr).toBe(0);
    const after = await key();
    expect(after.publicKey).not.toBe(before.publicKey);
    expect(r.stdout).toContain(`fingerprint:    ${keyFingerprint(after.publicKey)}`);
    expect(r.stdout).toMatch(/old key valid until \S+ \(overlap 7d\)/);
    expect(r.stdout).toContain('hand-over accepted by: sarhad-tj');
    expect((await sarhad(dataDir, ['node', 'key'])).stdout).toContain(`fingerprint: ${keyFingerprint(after.publicKey)}`);

    // TJ now knows AF by the new key and accepts the old one for a week.
    expect((await findPeer(tj.ctx.db.kysely, { id: afOnTj }))!.publicKey).toBe(after.publicKey);
    const kept = await tj.ctx.db.kysely.selectFrom('peer_keys').selectAll().where('peer_id', '=', afOnTj).executeTakeFirstOrThrow();
    expect(kept.public_key).toBe(before.publicKey);
    const days = (Date.parse(kept.valid_until) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const [entry, ...more] = audit('node.key_rotate');
    expect(more).toEqual([]);
    expect(entry!.actor).toBe('system:cli');
    expect(JSON.parse(entry!.detail_json)).toMatchObject({ oldKey: before.publicKey, newKey: after.publicKey, fingerprint: keyFingerprint(after.publicKey), peers: ['sarhad-tj'] });
    expect(audit('federation.key_handover_delivered')).toHaveLength(1);
    expect(r.stdout + r.stderr).not.toMatch(/PRIVATE KEY/);
  });
});
