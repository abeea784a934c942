import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../server/testing/api-client.ts';
import { spawnNode } from '../server/testing/child-node.ts';

// Inside the checkout (under the ignored .tmp/), so that the build resolves node_modules as dist/server does.
const OUT = path.resolve('.tmp', `build-test-${process.pid}`);

describe('the compiled server (npm run build:server)', { timeout: 600_000 }, () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-built-'));
    const r = spawnSync(process.execPath, ['scripts/build-server.mjs', OUT], { encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 600_000);
  afterAll(() => {
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('is plain JavaScript with the data files it reads at run time, and no tests or web app', () => {
    expect(fs.existsSync(path.join(OUT, 'cli/main.js'))).toBe(true);
    expect(fs.existsSync(path.join(OUT, 'store/seed/scenarios/tj-af.json'))).toBe(true);
    expect(fs.existsSync(path.join(OUT, 'web'))).toBe(false);
    const files = fs.readdirSync(OUT, { recursive: true, encoding: 'utf8' });
    expect(files.filter((f) => f.endsWith('.ts') || f.includes('.test.'))).toEqual([]);
    // Relative imports point at .js files: node runs it without a loader.
    const main = fs.readFileSync(path.join(OUT, 'cli/main.js'), 'utf8');
    expect(main).toMatch(/from ["']\.\/commands\/start\.js["']/);
    expect(main).not.toMatch(/from ["'][^"']+\.ts["']/);
  });

  it('answers --help without tsx', () => {
    const r = spawnSync(process.execPath, [path.join(OUT, 'cli/main.js'), '--help'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Usage: sarhad/);
    expect(r.stdout).toMatch(/start/);
  });

  it('runs the demo node from the build: seeds the scenario file, answers /healthz and a demo login', async () => {
    const node = await spawnNode(['demo'], { SARHAD_DATA_DIR: dataDir, SARHAD_DEMO_PASSWORD: 'built-demo-pass-1' }, { entry: path.join(OUT, 'cli/main.js'), timeoutMs: 180_000 });
    try {
      expect((await new ApiClient(node.url).get('/healthz')).status).toBe(200);
      const analyst = new ApiClient(node.url);
      await analyst.login('tj.analyst', 'built-demo-pass-1');
      const sections = await analyst.get('/api/sections');
      expect(sections.status).toBe(200);
    } finally {
      await node.stop();
    }
  });
});
