import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';
import { report } from './fixtures.ts';

// A real 1×1 JPEG (JFIF) and PNG.
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/** A Windows executable (MZ … PE header) named and declared as a JPEG. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(2000, 0x90)]);

describe.each(await testDialects())('event attachments over HTTP (%s)', (dialect) => {
  let node: TestNode;
  let reporter: ApiClient;
  let observer: ApiClient;
  let liaison: ApiClient;
  let eventId: string;
  const upload = (client: ApiClient, body: Buffer, type = 'image/jpeg', name = 'photo.jpg', id = eventId) =>
    fetch(`${node.url}/api/events/${id}/attachments?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': type, cookie: client.cookie!, 'x-csrf-token': client.csrfToken! },
      body: new Uint8Array(body),
    });
  const stored = () => {
    const dir = path.join(node.config.dataDir, 'files', 'events');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };
  const rows = async () => Number((await node.ctx.db.kysely.selectFrom('event_attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    node = await startTestNode(dialect, { attachmentMaxBytes: 5 * 1024 * 1024 });
    [reporter, observer, liaison] = await Promise.all([node.as('tj.reporter'), node.as('partner.observer'), node.as('af.liaison')]);
    eventId = (await reporter.post('/api/events', report({ submit: true, marking: { tlp: 'GREEN' } }))).body.id;
  }, 120_000);
  afterAll(async () => node?.close());

  it('a photo is stored outside the database, listed, and served only as a download to authorised readers', async () => {
    const res = await upload(reporter, JPEG);
    expect(res.status, await res.clone().text()).toBe(201);
    const a = (await res.json()) as { id: string; mediaType: string; size: number; fileName: string };
    expect(a).toMatchObject({ mediaType: 'image/jpeg', size: JPEG.length, fileName: 'photo.jpg' });
    expect(stored()).toContain(a.id);
    expect(fs.readFileSync(path.join(node.config.dataDir, 'files', 'events', a.id)).equals(JPEG)).toBe(true);
    expect((await upload(reporter, PNG, 'application/octet-stream', 'map.png')).status).toBe(201);
    const list = await reporter.get(`/api/events/${eventId}/attachments`);
    expect(list.body.items.map((i: { mediaType: string }) => i.mediaType)).toEqual(['image/jpeg', 'image/png']);
    const file = await fetch(`${node.url}/api/events/${eventId}/attachments/${a.id}`, { headers: { cookie: reporter.cookie! } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer()).equals(JPEG)).toBe(true);
    // Not to partner observers (a photo may show a person), not to anonymous callers, not to those who cannot see the event.
    expect((await fetch(`${node.url}/api/events/${eventId}/attachments/${a.id}`, { headers: { cookie: observer.cookie! } })).status).toBe(404);
    expect((await fetch(`${node.url}/api/events/${eventId}/attachments/${a.id}`)).status).toBe(401);
    expect((await fetch(`${node.url}/api/events/${eventId}/attachments/${a.id}`, { headers: { cookie: liaison.cookie! } })).status).toBe(404);
  });

  it('an executable disguised as a JPEG, a mismatched type, an empty body and a 50 MB photo are refused; nothing is written', async () => {
    const files = stored().length;
    const before = await rows();
    const exe = await upload(reporter, EXE, 'image/jpeg', 'holiday.jpg');
    expect(exe.status).toBe(415);
    expect(((await exe.json()) as { error: { code: string; message: string } }).error.message).toMatch(/application\/x-msdownload|not a recognised/);
    const renamed = await upload(reporter, PNG, 'image/jpeg', 'x.jpg');
    expect(renamed.status).toBe(415);
    expect((await upload(reporter, Buffer.alloc(0), 'image/jpeg')).status).toBe(400);
    const big = Buffer.alloc(50 * 1024 * 1024, 0);
    JPEG.copy(big);
    const huge = await upload(reporter, big);
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await upload(reporter, Buffer.from('GIF89a'), 'text/html')).status).toBe(415);
    expect(stored().length).toBe(files);
    expect(stored().some((f) => f.endsWith('.part'))).toBe(false);
    expect(await rows()).toBe(before);
  });

  it('only the author or the owning agency’s validators attach', async () => {
    expect((await upload(observer, JPEG)).status).toBe(403);
    // The other state does not see a report still in the workflow at all.
    expect((await upload(liaison, JPEG)).status).toBe(404);
  });
});
