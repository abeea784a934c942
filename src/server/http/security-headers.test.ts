import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../testing/test-node.ts';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
];

describe('security headers on the web app and the API', () => {
  let node: TestNode;
  let webDir: string;

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-web-'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="/app.js"></script></body></html>');
    node = await startTestNode('sqlite', { webDir });
  });
  afterAll(async () => {
    await node?.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  const expectHeaders = (headers: Headers, where: string) => {
    const csp = headers.get('content-security-policy') ?? '';
    for (const directive of CSP) expect(csp.split(';').map((d) => d.trim()), where).toContain(directive);
    // No way to run inline or foreign script, on a plain-HTTP node no forced upgrade.
    expect(csp, where).not.toMatch(/(script|style)-src[^;]*('unsafe-inline'|'unsafe-eval'|https:|\*)/);
    expect(csp, where).not.toContain('upgrade-insecure-requests');
    expect(headers.get('x-content-type-options'), where).toBe('nosniff');
    expect(headers.get('x-frame-options'), where).toBe('DENY');
    expect(headers.get('referrer-policy'), where).toBe('no-referrer');
    expect(headers.get('cross-origin-opener-policy'), where).toBe('same-origin');
    expect(headers.get('cross-origin-resource-policy'), where).toBe('same-origin');
    expect(headers.get('strict-transport-security'), where).toBeNull();
  };

  it('on / (the web app) and on a page the client router owns', async () => {
    for (const url of ['/', '/alerts']) {
      const res = await fetch(node.url + url, { headers: { accept: 'text/html' } });
      expect(res.status, url).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
      expectHeaders(res.headers, url);
    }
  });

  it('on /api/* answers, errors included', async () => {
    const admin = await node.as('admin');
    expectHeaders((await admin.get('/api/units')).headers, 'GET /api/units 200');
    expectHeaders((await node.anonymous().get('/api/units')).headers, 'GET /api/units 401');
    expectHeaders((await node.anonymous().get('/api/nope')).headers, 'GET /api/nope 404');
    expectHeaders((await node.anonymous().get('/healthz')).headers, '/healthz');
  });

  it('behind HTTPS, HSTS is sent and insecure sub-requests are upgraded', { timeout: 120_000 }, async () => {
    const secure = await startTestNode('sqlite', { webDir, secureCookies: true });
    try {
      const res = await fetch(secure.url + '/', { headers: { accept: 'text/html' } });
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
      expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });
});
