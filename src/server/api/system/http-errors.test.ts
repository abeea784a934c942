import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** One request written verbatim to the socket, so that nothing on the client side rewrites the URL first. */
function raw(port: number, request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => {
      text += d;
      const end = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: (\d+)/i.exec(text)?.[1];
      if (end >= 0 && length !== undefined && Buffer.byteLength(text.slice(end + 4), 'latin1') >= Number(length)) socket.destroy();
    });
    socket.on('error', (err) => (text ? undefined : reject(err)));
    socket.on('close', () => {
      const end = text.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine?.split(' ')[1]), headers, body: JSON.parse(Buffer.from(text.slice(end + 4), 'latin1').toString('utf8')) });
    });
    socket.write(request);
  });
}

const shape = (code: string) => ({ error: { code, message: expect.any(String) } });

describe.each(await testDialects())('every HTTP error in the {error:{code,message}} shape (%s)', (dialect) => {
  let node: TestNode;
  let admin: ApiClient;
  let port: number;

  beforeAll(async () => {
    node = await startTestNode(dialect);
    admin = await node.as('admin');
    port = Number(new URL(node.url).port);
  });
  afterAll(async () => node?.close());

  it('400 MALFORMED_JSON for a body that is not JSON', async () => {
    const res = await admin.request('POST', '/api/units', undefined, { rawBody: '{"kind":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(shape('MALFORMED_JSON'));
  });

  it('400 MALFORMED_URL for a URL that is not valid percent-encoding, with the security headers', async () => {
    for (const url of ['/%E0%A4%A', '/api/users/%E0%A4%A', '/api/alerts/%ZZ']) {
      const res = await raw(port, `GET ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(res.status, url).toBe(400);
      expect(res.body).toEqual(shape('MALFORMED_URL'));
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('404 NOT_FOUND for an unknown path', async () => {
    const res = await node.anonymous().get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual(shape('NOT_FOUND'));
  });

  it('405 METHOD_NOT_ALLOWED with Allow for a known path asked with another method', async () => {
    const cases: [string, string, string][] = [
      ['DELETE', '/api/units', 'GET, HEAD, POST'],
      ['GET', '/api/auth/login', 'POST'],
      ['PUT', '/healthz', 'GET, HEAD'],
      ['DELETE', '/api/users/8f0c2a43-5f6f-4e0b-9d59-2f7a1b9c0e11', 'PATCH'],
    ];
    for (const [method, url, allow] of cases) {
      const res = await admin.request(method, url);
      expect(res.status, `${method} ${url}`).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(res.body).toEqual(shape('METHOD_NOT_ALLOWED'));
    }
    // An unknown path stays 404 whatever the method.
    expect((await admin.request('DELETE', '/api/units/123/explode')).status).toBe(404);
  });

  it('413 PAYLOAD_TOO_LARGE for a body over 1 MiB', async () => {
    const res = await admin.request('POST', '/api/units', undefined, { rawBody: JSON.stringify({ x: 'x'.repeat(1024 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(res.body).toEqual(shape('PAYLOAD_TOO_LARGE'));
  });

  it('414 URI_TOO_LONG for a URL over 8 KiB, and for one beyond what Node itself reads', async () => {
    const long = await node.anonymous().get(`/api/units?q=${'a'.repeat(10_000)}`);
    expect(long.status).toBe(414);
    expect(long.body).toEqual(shape('URI_TOO_LONG'));
    expect(long.headers.get('x-frame-options')).toBe('DENY');
    const huge = await raw(port, `GET /api/${'a'.repeat(100_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(huge.status).toBe(414);
    expect(huge.body).toEqual(shape('URI_TOO_LONG'));
    expect((await node.anonymous().get('/healthz')).status).toBe(200);
  });

  it('415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON', async () => {
    const res = await admin.request('POST', '/api/units', undefined, { rawBody: '<unit/>', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect(res.body).toEqual(shape('UNSUPPORTED_MEDIA_TYPE'));
  });

  it('431 HEADERS_TOO_LARGE for headers over Node’s limit', async () => {
    const res = await raw(port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(40_000)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.body).toEqual(shape('HEADERS_TOO_LARGE'));
  });
});
