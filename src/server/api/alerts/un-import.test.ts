import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

const UN_XML = fs.readFileSync(new URL('../../../../datasets/un/consolidated-2025-08-02.xml', import.meta.url), 'utf8');

function upload(client: ApiClient, xml: string, contentType = 'application/xml') {
  return client.request('POST', '/api/alerts/import/un', undefined, { rawBody: xml, headers: { 'content-type': contentType } });
}

/** The same list with one person removed, one renamed and one added. */
function editedList(xml: string): string {
  const people = xml.split('<INDIVIDUAL>');
  const removed = people.findIndex((p) => p.includes('<REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>'));
  people.splice(removed, 1);
  const renamed = people.findIndex((p) => p.includes('<REFERENCE_NUMBER>CDi.002</REFERENCE_NUMBER>'));
  people[renamed] = people[renamed]!.replace('<FIRST_NAME>FRANK KAKOLELE</FIRST_NAME>', '<FIRST_NAME>FRANCK KAKOLELE</FIRST_NAME>');
  const added =
    '<INDIVIDUAL><DATAID>99</DATAID><FIRST_NAME>JAMSHED</FIRST_NAME><SECOND_NAME>RAHMONOV</SECOND_NAME><UN_LIST_TYPE>Test</UN_LIST_TYPE>' +
    '<REFERENCE_NUMBER>TSi.999</REFERENCE_NUMBER><LISTED_ON>2026-11-01</LISTED_ON><NATIONALITY><VALUE>Tajikistan</VALUE></NATIONALITY>' +
    '<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1984-03-12</DATE></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>\n    ';
  people.splice(1, 0, added.replace('<INDIVIDUAL>', ''));
  return people.join('<INDIVIDUAL>');
}

describe.each(await testDialects())('UN Security Council list import (%s)', (dialect) => {
  let node: TestNode;
  let analyst: ApiClient;
  const alertCount = async () => Number((await node.ctx.db.kysely.selectFrom('alerts').select((e) => e.fn.countAll().as('n')).executeTakeFirst())?.n);

  beforeAll(async () => {
    node = await startTestNode(dialect);
    analyst = await node.as('tj.analyst');
  });
  afterAll(async () => node?.close());

  it('refuses bad files and wrong roles, writing nothing', async () => {
    const broken = await upload(analyst, '<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('MALFORMED_XML');
    const otherXml = await upload(analyst, '<?xml version="1.0"?><feed><entry/></feed>');
    expect(otherXml.status).toBe(400);
    expect(otherXml.body.error.message).toMatch(/CONSOLIDATED_LIST/);
    const asJson = await analyst.post('/api/alerts/import/un', { xml: UN_XML.slice(0, 100) });
    expect(asJson.status).toBe(415);
    const reporter = await node.as('tj.reporter');
    expect((await upload(reporter, UN_XML)).status).toBe(403);
    expect(await alertCount()).toBe(0);
  });

  it('imports the real list: 684 individuals, 338 with original-script names', async () => {
    const res = await upload(analyst, UN_XML);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ individuals: 684, withOriginalScript: 338, added: 684, changed: 0, removed: 0, unchanged: 0 });
    expect(await alertCount()).toBe(684);
  });

  it('re-importing the same list changes nothing and writes no versions', async () => {
    const before = await node.ctx.db.kysely.selectFrom('record_versions').select((e) => e.fn.countAll().as('n')).executeTakeFirst();
    const res = await upload(analyst, UN_XML);
    expect(res.body).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 684 });
    const after = await node.ctx.db.kysely.selectFrom('record_versions').select((e) => e.fn.countAll().as('n')).executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });

  it('a newer list shows what was added, changed and removed', async () => {
    const res = await upload(analyst, editedList(UN_XML));
    expect(res.body).toMatchObject({ individuals: 684, added: 1, changed: 1, removed: 1, unchanged: 682 });
    const removed = await node.ctx.db.kysely.selectFrom('alerts').select(['active', 'version']).where('source_ref', '=', 'CDi.001').executeTakeFirstOrThrow();
    expect(removed).toMatchObject({ active: 0, version: 2 });
  });

  it('screens original-script names against the imported list', async () => {
    const customs = await node.as('tj.customs');
    const arabic = await customs.post('/api/screen', { name: 'محمد حسن آخوند' });
    const latin = await customs.post('/api/screen', { name: 'Mohammad Hassan Akhund' });
    for (const res of [arabic, latin]) {
      expect(res.status).toBe(200);
      expect(res.body.hits[0]?.alert).toMatchObject({ source: 'un_sc', sourceRef: 'TAi.002', action: 'deny_entry' });
    }
    // Removed from the list: no longer raised.
    const removed = await customs.post('/api/screen', { name: 'Eric Badege' });
    expect(removed.body.hits.map((h: { alert: { sourceRef: string } }) => h.alert.sourceRef)).not.toContain('CDi.001');
  });
});
