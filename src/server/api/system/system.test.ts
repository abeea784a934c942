import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSectionSchema } from '../../../services/sections.service.ts';
import { createUnitSchema } from '../../../services/registry.service.ts';
import { createUserSchema, updateUserSchema } from '../../../services/users.service.ts';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { openStream } from '../../testing/sse.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

const hasPromtool = spawnSync('promtool', ['--version']).status === 0;
if (process.env.CI === 'true' && !hasPromtool) {
  throw new Error('promtool is required under CI=true (Debian package "prometheus") to check /metrics');
}

const METRICS_TOKEN = 'test-metrics-token-0123456789';

describe.each(await testDialects())('system endpoints over HTTP (%s)', (dialect) => {
  let node: TestNode;
  let admin: ApiClient;

  beforeAll(async () => {
    node = await startTestNode(dialect, { metricsToken: METRICS_TOKEN });
    admin = await node.as('admin');
  });
  afterAll(async () => node?.close());

  it('/healthz answers ok with the database in use', async () => {
    const res = await node.anonymous().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', node: node.config.nodeName, database: dialect });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  describe('OpenAPI', () => {
    let doc: any;
    beforeAll(async () => {
      const res = await node.anonymous().get('/api/openapi.json');
      expect(res.status).toBe(200);
      doc = res.body;
    });

    const bodySchema = (path: string, method: string) => doc.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema;
    /** Required fields and strictness of the zod schema as a client sends it. */
    const zodShape = (schema: z.ZodType) => {
      const json = z.toJSONSchema(schema, { io: 'input' }) as { required?: string[]; properties: Record<string, unknown>; additionalProperties?: unknown };
      return { required: [...(json.required ?? [])].sort(), properties: Object.keys(json.properties).sort(), additionalProperties: json.additionalProperties };
    };
    const docShape = (schema: any) => ({ required: [...(schema.required ?? [])].sort(), properties: Object.keys(schema.properties).sort(), additionalProperties: schema.additionalProperties });

    it('is OpenAPI 3.1.0 and lists the main paths', () => {
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.info.title).toBeTruthy();
      for (const [path, methods] of Object.entries({
        '/api/sections': ['get', 'post'],
        '/api/auth/login': ['post'],
        '/api/units': ['get', 'post'],
        '/api/users': ['get', 'post'],
        '/api/users/{id}': ['patch'],
      })) {
        for (const m of methods) expect(doc.paths[path]?.[m], `${m} ${path}`).toBeDefined();
      }
    });

    it('login requires username and password and allows nothing else', () => {
      const schema = bodySchema('/api/auth/login', 'post');
      expect(schema.type).toBe('object');
      expect([...schema.required].sort()).toEqual(['password', 'username']);
      expect(Object.keys(schema.properties).sort()).toEqual(['password', 'username']);
      expect(schema.additionalProperties).toBe(false);
    });

    it('request bodies match the zod schemas the server validates with', () => {
      expect(docShape(bodySchema('/api/users', 'post'))).toEqual(zodShape(createUserSchema));
      expect(docShape(bodySchema('/api/users/{id}', 'patch'))).toEqual(zodShape(updateUserSchema));
      expect(docShape(bodySchema('/api/units', 'post'))).toEqual(zodShape(createUnitSchema));
      expect(docShape(bodySchema('/api/sections', 'post'))).toEqual(zodShape(createSectionSchema));
      expect(bodySchema('/api/users', 'post').additionalProperties).toBe(false);
      expect(bodySchema('/api/users', 'post').properties.roles.items.enum).toContain('partner_observer');
    });

    it('documents error answers in the shared error shape', () => {
      const r401 = doc.paths['/api/units'].get.responses['401'];
      expect(JSON.stringify(r401)).toContain('UNAUTHENTICATED');
    });
  });

  describe('metrics', () => {
    let text: string;
    beforeAll(async () => {
      await node.anonymous().get('/healthz');
      await node.anonymous().get('/api/units');
      await admin.get('/api/units');
      await admin.get('/api/units?kind=blo');
      const scraper = node.anonymous();
      scraper.bearer = METRICS_TOKEN;
      const res = await scraper.get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      text = res.text;
    });

    it('is Prometheus text counting requests by route template and status', () => {
      expect(text).toMatch(/^# HELP sarhad_http_requests_total /m);
      expect(text).toMatch(/^# TYPE sarhad_http_requests_total counter$/m);
      const line = (method: string, route: string, status: number) =>
        new RegExp(`^sarhad_http_requests_total\\{method="${method}",route="${route.replace(/[/?]/g, '\\$&')}",status="${status}"\\} (\\d+)$`, 'm');
      expect(Number(line('GET', '/api/units', 200).exec(text)?.[1])).toBeGreaterThanOrEqual(2);
      expect(Number(line('GET', '/api/units', 401).exec(text)?.[1])).toBeGreaterThanOrEqual(1);
      expect(Number(line('GET', '/healthz', 200).exec(text)?.[1])).toBeGreaterThanOrEqual(1);
      // query strings never become labels
      expect(text).not.toContain('kind=blo');
      expect(text).toMatch(/^sarhad_stream_listeners \d+$/m);
    });

    it.runIf(hasPromtool)('passes `promtool check metrics`', () => {
      const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect(check.stdout + check.stderr).toBe('');
      expect(check.status).toBe(0);
    });
  });

  describe('live stream', () => {
    it('anonymous /api/stream is 401', async () => {
      const res = await node.anonymous().get('/api/stream');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('sends a record event with type unit and version 1 when a unit is created', async () => {
      const viewer = await node.as('partner.observer');
      const stream = await openStream(node.url, viewer.cookie);
      try {
        expect(stream.status).toBe(200);
        expect(stream.contentType).toMatch(/^text\/event-stream/);
        await stream.waitFor((e) => e.event === 'ping', 5000);
        const agencies = (await admin.get('/api/agencies')).body.items as { id: string; ref: string }[];
        const created = await admin.post('/api/units', {
          agencyId: agencies.find((a) => a.ref === 'tj-border-troops')!.id,
          kind: 'border_post',
          name: { en: 'Streamed post', ru: 'Пост', tg: 'Пост', fa: 'پاسگاه', ps: 'پوسته' },
          location: [70.1, 37.5],
        });
        expect(created.status).toBe(201);
        const event = await stream.waitFor((e) => e.event === 'record' && (e.data as { id: string }).id === created.body.id, 5000);
        expect(event.data).toEqual({ type: 'unit', id: created.body.id, version: 1, op: 'create' });
      } finally {
        stream.close();
      }
    });

    it('does not announce a record to someone its marking hides it from, not even its id', async () => {
      const outsider = await openStream(node.url, (await node.as('af.liaison')).cookie);
      const insider = await openStream(node.url, (await node.as('tj.commander')).cookie);
      try {
        await outsider.waitFor((e) => e.event === 'ping', 5000);
        await insider.waitFor((e) => e.event === 'ping', 5000);
        const agencies = (await admin.get('/api/agencies')).body.items as { id: string; ref: string }[];
        const created = await admin.post('/api/units', {
          agencyId: agencies.find((a) => a.ref === 'tj-border-troops')!.id,
          kind: 'border_post',
          name: { en: 'Strict post', ru: 'Пост', tg: 'Пост', fa: 'پاسگاه', ps: 'پوسته' },
          location: [70.2, 37.6],
          marking: { tlp: 'AMBER+STRICT' },
        });
        expect(created.status).toBe(201);
        await insider.waitFor((e) => e.event === 'record' && (e.data as { id: string }).id === created.body.id, 5000);
        expect(outsider.events.some((e) => JSON.stringify(e.data).includes(created.body.id))).toBe(false);
      } finally {
        outsider.close();
        insider.close();
      }
    });
  });
});
