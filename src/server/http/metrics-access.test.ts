import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../testing/test-node.ts';

const TOKEN = 'scrape-token-abcdefghijklmnop';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const get = (url: string, token?: string) => fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('/metrics is not open to anonymous callers', () => {
  describe('without any metrics configuration', () => {
    let node: TestNode;
    beforeAll(async () => {
      node = await startTestNode('sqlite');
    });
    afterAll(async () => node?.close());

    it('answers 401 to everyone, an administrator’s session included', async () => {
      const anonymous = await get(`${node.url}/metrics`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('SARHAD_METRICS_TOKEN') } });
      expect((await get(`${node.url}/metrics`, 'anything-at-all-really')).status).toBe(401);
      const admin = await node.as('admin');
      expect((await admin.get('/metrics')).status).toBe(401);
    });
  });

  describe('with SARHAD_METRICS_TOKEN', () => {
    let node: TestNode;
    beforeAll(async () => {
      node = await startTestNode('sqlite', { metricsToken: TOKEN });
    });
    afterAll(async () => node?.close());

    it('anonymous and wrong tokens get 401; the token gets the Prometheus text', async () => {
      expect((await get(`${node.url}/metrics`)).status).toBe(401);
      expect((await get(`${node.url}/metrics`, `${TOKEN}x`)).status).toBe(401);
      expect((await get(`${node.url}/metrics`, TOKEN.slice(0, -1))).status).toBe(401);
      const ok = await get(`${node.url}/metrics`, TOKEN);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await ok.text()).toMatch(/^# TYPE sarhad_http_requests_total counter$/m);
    });
  });

  describe('with SARHAD_METRICS_PORT (a separate listener)', () => {
    let node: TestNode;
    let metricsUrl: string;
    beforeAll(async () => {
      const port = await freePort();
      node = await startTestNode('sqlite', { metricsPort: port, metricsHost: '127.0.0.1' });
      metricsUrl = `http://127.0.0.1:${port}`;
    });
    afterAll(async () => node?.close());

    it('serves metrics only there; the public listener does not know /metrics', async () => {
      expect((await get(`${node.url}/metrics`)).status).toBe(404);
      const res = await get(`${metricsUrl}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^sarhad_stream_listeners \d+$/m);
      const other = await get(`${metricsUrl}/api/units`);
      expect(other.status).toBe(404);
      expect(await other.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    });

    it('requires the token there too when one is set', async () => {
      const port = await freePort();
      const both = await startTestNode('sqlite', { metricsPort: port, metricsToken: TOKEN });
      try {
        expect((await get(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
        expect((await get(`http://127.0.0.1:${port}/metrics`, TOKEN)).status).toBe(200);
      } finally {
        await both.close();
      }
      // Closing the node closes its metrics listener.
      await expect(get(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    });
  });
});
