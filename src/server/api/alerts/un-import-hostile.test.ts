import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { HOSTILE_XML } from '../../testing/hostile-xml.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

const UN_XML = fs.readFileSync(new URL('../../../../datasets/un/consolidated-2025-08-02.xml', import.meta.url), 'utf8');

describe.each(await testDialects())('UN import refuses hostile XML with 400 (%s)', (dialect) => {
  let node: TestNode;
  let analyst: ApiClient;
  const counts = async () => {
    const k = node.ctx.db.kysely;
    const n = async (t: 'alerts' | 'audit_log' | 'outbox') => Number((await k.selectFrom(t).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { alerts: await n('alerts'), audit: await n('audit_log'), outbox: await n('outbox') };
  };
  const refused = async (xml: string, code: string, message: RegExp) => {
    const before = await counts();
    const res = await analyst.request('POST', '/api/alerts/import/un', undefined, { rawBody: xml, headers: { 'content-type': 'application/xml' } });
    expect(res.status, res.text).toBe(400);
    expect(res.body).toEqual({ error: { code, message: expect.stringMatching(message) } });
    expect(res.text).not.toContain('root:');
    expect(await counts()).toEqual(before);
  };

  beforeAll(async () => {
    node = await startTestNode(dialect);
    analyst = await node.as('tj.analyst');
  });
  afterAll(async () => node?.close());

  it('billion laughs (nested entity expansion) is refused before parsing', async () => {
    await refused(HOSTILE_XML.billionLaughs, 'XML_FORBIDDEN_CONSTRUCT', /DOCTYPE/);
  });

  it('an external entity SYSTEM "file:///etc/passwd" is refused and nothing is read', async () => {
    await refused(HOSTILE_XML.xxe, 'XML_FORBIDDEN_CONSTRUCT', /DOCTYPE/);
    await refused(HOSTILE_XML.xxeParameter, 'XML_FORBIDDEN_CONSTRUCT', /DOCTYPE/);
  });

  it('10,000 nested elements are refused as too deep', async () => {
    await refused(HOSTILE_XML.deepNesting, 'XML_TOO_DEEP', /deeper than 64/);
  });

  it('a truncated list is MALFORMED_XML', async () => {
    await refused(HOSTILE_XML.truncated(UN_XML), 'MALFORMED_XML', /not well-formed/);
    await refused('this is not xml at all <', 'MALFORMED_XML', /not well-formed/);
  });

  it('well-formed XML that is not the UN list is NOT_UN_LIST', async () => {
    await refused(HOSTILE_XML.notTheList, 'NOT_UN_LIST', /CONSOLIDATED_LIST/);
  });

  it('the server keeps answering after all of it', async () => {
    expect((await node.anonymous().get('/healthz')).status).toBe(200);
  });
});
