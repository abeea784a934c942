import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../testing/test-node.ts';
import { cacheControlFor } from '../app.ts';

// Posts on satellite links (issue #10): compressed answers, immutable hashed assets, an
// always-revalidated index.html, and no source map ever served.
describe('delivery of the web app and the API over slow links', () => {
  let node: TestNode;
  let webDir: string;
  const js = `export const big = ${JSON.stringify('sarhad '.repeat(4000))};\n`;

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-web-'));
    const index = `<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script>${' '.repeat(2000)}</body></html>`;
    fs.writeFileSync(path.join(webDir, 'index.html'), index);
    fs.writeFileSync(path.join(webDir, 'index.html.br'), zlib.brotliCompressSync(index));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'assets/index-abc123.js'), js);
    fs.writeFileSync(path.join(webDir, 'assets/index-abc123.js.br'), zlib.brotliCompressSync(js));
    fs.writeFileSync(path.join(webDir, 'assets/index-abc123.js.gz'), zlib.gzipSync(js));
    fs.writeFileSync(path.join(webDir, 'assets/index-abc123.js.map'), '{"version":3}');
    node = await startTestNode('sqlite', { webDir });
  });
  afterAll(async () => {
    await node?.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('classifies built files: assets/ immutable, everything else revalidated', () => {
    expect(cacheControlFor('assets/index-abc123.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('assets/index-abc123.js.br')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('index.html')).toBe('no-cache');
    expect(cacheControlFor('sw.js')).toBe('no-cache');
  });

  it('sends a hashed asset precompressed (brotli, else gzip), cached for a year', async () => {
    const br = await fetch(`${node.url}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(await br.text()).toBe(js); // fetch decodes
    const gz = await fetch(`${node.url}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    await gz.arrayBuffer();
    const plain = await fetch(`${node.url}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(js);
  });

  it('sends index.html (at / and for client routes) with no-cache and a validator', async () => {
    for (const url of ['/', '/index.html', '/alerts']) {
      const res = await fetch(node.url + url, { headers: { accept: 'text/html', 'accept-encoding': 'br, gzip' } });
      expect(res.status, url).toBe(200);
      expect(res.headers.get('cache-control'), url).toBe('no-cache');
      expect(await res.text(), url).toContain('<div id="root">');
    }
    const first = await fetch(`${node.url}/`, { headers: { accept: 'text/html', 'accept-encoding': 'br' } });
    await first.text();
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // plain node:http: fetch() keeps conditional requests to itself
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get(`${node.url}/`, { headers: { accept: 'text/html', 'accept-encoding': 'br', 'if-none-match': etag! } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
        .on('error', reject);
    });
    expect(status).toBe(304);
  });

  it('never serves a source map', async () => {
    const res = await fetch(`${node.url}/assets/index-abc123.js.map`);
    expect(res.status).toBe(404);
    await res.arrayBuffer();
  });

  it('compresses API answers on the fly (JSON and GeoJSON)', async () => {
    const admin = await node.as('admin');
    const res = await fetch(`${node.url}/api/sections`, { headers: { cookie: admin.cookie ?? '', 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    const body = (await res.json()) as { type: string };
    expect(body.type).toBe('FeatureCollection');
    const gz = await fetch(`${node.url}/api/units`, { headers: { cookie: admin.cookie ?? '', 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    await gz.arrayBuffer();
  });
});
