import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { CLEAR_MARKING, type Marking } from '../domain/records/marking.ts';
import type { RecordBodies } from '../domain/records/bodies.ts';
import { createLogger } from '../logger.ts';
import type { AppContext } from '../services/context.ts';
import { openNode } from '../services/node.ts';
import { createPgDatabase, testDialects } from '../server/testing/databases.ts';
import { verifyAuditChain } from './audit.repository.ts';
import { findRecord, outboxCount, recordHistory, saveRecord } from './records.repository.ts';
import { inWriteTransaction } from './transaction.ts';

const name = (en: string) => ({ en, ru: `${en} (ru)`, tg: `${en} (tg)`, fa: `${en} (fa)`, ps: `${en} (ps)` });
const OWNER = { node: 'node-1', state: 'TJ', agencyId: null, unitId: null };

describe.each(await testDialects())('records repository (%s)', (dialect) => {
  let ctx: AppContext;
  let dataDir: string;
  let pgDb: Awaited<ReturnType<typeof createPgDatabase>> | null = null;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-records-'));
    pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
    ctx = await openNode({ ...loadConfig({}), dataDir, databaseUrl: pgDb?.url ?? null }, createLogger('silent'));
  });
  afterAll(async () => {
    await ctx?.db.close();
    await pgDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const k = () => ctx.db.kysely;
  const count = async (table: 'audit_log' | 'outbox' | 'record_versions' | 'agencies' | 'units') =>
    Number((await k().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => ({
    agencies: await count('agencies'),
    units: await count('units'),
    versions: await count('record_versions'),
    outbox: await count('outbox'),
    audit: await count('audit_log'),
  });
  const save = <T extends 'agency' | 'unit'>(type: T, body: RecordBodies[T], id?: string, marking: Marking = CLEAR_MARKING) =>
    inWriteTransaction(ctx.db, (trx) => saveRecord(trx, { type, id, body, marking, owner: OWNER, actor: 'tester' }));

  let agencyId: string;
  const agencyBody = (n: string): RecordBodies['agency'] => ({ ref: 'bg', stateCode: 'TJ', kind: 'border_guard', name: name(n) });

  it('a first write creates version 1 with its history row, outbox row and audit entry', async () => {
    const before = await counts();
    const result = await save('agency', agencyBody('Border Troops'));
    agencyId = result.record.id;
    expect(result.change).toEqual({ type: 'agency', id: agencyId, version: 1, op: 'create' });
    expect(result.record).toMatchObject({ version: 1, owner: OWNER, createdBy: 'tester', body: agencyBody('Border Troops') });
    expect(await counts()).toEqual({ ...before, agencies: before.agencies + 1, versions: before.versions + 1, outbox: before.outbox + 1, audit: before.audit + 1 });

    const history = await recordHistory(k(), agencyId);
    expect(history.map((h) => [h.version, h.type])).toEqual([[1, 'agency']]);
    expect(JSON.parse(history[0]!.body_json)).toEqual(agencyBody('Border Troops'));
    const outbox = await k().selectFrom('outbox').selectAll().where('record_id', '=', agencyId).execute();
    expect(outbox.map((o) => [o.type, o.version, o.op])).toEqual([['agency', 1, 'create']]);
    const audit = await k().selectFrom('audit_log').selectAll().where('entity_id', '=', agencyId).execute();
    expect(audit.map((a) => [a.action, a.entity_type, a.actor])).toEqual([['record.create', 'agency', 'tester']]);
    expect(JSON.parse(audit[0]!.detail_json)).toEqual({ version: 1, hash: history[0]!.content_hash });
  });

  it('saving the same content again writes nothing: no version, no outbox, no audit', async () => {
    const before = await counts();
    const result = await save('agency', agencyBody('Border Troops'), agencyId);
    expect(result.change).toBeNull();
    expect(result.record.version).toBe(1);
    expect(await counts()).toEqual(before);
  });

  it('the same content with keys in another order is still the same content', async () => {
    const before = await counts();
    const body = agencyBody('Border Troops');
    const reordered = { name: { ps: body.name.ps, fa: body.name.fa, tg: body.name.tg, ru: body.name.ru, en: body.name.en }, kind: body.kind, stateCode: body.stateCode, ref: body.ref };
    expect((await save('agency', reordered, agencyId)).change).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('a changed body makes version 2 and the history keeps both versions', async () => {
    const before = await counts();
    const result = await save('agency', agencyBody('Border Troops of Tajikistan'), agencyId);
    expect(result.change).toEqual({ type: 'agency', id: agencyId, version: 2, op: 'update' });
    expect(await counts()).toEqual({ ...before, versions: before.versions + 1, outbox: before.outbox + 1, audit: before.audit + 1 });
    const history = await recordHistory(k(), agencyId);
    expect(history.map((h) => h.version)).toEqual([1, 2]);
    expect(JSON.parse(history[0]!.body_json).name.en).toBe('Border Troops');
    expect(JSON.parse(history[1]!.body_json).name.en).toBe('Border Troops of Tajikistan');
    expect(history[0]!.content_hash).not.toBe(history[1]!.content_hash);
    expect((await findRecord(k(), 'agency', agencyId))?.body.name.en).toBe('Border Troops of Tajikistan');
    const ops = await k().selectFrom('outbox').select(['version', 'op']).where('record_id', '=', agencyId).orderBy('seq').execute();
    expect(ops).toEqual([{ version: 1, op: 'create' }, { version: 2, op: 'update' }]);
  });

  it('a changed marking alone is a new version', async () => {
    const amber: Marking = { tlp: 'AMBER', releasableTo: { states: [], agencies: [], units: [] }, hops: 1 };
    const result = await save('agency', agencyBody('Border Troops of Tajikistan'), agencyId, amber);
    expect(result.change?.version).toBe(3);
    expect(result.record.marking).toEqual(amber);
    // and going back to the same marking again is unchanged
    expect((await save('agency', agencyBody('Border Troops of Tajikistan'), agencyId, amber)).change).toBeNull();
  });

  it('a write that fails later in the same transaction leaves no trace: no row, no version, no outbox, no audit', async () => {
    const before = await counts();
    let createdId: string | null = null;
    await expect(
      inWriteTransaction(ctx.db, async (trx) => {
        const ok = await saveRecord(trx, { type: 'agency', body: { ...agencyBody('Customs'), ref: 'customs' }, marking: CLEAR_MARKING, owner: OWNER, actor: 'tester' });
        createdId = ok.record.id;
        // units.agency_id references agencies.id: this insert violates the foreign key.
        await saveRecord(trx, {
          type: 'unit',
          body: {
            ref: 'bad-unit',
            agencyId: '00000000-0000-4000-8000-000000000000',
            stateCode: 'TJ',
            kind: 'border_post',
            name: name('Nowhere'),
            location: [69.1, 37.2],
            approximate: false,
            locode: null,
            sectionId: null,
            pairedWithId: null,
          },
          marking: CLEAR_MARKING,
          owner: OWNER,
          actor: 'tester',
        });
      }),
    ).rejects.toThrow(/foreign key/i);
    expect(createdId).not.toBeNull();
    expect(await counts()).toEqual(before);
    expect(await findRecord(k(), 'agency', createdId!)).toBeNull();
    expect(await recordHistory(k(), createdId!)).toEqual([]);
    expect(await k().selectFrom('audit_log').selectAll().where('entity_id', '=', createdId!).execute()).toEqual([]);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true, problem: null });
  });

  it('after a rolled-back write the next write continues the sequences without gaps', async () => {
    const result = await save('agency', { ...agencyBody('Drug Control'), ref: 'dca' });
    expect(result.change?.version).toBe(1);
    const outboxSeqs = (await k().selectFrom('outbox').select('seq').orderBy('seq').execute()).map((r) => r.seq);
    expect(outboxSeqs).toEqual(outboxSeqs.map((_, i) => i + 1));
    expect(await outboxCount(k())).toBe(outboxSeqs.length);
    const verification = await verifyAuditChain(ctx.db);
    expect(verification.ok).toBe(true);
    expect(verification.checked).toBe(await count('audit_log'));
  });
});
