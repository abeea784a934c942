import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_MARKING } from '../../../services/alerts.service.ts';
import { listRecords, saveReceivedRecord } from '../../../store/records.repository.ts';
import { inWriteTransaction } from '../../../store/transaction.ts';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { openStream } from '../../testing/sse.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

/** Issue #7, findings 1, 2, 7 (stream) and 8 (versions): who may change an alert, and when. */
describe.each(await testDialects())('alert ownership, markings and versions over HTTP (%s)', (dialect) => {
  let node: TestNode;
  let analyst: ApiClient;
  let validator: ApiClient;
  let liaison: ApiClient;
  let tjBorderGuard: string;

  const person = (name: string, tlp = 'AMBER', releasableTo: Record<string, string[]> = {}) => ({
    subject: { kind: 'person', names: [{ name }], birthDates: [{ kind: 'exact', date: '1980-01-01' }] },
    reason: 'Wanted for trafficking',
    action: 'arrest',
    marking: { tlp, releasableTo },
  });
  const auditOf = (id: string) =>
    node.ctx.db.kysely.selectFrom('audit_log').select(['action', 'actor', 'detail_json']).where('entity_id', '=', id).orderBy('seq').execute();
  async function create(client: ApiClient, body: unknown) {
    const res = await client.post('/api/alerts', body);
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; version: number };
  }
  const stored = async (id: string) => (await listRecords(node.ctx.db.kysely, 'alert')).find((a) => a.id === id)!;

  beforeAll(async () => {
    node = await startTestNode(dialect);
    [analyst, validator, liaison] = await Promise.all([node.as('tj.analyst'), node.as('tj.validator'), node.as('af.liaison')]);
    tjBorderGuard = (await analyst.get('/api/auth/me')).body.user.agencyId;
  }, 120_000);
  afterAll(async () => node?.close());

  it('af.liaison sees a TJ alert released to AF but may neither PATCH nor revoke it; the alert is unchanged', async () => {
    const a = await create(analyst, person('Jamshed Rahmonov', 'AMBER', { states: ['AF'] }));
    const seen = await liaison.get(`/api/alerts/${a.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.abilities).toEqual({ update: false, revoke: false, lowerMarking: false });
    for (const marking of [{ tlp: 'RED' }, { tlp: 'CLEAR' }]) {
      const patch = await liaison.patch(`/api/alerts/${a.id}`, { action: 'inform_owner', marking, markingReason: 'we want it', version: 1 });
      expect(patch.status).toBe(403);
      expect(patch.body.error.code).toBe('FORBIDDEN');
    }
    const revoke = await liaison.request('POST', `/api/alerts/${a.id}/revoke`, {}, { headers: { 'if-match': '"1"' } });
    expect(revoke.status).toBe(403);
    expect(await stored(a.id)).toMatchObject({ version: 1, marking: { tlp: 'AMBER' }, body: { action: 'arrest', active: true } });
    // The owning agency's analyst gets the buttons.
    expect((await analyst.get(`/api/alerts/${a.id}`)).body.abilities).toEqual({ update: true, revoke: true, lowerMarking: false });
  });

  it('tj.validator may not lower an alert owned by another state, RED or AMBER, even released to them', async () => {
    const me = (await validator.get('/api/auth/me')).body.user as { unitId: string };
    const red = await create(liaison, person('Red Person', 'RED', { units: [me.unitId] }));
    const amber = await create(liaison, person('Amber Person', 'AMBER', { states: ['TJ'] }));
    for (const id of [red.id, amber.id]) {
      expect((await validator.get(`/api/alerts/${id}`)).status).toBe(200);
      const res = await validator.patch(`/api/alerts/${id}`, { marking: { tlp: 'CLEAR' }, markingReason: 'no longer sensitive', version: 1 });
      expect(res.status).toBe(403);
      expect((await stored(id)).version).toBe(1);
    }
  });

  it('lowering needs a validator of the owning agency and a reason (400 without); the reason is audited', async () => {
    const a = await create(analyst, person('Lowered Person', 'RED'));
    // The owning agency's analyst may write but not lower.
    const byAnalyst = await analyst.patch(`/api/alerts/${a.id}`, { marking: { tlp: 'CLEAR' }, markingReason: 'public now', version: 1 });
    expect(byAnalyst.status).toBe(403);
    const noReason = await validator.patch(`/api/alerts/${a.id}`, { marking: { tlp: 'CLEAR' }, version: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('VALIDATION_FAILED');
    expect((await stored(a.id)).marking.tlp).toBe('RED');
    const ok = await validator.patch(`/api/alerts/${a.id}`, { marking: { tlp: 'CLEAR' }, markingReason: 'published by the prosecutor', version: 1 });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, marking: { tlp: 'CLEAR' } });
    const lowered = (await auditOf(a.id)).filter((e) => e.action === 'alert.marking_lowered');
    expect(lowered).toHaveLength(1);
    expect(JSON.parse(lowered[0]!.detail_json)).toMatchObject({ reason: 'published by the prosecutor', from: { tlp: 'RED' }, to: { tlp: 'CLEAR' } });
    // Widening releasability is lowering too.
    const widen = await analyst.patch(`/api/alerts/${a.id}`, { marking: { tlp: 'CLEAR', releasableTo: { states: ['UZ'] } }, markingReason: 'x'.repeat(5), version: 2 });
    expect(widen.status).toBe(403);
  });

  it("the owning agency's writer raises AMBER → RED without a reason", async () => {
    const a = await create(analyst, person('Raised Person', 'AMBER'));
    const res = await analyst.patch(`/api/alerts/${a.id}`, { marking: { tlp: 'RED' }, version: 1 });
    expect(res.status, res.text).toBe(200);
    expect(res.body.marking.tlp).toBe('RED');
    expect((await auditOf(a.id)).map((e) => e.action)).not.toContain('alert.marking_lowered');
  });

  it('an alert af.liaison creates on the TJ node is AF-owned: its author sees and edits it, a TJ validator cannot', async () => {
    const a = await create(liaison, person('Liaison Person'));
    const me = (await liaison.get('/api/auth/me')).body.user as { agencyId: string };
    expect(await stored(a.id)).toMatchObject({ owner: { node: node.ctx.node.id, state: 'AF', agencyId: me.agencyId } });
    const mine = await liaison.get('/api/alerts');
    expect(mine.body.items.find((x: { id: string }) => x.id === a.id)).toMatchObject({ ownerState: 'AF', abilities: { update: true, revoke: true } });
    const edit = await liaison.patch(`/api/alerts/${a.id}`, { action: 'discreet_check', version: 1 });
    expect(edit.status, edit.text).toBe(200);
    // AMBER of AF: the Tajik validator does not even see it.
    const tj = await validator.patch(`/api/alerts/${a.id}`, { action: 'arrest', version: 2 });
    expect(tj.status).toBe(404);
    expect((await stored(a.id)).body.action).toBe('discreet_check');
  });

  it('a copy received from a peer cannot be changed by anyone here, its owning agency included', { timeout: 120_000 }, async () => {
    const id = crypto.randomUUID();
    await inWriteTransaction(node.ctx.db, (trx) =>
      saveReceivedRecord(trx, {
        type: 'alert',
        id,
        version: 3,
        body: { subject: { kind: 'vehicle', plate: '01 AB 123', description: null }, reason: 'Stolen vehicle', action: 'inform_owner', validFrom: '2025-01-01', validUntil: null, source: 'local', sourceRef: null, active: true },
        marking: { ...DEFAULT_ALERT_MARKING, tlp: 'GREEN' },
        owner: { node: 'node-elsewhere', state: 'TJ', agencyId: tjBorderGuard, unitId: null },
        peerId: 'test-peer',
      }),
    );
    for (const username of ['tj.analyst', 'tj.validator', 'tj.commander', 'af.liaison']) {
      const user = await node.as(username);
      expect((await user.get(`/api/alerts/${id}`)).body.abilities).toEqual({ update: false, revoke: false, lowerMarking: false });
      expect((await user.patch(`/api/alerts/${id}`, { reason: 'changed here', version: 3 })).status).toBe(403);
      expect((await user.post(`/api/alerts/${id}/revoke`, { version: 3 })).status).toBe(403);
    }
    expect(await stored(id)).toMatchObject({ version: 3, body: { reason: 'Stolen vehicle', active: true } });
  });

  describe('versions', () => {
    it('GET, PATCH and revoke answer the version as ETag; a stale If-Match is 412 and writes nothing', async () => {
      const a = await create(analyst, person('Versioned Person'));
      const got = await analyst.get(`/api/alerts/${a.id}`);
      expect(got.headers.get('etag')).toBe('"1"');
      const first = await analyst.request('PATCH', `/api/alerts/${a.id}`, { action: 'deny_entry' }, { headers: { 'if-match': got.headers.get('etag')! } });
      expect(first.status, first.text).toBe(200);
      expect(first.headers.get('etag')).toBe('"2"');
      // A second officer who read version 1 too.
      const stale = await validator.request('PATCH', `/api/alerts/${a.id}`, { action: 'discreet_check' }, { headers: { 'if-match': '"1"' } });
      expect(stale.status).toBe(412);
      expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
      const staleBody = await validator.post(`/api/alerts/${a.id}/revoke`, { version: 1 });
      expect(staleBody.status).toBe(412);
      expect(await stored(a.id)).toMatchObject({ version: 2, body: { action: 'deny_entry', active: true } });
      const revoked = await validator.request('POST', `/api/alerts/${a.id}/revoke`, undefined, { headers: { 'if-match': 'W/"2"' } });
      expect(revoked.status, revoked.text).toBe(200);
      expect(revoked.body).toMatchObject({ version: 3, active: false, abilities: { revoke: false } });
    });

    it('an update that names no version is refused with 428; a malformed or contradictory one with 400', async () => {
      const a = await create(analyst, person('Unversioned Person'));
      const none = await analyst.patch(`/api/alerts/${a.id}`, { action: 'deny_entry' });
      expect(none.status).toBe(428);
      expect(none.body.error.code).toBe('PRECONDITION_REQUIRED');
      expect((await analyst.post(`/api/alerts/${a.id}/revoke`)).status).toBe(428);
      for (const ifMatch of ['*', '"1", "2"', '1', '"x"']) {
        const bad = await analyst.request('PATCH', `/api/alerts/${a.id}`, { action: 'deny_entry' }, { headers: { 'if-match': ifMatch } });
        expect(bad.status, ifMatch).toBe(400);
      }
      const both = await analyst.request('PATCH', `/api/alerts/${a.id}`, { action: 'deny_entry', version: 2 }, { headers: { 'if-match': '"1"' } });
      expect(both.status).toBe(400);
      expect((await stored(a.id)).version).toBe(1);
    });

    it('GET of an alert the caller cannot see is 404, of an unknown id 404', async () => {
      const a = await create(analyst, person('Hidden Person', 'AMBER'));
      expect((await liaison.get(`/api/alerts/${a.id}`)).status).toBe(404);
      expect((await analyst.get(`/api/alerts/${crypto.randomUUID()}`)).status).toBe(404);
    });
  });

  it('the live stream tells tj.analyst of a GREEN person alert and partner.observer nothing about it', async () => {
    const partner = await node.as('partner.observer');
    const [forPartner, forAnalyst] = await Promise.all([openStream(node.url, partner.cookie), openStream(node.url, analyst.cookie)]);
    try {
      expect(forPartner.status).toBe(200);
      const a = await create(analyst, person('Green Person', 'GREEN'));
      const unit = await (await node.as('admin')).post('/api/units', {
        agencyId: tjBorderGuard,
        kind: 'border_post',
        name: { en: 'Stream Post', ru: 'Пост', tg: 'Пост', fa: 'پست', ps: 'پوسته' },
        location: [69.5, 37.2],
        marking: { tlp: 'GREEN' },
      });
      expect(unit.status, unit.text).toBe(201);
      // The unit event is the marker that the partner's stream is live and caught up.
      await expect.poll(() => forPartner.events.some((e) => e.event === 'record' && (e.data as { id: string }).id === unit.body.id), { timeout: 5000 }).toBe(true);
      await expect.poll(() => forAnalyst.events.some((e) => (e.data as { id?: string }).id === a.id), { timeout: 5000 }).toBe(true);
      expect(forPartner.events.filter((e) => e.event === 'record' && (e.data as { type: string }).type === 'alert')).toEqual([]);
    } finally {
      forPartner.close();
      forAnalyst.close();
    }
  });
});
