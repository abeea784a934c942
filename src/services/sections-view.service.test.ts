import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../server/testing/databases.ts';
import { startTestNode, type TestNode } from '../server/testing/test-node.ts';
import { listRecords } from '../store/records.repository.ts';
import { writeRecord } from './records.service.ts';

describe.each(await testDialects())('cached GeoJSON of sections (%s)', (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode(dialect);
  });
  afterAll(async () => node?.close());

  it('serves a new version after a change and hides a section whose marking tightens', async () => {
    const reporter = await node.as('tj.reporter');
    const before = (await reporter.get('/api/sections')).body;
    const first = before.features[0];
    const section = (await listRecords(node.ctx.db.kysely, 'section')).find((s) => s.id === first.id)!;

    await writeRecord(node.ctx, { kind: 'system', name: 'test' }, {
      type: 'section',
      id: section.id,
      body: { ...section.body, name: { ...section.body.name, en: 'Renamed reach' } },
      marking: section.marking,
    });
    const renamed = (await reporter.get('/api/sections')).body;
    expect(renamed.features.find((f: { id: string }) => f.id === first.id).properties).toMatchObject({ version: 2, name: { en: 'Renamed reach' } });

    await writeRecord(node.ctx, { kind: 'system', name: 'test' }, {
      type: 'section',
      id: section.id,
      body: { ...section.body, name: { ...section.body.name, en: 'Renamed reach' } },
      marking: { tlp: 'RED', releasableTo: { states: [], agencies: [], units: [] }, hops: 0 },
    });
    const hidden = (await reporter.get('/api/sections')).body;
    expect(hidden.features.map((f: { id: string }) => f.id)).not.toContain(first.id);
    expect(hidden.features).toHaveLength(before.features.length - 1);
  });
});
