import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullFromPeer } from '../../../federation/sync.ts';
import { riskEngine } from '../../../services/risk.service.ts';
import { listRecords } from '../../../store/records.repository.ts';
import type { ApiClient } from '../../testing/api-client.ts';
import { testDialects } from '../../testing/databases.ts';
import { startPair, type Pair } from '../../testing/federation-pair.ts';
import { TEST_PASSWORD } from '../../testing/test-node.ts';

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
const heroin = (occurredAt: string) => ({
  category: 'smuggling_narcotics',
  severity: 'medium',
  occurredAt,
  location: { lat: 37.215, lon: 68.62 },
  narrative: { text: 'Heroin seized from a courier who crossed the Panj.', lang: 'en' },
  involved: { goods: [{ description: 'heroin', quantity: 4, unit: 'kg' }] },
  grading: { reliability: 'A', credibility: 2 },
  submit: true,
});

interface Notice {
  id: string;
  fromState: string;
  sectionId: string | null;
  sectionRef: string;
  from: string;
  to: string;
  read: boolean;
  explanation: { key: string }[];
}

describe.each(await testDialects())('neighbour notices across the river, two nodes (%s)', (dialect) => {
  let pair: Pair;
  let counterpart: ApiClient;
  let elsewhere: ApiClient;
  let counterpartColleague: ApiClient;

  /** An AF officer placed in the AF unit with this scenario ref. */
  async function officerAt(username: string, ref: string): Promise<ApiClient> {
    const [unit] = await listRecords(pair.af.ctx.db.kysely, 'unit', { ref });
    expect(unit, ref).toBeDefined();
    const res = await pair.afAdmin.post('/api/users', { username, displayName: username, password: TEST_PASSWORD, roles: ['reporter'], agencyId: unit!.body.agencyId, unitId: unit!.id, locale: 'fa' });
    expect(res.status, res.text).toBe(201);
    return pair.af.as(username);
  }

  beforeAll(async () => {
    pair = await startPair(dialect, { agreement: { types: ['assessment'], maxTlp: 'GREEN', personalData: false } });
    [counterpart, counterpartColleague, elsewhere] = await Promise.all([
      officerAt('af.qala', 'af-post-qala-i-zal'),
      officerAt('af.qala2', 'af-post-qala-i-zal'),
      // an Afghan post far up the Panj, in another section: not told
      officerAt('af.far', (await listRecords(pair.af.ctx.db.kysely, 'unit')).find((u) => u.body.stateCode === 'AF' && u.body.kind === 'border_post' && u.body.ref !== 'af-post-qala-i-zal' && !u.body.ref?.includes('sher-khan'))!.body.ref!),
    ]);
  }, 180_000);
  afterAll(async () => pair?.close());

  it('a TJ section rising to high reaches the AF counterpart units\' inbox only, and each officer marks it read', async () => {
    const [reporter, validator] = await Promise.all([pair.tj.as('tj.reporter'), pair.tj.as('tj.validator')]);
    for (const d of [6, 3, 1]) {
      const created = await reporter.post('/api/events', heroin(daysAgo(d)));
      expect(created.status, created.text).toBe(201);
      const v = created.body.properties.version as number;
      expect((await validator.request('POST', `/api/events/${created.body.id}/validate`, {}, { headers: { 'if-match': `"${v}"` } })).status).toBe(200);
      expect((await validator.request('POST', `/api/events/${created.body.id}/publish`, {}, { headers: { 'if-match': `"${v + 1}"` } })).status).toBe(200);
    }
    await riskEngine(pair.tj.ctx).settled();
    const [sent] = (await listRecords(pair.tj.ctx.db.kysely, 'assessment')).filter((a) => a.body.sectionRef === 'tj-af-03');
    expect(sent!.body.notice).toMatchObject({ to: 'high', states: ['AF'] });

    // nothing yet on AF: the inbox is empty before the federation brings it
    expect((await counterpart.get('/api/assessments/notices')).body).toEqual({ items: [], unread: 0 });
    const pulled = await pullFromPeer(pair.af.ctx, { id: pair.tjOnAf });
    expect(pulled.stored).toBeGreaterThanOrEqual(1);

    const inbox = await counterpart.get('/api/assessments/notices');
    expect(inbox.status, inbox.text).toBe(200);
    expect(inbox.body.unread).toBe(1);
    const [n] = inbox.body.items as Notice[];
    expect(n).toMatchObject({ fromState: 'TJ', sectionRef: 'tj-af-03', to: 'high', read: false });
    // the section under AF's own id, and the explanation travelled with it
    const [afSection] = await listRecords(pair.af.ctx.db.kysely, 'section', { ref: 'tj-af-03' });
    expect(n!.sectionId).toBe(afSection!.id);
    expect(n!.explanation[0]).toMatchObject({ key: 'events' });

    // an officer of a unit the notice does not name, the liaison officer and the other side's node users see nothing
    expect((await elsewhere.get('/api/assessments/notices')).body).toEqual({ items: [], unread: 0 });
    expect((await (await pair.af.as('partner.observer')).get('/api/assessments/notices')).body.items).toEqual([]);
    expect((await elsewhere.post(`/api/assessments/notices/${n!.id}/read`, {})).status).toBe(404);
    expect((await (await pair.tj.as('tj.reporter')).get('/api/assessments/notices')).body.items).toEqual([]);

    // marking read is per officer, idempotent and audited once
    const read = await counterpart.post(`/api/assessments/notices/${n!.id}/read`, {});
    expect(read.status, read.text).toBe(200);
    expect(read.body).toEqual({ id: n!.id, read: true, unread: 0 });
    expect((await counterpart.post(`/api/assessments/notices/${n!.id}/read`, {})).body.unread).toBe(0);
    expect((await counterpart.get('/api/assessments/notices')).body.items[0].read).toBe(true);
    expect((await counterpartColleague.get('/api/assessments/notices')).body.unread).toBe(1);
    const audits = await pair.af.ctx.db.kysely.selectFrom('audit_log').select('entity_id').where('action', '=', 'notice.read').execute();
    expect(audits).toHaveLength(1);

    // bad ids
    expect((await counterpart.post('/api/assessments/notices/not-a-notice/read', {})).body.error.code).toBe('VALIDATION_FAILED');
  });
});
