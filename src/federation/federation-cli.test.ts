import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afNodeEnv, runSarhad } from '../server/testing/cli.ts';
import { startTestNode, type TestNode } from '../server/testing/test-node.ts';

/** Runs the real `sarhad` command for an AF node kept in its own SQLite directory. */
const sarhad = (dataDir: string, args: string[]) => runSarhad(args, afNodeEnv(dataDir));

describe('sarhad node key / peers add, agree, list, sync (SQLite AF node pulling from a TJ node)', { timeout: 240_000 }, () => {
  let tj: TestNode;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-fed-cli-'));
    tj = await startTestNode('sqlite');
  });
  afterAll(async () => {
    await tj?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers TJ, agrees, and pulls an alert released to AF', async () => {
    const key = await sarhad(dataDir, ['node', 'key', '--json']);
    expect(key.code, key.stderr).toBe(0);
    const af = JSON.parse(key.stdout) as { nodeId: string; publicKey: string; state: string };
    expect(af.state).toBe('AF');
    expect(key.stdout + key.stderr).not.toMatch(/PRIVATE KEY/);

    // TJ side (over its API): register AF and agree to send alerts.
    const admin = await tj.as('admin');
    const peer = await admin.post('/api/federation/peers', { name: 'sarhad-af', url: 'http://127.0.0.1:9', stateCode: 'AF', publicKey: af.publicKey, nodeId: af.nodeId });
    expect(peer.status, peer.text).toBe(201);
    expect((await admin.post(`/api/federation/peers/${peer.body.id}/agreements`, { types: ['alert'], maxTlp: 'AMBER', personalData: true })).status).toBe(201);
    const analyst = await tj.as('tj.analyst');
    const alert = await analyst.post('/api/alerts', {
      subject: { kind: 'vehicle', plate: '01 ТТ 5555', description: null },
      reason: 'Carried precursors',
      action: 'discreet_check',
      marking: { tlp: 'AMBER', releasableTo: { states: ['AF'] } },
    });
    expect(alert.status).toBe(201);

    // AF side (CLI): a wrong key is refused, the right one is checked against TJ's published key.
    const tjKey = (await tj.anonymous().get('/api/federation/node')).body.publicKey as string;
    const wrong = await sarhad(dataDir, ['peers', 'add', '--name', 'sarhad-tj', '--url', tj.url, '--state', 'TJ', '--public-key', af.publicKey]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/not the key you gave/);
    const add = await sarhad(dataDir, ['peers', 'add', '--name', 'sarhad-tj', '--url', tj.url, '--state', 'tj', '--public-key', tjKey]);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain(tj.ctx.node.id);
    const agree = await sarhad(dataDir, ['peers', 'agree', '--peer', 'sarhad-tj', '--types', 'alert', '--max-tlp', 'amber', '--personal-data', 'no', '--redact', 'subject.description']);
    expect(agree.code, agree.stderr).toBe(0);
    expect(agree.stdout).toContain('personal data not allowed, redacting subject.description');
    const list = await sarhad(dataDir, ['peers', 'list']);
    expect(list.stdout).toMatch(/sarhad-tj\tTJ\t.*alert ≤AMBER personal:no/);

    const sync = await sarhad(dataDir, ['peers', 'sync', '--peer', 'sarhad-tj']);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/sarhad-tj: 1 stored, 0 withdrawn, 0 already held, 0 rejected/);
    const twice = await sarhad(dataDir, ['peers', 'sync']);
    expect(twice.stdout).toMatch(/sarhad-tj: 0 stored, 0 withdrawn, 0 already held, 0 rejected/);
    const nobody = await sarhad(dataDir, ['peers', 'sync', '--peer', 'sarhad-nobody']);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toMatch(/no peer named sarhad-nobody/);
  });
});
