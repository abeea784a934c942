/**
 * Every endpoint × role × marking × owner, from one table, through HTTP, on both dialects.
 *
 * HOW TO ADD AN ENDPOINT (the test fails until you do): add one row to TABLE below.
 *   { route: 'POST /api/things', allow: ['admin'], ok: 201, call: () => ({ body: {...} }) }
 *   - `route` is the method and the path exactly as registered (with `:params`).
 *   - `allow` is who gets `ok`: a list of demo users, or EVERYONE (any signed-in user),
 *     PUBLIC (no login needed) or PEER (signed node requests only: users get 401).
 *     Any other signed-in user must get 403 and an anonymous caller 401.
 *   - `call` builds the request (url with real ids, body, headers) from the fixtures; the
 *     body must be valid, so that the answer shows the authorisation and not the validation.
 *   - For an endpoint on one record, use `record` instead of `allow`: the request runs against
 *     every fixture in FIXTURES (owner × marking), expecting `ok` from the fixture's
 *     readers/writers/lowerers, 404 from those it is hidden from, 403 from the rest.
 *   - The users and their placement are in src/services/accounts.service.ts (DEMO_USERS).
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subject } from '../../domain/policy/roles.ts';
import type { Marking } from '../../domain/records/marking.ts';
import { createAlert, DEFAULT_ALERT_MARKING } from '../../services/alerts.service.ts';
import { writeRecord } from '../../services/records.service.ts';
import { findRecord, saveReceivedRecord } from '../../store/records.repository.ts';
import { inWriteTransaction } from '../../store/transaction.ts';
import { buildApp } from '../app.ts';
import { ApiClient } from '../testing/api-client.ts';
import { testDialects } from '../testing/databases.ts';
import { openStream } from '../testing/sse.ts';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../testing/test-node.ts';

const USERS = ['admin', 'tj.reporter', 'tj.validator', 'tj.analyst', 'tj.commander', 'tj.customs', 'af.liaison', 'af.customs', 'partner.observer'] as const;
type User = (typeof USERS)[number];
const EVERYONE = 'everyone';
const PUBLIC = 'public';
const PEER = 'peer';

// Who holds which role-level permission (written by hand, as in permissions.test.ts).
const ALERT_READERS: User[] = ['admin', 'tj.reporter', 'tj.validator', 'tj.analyst', 'tj.commander', 'tj.customs', 'af.liaison', 'af.customs'];
const ALERT_WRITERS: User[] = ['tj.validator', 'tj.analyst', 'tj.commander', 'af.liaison'];
const SCREENERS: User[] = ['tj.reporter', 'tj.validator', 'tj.analyst', 'tj.commander', 'tj.customs', 'af.liaison', 'af.customs'];
const DECIDERS: User[] = ['tj.reporter', 'tj.validator', 'tj.commander', 'tj.customs', 'af.customs'];
// Warnings (permissions.ts): everyone reads; writers as alerts; the owning side is the TJ border guard.
const WARNING_WRITERS: User[] = ['tj.validator', 'tj.analyst', 'tj.commander', 'af.liaison'];
const WARNING_OWNER_WRITERS: User[] = ['tj.validator', 'tj.analyst', 'tj.commander'];
const WARNING_IMPORTERS: User[] = ['tj.validator', 'tj.analyst', 'tj.commander', 'af.liaison'];
// Gauges: keepers (gauges:write) and reporters of levels (gauges:report, the gauge's state).
const GAUGE_KEEPERS: User[] = ['tj.analyst', 'tj.commander'];
const GAUGE_REPORTERS: User[] = ['tj.reporter', 'tj.validator', 'tj.analyst', 'tj.commander'];
// Damage and resources: posts, validators, analysts, liaison officers and commanders report them.
const DAMAGE_WRITERS: User[] = ['tj.reporter', 'tj.validator', 'tj.analyst', 'tj.commander', 'af.liaison'];
const someInstant = () => new Date(Date.UTC(2020, 0, 1) + Math.floor(Math.random() * 1e11)).toISOString();
const WARNING_BODY = {
  info: [{ language: 'en', category: ['Met'], event: 'Flood', urgency: 'Immediate', severity: 'Severe', certainty: 'Likely', area: [{ areaDesc: 'Khorog', circle: [{ center: [37.49, 71.55], radiusKm: 5 }] }] }],
};
// Trade (docs/trade.md): customs work declarations, transits and crossings; analysts tune selectivity.
const TRADE_READERS: User[] = ['admin', 'tj.analyst', 'tj.commander', 'tj.customs', 'af.liaison', 'af.customs'];
const TRADE_WRITERS: User[] = ['tj.customs', 'af.customs'];
const TRADE_ANALYSTS: User[] = ['tj.analyst', 'tj.commander'];
// Liaison (docs/liaison.md): the fixture channel holds every TJ post and HQ and the Sher Khan
// Bandar BLO (af.liaison's), so role decides here; membership is tested in liaison.test.ts.
const LIAISON_READERS: User[] = ['tj.reporter', 'tj.validator', 'tj.analyst', 'tj.commander', 'af.liaison'];
const LIAISON_WRITERS: User[] = ['tj.reporter', 'tj.validator', 'tj.commander', 'af.liaison'];
const COOPERATION_READERS: User[] = ['tj.validator', 'tj.analyst', 'tj.commander', 'af.liaison'];
const LIAISON_MEMBERS = [
  ...['tj-hq-dushanbe', 'tj-hq-khorog', 'tj-post-ayvadzh', 'tj-post-panj', 'tj-post-chubek', 'tj-post-yazgulom', 'tj-post-porshinev', 'tj-post-andarob', 'tj-post-namadgut', 'tj-post-vrang', 'tj-post-zorkul'].map((unitRef) => ({ state: 'TJ', unitRef })),
  { state: 'AF', unitRef: 'af-blo-sher-khan-bandar' },
];
// Meetings and joint operations: everyone but partner observers reads by role; liaison officers and
// commanders write; the fixtures are of af.liaison's BLO and the TJ BLO facing it, made by tj.commander.
const MEETING_READERS: User[] = ['admin', 'tj.reporter', 'tj.validator', 'tj.analyst', 'tj.commander', 'tj.customs', 'af.liaison', 'af.customs'];
const MEETING_WRITERS: User[] = ['tj.commander', 'af.liaison'];
const MEETING_PARTICIPANTS: User[] = ['tj.commander', 'af.liaison'];
const NOT_PARTICIPATING: User[] = ['admin', 'tj.reporter', 'tj.validator', 'tj.analyst', 'tj.customs', 'af.customs'];
// The rules and markets editor: the customs risk analyst and the administrator (trade:configure).
const TRADE_CONFIGURERS: User[] = ['admin', 'tj.analyst'];
// Partners (permissions.ts): the 3W by liaison officers, analysts, commanders; the tracker by liaison officers and commanders.
const PARTNER_WRITERS: User[] = ['tj.analyst', 'tj.commander', 'af.liaison'];
const RECOMMENDATION_WRITERS: User[] = ['tj.commander', 'af.liaison'];

/**
 * Alerts by owner × marking. `readers` see it, `writers` may change it, `lowerers` may lower its
 * marking — by hand from the rules in docs/authorization.md, never computed by the policy.
 * HQ of the TJ border guard: admin, tj.validator, tj.analyst, tj.commander.
 */
interface Fixture {
  by: User | 'peer';
  marking: Partial<Marking>;
  readers: User[];
  writers: User[];
  lowerers: User[];
}
const FIXTURES: Record<string, Fixture> = {
  'TJ border guard, AMBER released to AF': {
    by: 'tj.analyst',
    marking: { tlp: 'AMBER', releasableTo: { states: ['AF'], agencies: [], units: [] } },
    readers: ALERT_READERS,
    writers: ['tj.validator', 'tj.analyst', 'tj.commander'],
    lowerers: ['tj.validator', 'tj.commander'],
  },
  'TJ border guard, RED (creator and HQ)': {
    by: 'tj.analyst',
    marking: { tlp: 'RED' },
    readers: ['admin', 'tj.validator', 'tj.analyst', 'tj.commander'],
    writers: ['tj.validator', 'tj.analyst', 'tj.commander'],
    lowerers: ['tj.validator', 'tj.commander'],
  },
  'AF border guard (entered here by af.liaison), AMBER': {
    by: 'af.liaison',
    marking: { tlp: 'AMBER' },
    readers: ['af.liaison', 'af.customs'],
    writers: ['af.liaison'],
    lowerers: [],
  },
  'received from a peer, GREEN': { by: 'peer', marking: { tlp: 'GREEN' }, readers: ALERT_READERS, writers: [], lowerers: [] },
};

interface Fixtures {
  alertId: string;
  /** A TJ border-guard warning (TLP:CLEAR) created by tj.analyst; its CAP XML for the import row. */
  warningId: string;
  warningCap: string;
  /** A TJ gauge registered by tj.analyst. */
  gaugeId: string;
  alertVersion: number;
  userId: string;
  peerId: string;
  agencyId: string;
  /** Events by tj.reporter (TJ border guard, AMBER) in each workflow status; `published` is GREEN. */
  events: { draft: string; submitted: string; validated: string; published: string };
  /** Trade fixtures: Panji Poyon and Sher Khan Bandar, a declaration, a crossing and a transit by tj.customs, a market. */
  /** A TJ-owned channel and a TJ RFI in it that tj.validator closed. */
  liaison: { channelId: string; closedRfiId: string };
  /** By tj.commander: a meeting and a joint operation of af.liaison's BLO and the TJ BLO facing it; an action item the AF BLO answers for. */
  meetings: { units: string[]; meetingId: string; actionId: string; operationId: string };
  trade: { exit: string; entry: string; declarationId: string; crossingId: string; transitId: string; marketId: string; marketRef: string };
}
interface Call {
  url?: string;
  body?: unknown;
  headers?: Record<string, string>;
  rawBody?: string | Uint8Array<ArrayBuffer>;
}
interface Row {
  route: string;
  /** What the row checks beyond the route, when a route has several rows. */
  variant?: string;
  allow?: readonly User[] | typeof EVERYONE | typeof PUBLIC | typeof PEER;
  record?: 'read' | 'write' | 'lower';
  ok: number;
  call?: (f: Fixtures) => Call;
  /** The call ends the caller's session (logout): it is made from a session of its own. */
  endsSession?: boolean;
  /** Callers the record is hidden from (404), e.g. another state's users and a draft event. */
  hidden?: readonly User[];
}

const uniq = () => randomUUID().slice(0, 8);
const name = (en: string) => ({ en, ru: en, tg: en, fa: en, ps: en });
const publicKey = () => (generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }) as Buffer).subarray(-32).toString('base64');
const UN_XML =
  '<CONSOLIDATED_LIST dateGenerated="2026-11-01T00:00:00"><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>TEST</FIRST_NAME><SECOND_NAME>PERSON</SECOND_NAME>' +
  '<UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>TSi.001</REFERENCE_NUMBER><LISTED_ON>2026-11-01</LISTED_ON></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>';

const EVENT_READERS = EVERYONE;
const EVENT_REPORTERS: User[] = ['tj.reporter', 'tj.validator', 'tj.analyst', 'tj.commander', 'tj.customs', 'af.liaison', 'af.customs'];
/** The TJ border guard's validators (events:validate / events:publish), owners of the fixture events. */
const TJ_VALIDATORS: User[] = ['tj.validator', 'tj.commander'];
/** Users who may not learn that a TJ event still in the workflow exists: other state, other agency, partners. */
const OUTSIDE_TJ_BORDER_GUARD: User[] = ['tj.customs', 'af.liaison', 'af.customs', 'partner.observer'];
const EVENT_BODY = () => ({
  category: 'illegal_crossing',
  severity: 'medium',
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  location: { lat: 37.215, lon: 68.62 },
  narrative: { text: 'Table test', lang: 'en' },
  grading: { reliability: 'C', credibility: 3 },
});
const PNG_1PX = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
const TRIAGERS: User[] = ['tj.reporter', 'tj.validator', 'tj.commander'];
/** A stale version: those allowed reach the precondition (412) and nothing changes. */
const STALE = { 'if-match': '"999"' };

const TABLE: Row[] = [
  { route: 'GET /healthz', allow: PUBLIC, ok: 200 },
  // Never open to a session or to anonymous callers: only SARHAD_METRICS_TOKEN (metrics-access.test.ts).
  { route: 'GET /metrics', allow: PUBLIC, ok: 401 },
  { route: 'GET /api/openapi.json', allow: PUBLIC, ok: 200 },
  { route: 'POST /api/auth/login', allow: PUBLIC, ok: 200, call: () => ({ body: { username: 'tj.reporter', password: TEST_PASSWORD } }) },
  { route: 'POST /api/auth/logout', allow: EVERYONE, ok: 204, endsSession: true },
  { route: 'GET /api/auth/me', allow: EVERYONE, ok: 200 },

  { route: 'GET /api/states', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/agencies', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/units', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/communities', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/sections', allow: EVERYONE, ok: 200 },
  { route: 'POST /api/units', allow: ['admin'], ok: 201, call: (f) => ({ body: { agencyId: f.agencyId, kind: 'border_post', name: name(`Post ${uniq()}`), location: [69.5, 37.3] } }) },
  {
    route: 'POST /api/sections',
    allow: ['admin'],
    ok: 201,
    call: () => ({
      body: {
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: [[69.0, 37.0], [69.1, 37.0]] },
        properties: { scenario: 'tj-af', order: 900, name: name(`Section ${uniq()}`), terrain: 'river_plain' },
      },
    }),
  },

  { route: 'GET /api/users', allow: ['admin'], ok: 200 },
  {
    route: 'POST /api/users',
    allow: ['admin'],
    ok: 201,
    call: (f) => ({ body: { username: `u.${uniq()}`, displayName: 'Table User', password: 'a-long-password-1', roles: ['reporter'], agencyId: f.agencyId } }),
  },
  { route: 'PATCH /api/users/:id', allow: ['admin'], ok: 200, call: (f) => ({ url: `/api/users/${f.userId}`, body: { displayName: `Renamed ${uniq()}` } }) },
  // Another user's tokens: user administrators only (one's own go through /api/me/tokens).
  { route: 'GET /api/users/:id/tokens', allow: ['admin'], ok: 200, call: (f) => ({ url: `/api/users/${f.userId}/tokens` }) },
  { route: 'POST /api/users/:id/tokens', allow: ['admin'], ok: 201, call: (f) => ({ url: `/api/users/${f.userId}/tokens`, body: { name: `t-${uniq()}` } }) },
  { route: 'DELETE /api/users/:id/tokens/:tokenId', allow: ['admin'], ok: 404, call: (f) => ({ url: `/api/users/${f.userId}/tokens/${randomUUID()}` }) },
  { route: 'GET /api/me/tokens', allow: EVERYONE, ok: 200 },
  { route: 'POST /api/me/tokens', allow: EVERYONE, ok: 201, call: () => ({ body: { name: `t-${uniq()}`, expiresInDays: 1 } }) },
  { route: 'DELETE /api/me/tokens/:tokenId', allow: EVERYONE, ok: 404, call: () => ({ url: `/api/me/tokens/${randomUUID()}` }) },
  // A wrong current password: every signed-in user reaches the check (400), none changes anything.
  { route: 'POST /api/me/password', allow: EVERYONE, ok: 400, call: () => ({ body: { currentPassword: 'not-the-password', newPassword: 'another-long-password' } }) },

  // The audit log: commanders and administrators (audit:read).
  { route: 'GET /api/audit', allow: ['admin', 'tj.commander'], ok: 200 },
  { route: 'GET /api/audit/status', allow: ['admin', 'tj.commander'], ok: 200 },
  // No checkpoint is written in the table's node: readers reach the look-up (404), others are refused before it.
  { route: 'GET /api/audit/checkpoints/latest', allow: ['admin', 'tj.commander'], ok: 404 },

  { route: 'GET /api/alerts', allow: ALERT_READERS, ok: 200 },
  {
    route: 'POST /api/alerts',
    allow: ALERT_WRITERS,
    ok: 201,
    call: () => ({ body: { subject: { kind: 'vehicle', plate: `T${uniq()}` }, reason: 'Table test', action: 'discreet_check' } }),
  },
  { route: 'POST /api/alerts/import/un', allow: ['tj.analyst', 'admin'], ok: 200, call: () => ({ rawBody: UN_XML, headers: { 'content-type': 'application/xml' } }) },
  { route: 'GET /api/alerts/:id', record: 'read', ok: 200, call: (f) => ({ url: `/api/alerts/${f.alertId}` }) },
  { route: 'PATCH /api/alerts/:id', variant: 'update', record: 'write', ok: 200, call: (f) => ({ url: `/api/alerts/${f.alertId}`, body: { action: 'deny_entry', version: f.alertVersion } }) },
  {
    route: 'PATCH /api/alerts/:id',
    variant: 'raise to RED',
    record: 'write',
    ok: 200,
    call: (f) => ({ url: `/api/alerts/${f.alertId}`, body: { marking: { tlp: 'RED' }, version: f.alertVersion } }),
  },
  {
    route: 'PATCH /api/alerts/:id',
    variant: 'lower to CLEAR',
    record: 'lower',
    ok: 200,
    call: (f) => ({ url: `/api/alerts/${f.alertId}`, body: { marking: { tlp: 'CLEAR' }, markingReason: 'table test', version: f.alertVersion } }),
  },
  { route: 'POST /api/alerts/:id/revoke', record: 'write', ok: 200, call: (f) => ({ url: `/api/alerts/${f.alertId}/revoke`, headers: { 'if-match': `"${f.alertVersion}"` }, body: {} }) },

  { route: 'POST /api/screen', allow: SCREENERS, ok: 200, call: () => ({ body: { name: 'Jamshed Rahmonov' } }) },
  // Authorised deciders reach the look-up and find no such screening; the desk rule is in
  // screening.policy.test.ts and screening.test.ts.
  { route: 'POST /api/screenings/:id/hits/:alertId/decision', allow: DECIDERS, ok: 404, call: () => ({ url: `/api/screenings/${randomUUID()}/hits/${randomUUID()}/decision`, body: { decision: 'confirmed' } }) },
  // Hit reports (docs/screening.md "After a hit"): filed by deciders on their desk's confirmed
  // hits, read by the two sides of the exchange, answered by the alert owner's writers.
  { route: 'POST /api/screenings/:id/hits/:alertId/report', allow: DECIDERS, ok: 404, call: () => ({ url: `/api/screenings/${randomUUID()}/hits/${randomUUID()}/report`, body: { found: 'the listed person', action: 'entry_refused', place: 'Panji Poyon' } }) },
  { route: 'GET /api/hit-reports', allow: SCREENERS, ok: 200 },
  { route: 'GET /api/hit-reports/:id', allow: SCREENERS, ok: 404, call: () => ({ url: `/api/hit-reports/${randomUUID()}` }) },
  { route: 'POST /api/hit-reports/:id/answers', allow: ALERT_WRITERS, ok: 404, call: () => ({ url: `/api/hit-reports/${randomUUID()}/answers`, body: { information: 'more', requestedAction: 'none' } }) },
  // Screening history: desk officers their unit's, validators and commanders their agency's.
  { route: 'GET /api/screenings', allow: DECIDERS, ok: 200 },
  { route: 'GET /api/false-positives', allow: ['tj.validator', 'tj.commander'], ok: 200 },
  { route: 'POST /api/false-positives/:id/revoke', allow: ['tj.validator', 'tj.commander'], ok: 404, call: () => ({ url: `/api/false-positives/${randomUUID()}/revoke`, body: {} }) },
  { route: 'GET /api/stream', allow: EVERYONE, ok: 200 },

  // Events (docs/events.md). Fixtures: one event per workflow status by tj.reporter (TJ border guard).
  { route: 'GET /api/events', allow: EVENT_READERS, ok: 200 },
  { route: 'POST /api/events', allow: EVENT_REPORTERS, ok: 201, call: () => ({ body: EVENT_BODY() }) },
  { route: 'GET /api/events/stats/reporting-delay', allow: EVENT_READERS, ok: 200 },
  { route: 'GET /api/events/export.csv', allow: EVENT_READERS, ok: 200 },
  { route: 'GET /api/events/:id', variant: 'published, GREEN', allow: EVENT_READERS, ok: 200, call: (f) => ({ url: `/api/events/${f.events.published}` }) },
  // A draft: its author and the owning agency; hidden from everyone else (admin sits at the TJ border guard HQ).
  { route: 'GET /api/events/:id', variant: 'draft', allow: ['tj.reporter', 'tj.validator', 'tj.analyst', 'tj.commander', 'admin'], hidden: OUTSIDE_TJ_BORDER_GUARD, ok: 200, call: (f) => ({ url: `/api/events/${f.events.draft}` }) },
  { route: 'GET /api/events/:id/history', allow: EVENT_READERS, ok: 200, call: (f) => ({ url: `/api/events/${f.events.published}/history` }) },
  { route: 'PATCH /api/events/:id', variant: 'published: validators', allow: TJ_VALIDATORS, ok: 412, call: (f) => ({ url: `/api/events/${f.events.published}`, headers: STALE, body: { severity: 'low' } }) },
  { route: 'PATCH /api/events/:id', variant: 'draft: its author', allow: ['tj.reporter', ...TJ_VALIDATORS], hidden: OUTSIDE_TJ_BORDER_GUARD, ok: 412, call: (f) => ({ url: `/api/events/${f.events.draft}`, headers: STALE, body: { severity: 'low' } }) },
  { route: 'POST /api/events/:id/submit', allow: ['tj.reporter'], hidden: ['tj.customs', 'af.liaison', 'af.customs'], ok: 412, call: (f) => ({ url: `/api/events/${f.events.draft}/submit`, headers: STALE, body: {} }) },
  { route: 'POST /api/events/:id/validate', allow: TJ_VALIDATORS, ok: 412, call: (f) => ({ url: `/api/events/${f.events.submitted}/validate`, headers: STALE, body: {} }) },
  { route: 'POST /api/events/:id/return', allow: TJ_VALIDATORS, ok: 412, call: (f) => ({ url: `/api/events/${f.events.validated}/return`, headers: STALE, body: { comment: 'table' } }) },
  { route: 'POST /api/events/:id/publish', allow: TJ_VALIDATORS, ok: 412, call: (f) => ({ url: `/api/events/${f.events.validated}/publish`, headers: STALE, body: {} }) },
  { route: 'POST /api/events/:id/close', allow: ['tj.reporter', ...TJ_VALIDATORS], ok: 412, call: (f) => ({ url: `/api/events/${f.events.published}/close`, headers: STALE, body: { outcome: 'resolved' } }) },
  // Threat levels per section (docs/risk-model.md): everyone reads; analysts and commanders of the
  // node's state override. Authorised callers reach the look-up of an unknown section / override (404);
  // the real overrides are in assessments.test.ts.
  { route: 'GET /api/assessments', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/assessments/current', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/assessments/report', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/assessments/overrides', allow: EVERYONE, ok: 200 },
  // neighbour notices: every reader has an inbox (empty here); a notice not addressed to them is not found
  { route: 'GET /api/assessments/notices', allow: EVERYONE, ok: 200 },
  // OGC API – Features (ogc.test.ts): any signed-in user; each feature is filtered like the JSON API
  { route: 'GET /ogc', allow: EVERYONE, ok: 200 },
  { route: 'GET /ogc/conformance', allow: EVERYONE, ok: 200 },
  { route: 'GET /ogc/collections', allow: EVERYONE, ok: 200 },
  { route: 'GET /ogc/collections/:collectionId', allow: EVERYONE, ok: 200, call: () => ({ url: '/ogc/collections/sections' }) },
  { route: 'GET /ogc/collections/:collectionId/items', allow: EVERYONE, ok: 200, call: () => ({ url: '/ogc/collections/events/items' }) },
  { route: 'GET /ogc/collections/:collectionId/items/:featureId', allow: EVERYONE, ok: 404, call: () => ({ url: `/ogc/collections/events/items/${randomUUID()}` }) },
  { route: 'POST /api/assessments/notices/:id/read', allow: EVERYONE, ok: 404, call: () => ({ url: `/api/assessments/notices/${randomUUID()}:1/read`, body: {} }) },
  {
    route: 'POST /api/assessments/overrides',
    allow: ['tj.analyst', 'tj.commander'],
    ok: 404,
    call: () => ({ body: { section: randomUUID(), level: 'high', reason: 'table test', expiresAt: new Date(Date.now() + 86_400_000).toISOString() } }),
  },
  { route: 'DELETE /api/assessments/overrides/:id', allow: ['tj.analyst', 'tj.commander'], ok: 404, call: () => ({ url: `/api/assessments/overrides/${randomUUID()}` }) },

  // Seizures: anyone of the owning agency who reports adds them; the statistics export has no personal data.
  {
    route: 'POST /api/events/:id/seizures',
    allow: ['tj.reporter', 'tj.validator', 'tj.analyst', 'tj.commander'],
    ok: 201,
    call: (f) => ({
      url: `/api/events/${f.events.published}/seizures`,
      body: { itemKind: 'narcotics', substance: 'opium', quantity: { value: 3, unit: 'kg' }, concealment: 'backpack', conveyance: 'on_foot', detectionMethod: 'patrol' },
    }),
  },
  { route: 'GET /api/events/:id/seizures', allow: EVENT_READERS, ok: 200, call: (f) => ({ url: `/api/events/${f.events.published}/seizures` }) },
  { route: 'GET /api/seizures/export', allow: ['tj.validator', 'tj.analyst', 'tj.commander', 'partner.observer', 'admin'], ok: 200 },

  // Community reports: the public form (no account); the triage queue for this node's state (events:triage).
  { route: 'POST /api/community/reports', allow: PUBLIC, ok: 202, call: () => ({ body: { text: 'Table test report', lang: 'tg', location: { lat: 37.22, lon: 68.63 } } }) },
  { route: 'GET /api/community/reports', allow: TRIAGERS, ok: 200 },
  // Triagers reach the look-up and find no such report.
  { route: 'POST /api/community/reports/:id/convert', allow: TRIAGERS, ok: 404, call: () => ({ url: `/api/community/reports/${randomUUID()}/convert`, body: { severity: 'low' } }) },
  { route: 'POST /api/community/reports/:id/dismiss', allow: TRIAGERS, ok: 404, call: () => ({ url: `/api/community/reports/${randomUUID()}/dismiss`, body: { reason: 'table test' } }) },

  // Attachments: the author or the owning agency's validators attach (the published fixture: tj.reporter's);
  // the list is for readers of the event; a random file id is 404 for those cleared to open files, 403 for partner observers.
  { route: 'POST /api/events/:id/attachments', allow: ['tj.reporter', ...TJ_VALIDATORS], ok: 201, call: (f) => ({ url: `/api/events/${f.events.published}/attachments?name=p.png`, headers: { 'content-type': 'image/png' }, rawBody: PNG_1PX }) },
  { route: 'GET /api/events/:id/attachments', allow: EVENT_READERS, ok: 200, call: (f) => ({ url: `/api/events/${f.events.published}/attachments` }) },
  {
    route: 'GET /api/events/:id/attachments/:attachmentId',
    allow: ALERT_READERS,
    ok: 404,
    call: (f) => ({ url: `/api/events/${f.events.published}/attachments/${randomUUID()}` }),
  },
  { route: 'GET /api/crossing-points', allow: TRADE_READERS, ok: 200 },
  { route: 'GET /api/crossing-times', allow: TRADE_READERS, ok: 200, call: (f) => ({ url: `/api/crossing-times?crossingPoint=${f.trade.exit}&direction=inbound` }) },
  { route: 'GET /api/declarations', allow: TRADE_READERS, ok: 200 },
  { route: 'POST /api/declarations', allow: TRADE_WRITERS, ok: 201, call: (f) => ({ body: tradeDeclaration(f) }) },
  { route: 'GET /api/declarations/export', allow: TRADE_READERS, ok: 200, call: () => ({ url: '/api/declarations/export?format=csv' }) },
  { route: 'POST /api/declarations/import', allow: TRADE_WRITERS, ok: 200, call: (f) => ({ body: [tradeDeclaration(f)] }) },
  // A TJ declaration released to AF: every trade reader of either state sees it.
  { route: 'GET /api/declarations/:id', allow: TRADE_READERS, ok: 200, call: (f) => ({ url: `/api/declarations/${f.trade.declarationId}` }) },
  // Customs at either end record the arrival and the inspection.
  { route: 'POST /api/declarations/:id/arrival', allow: TRADE_WRITERS, ok: 201, call: (f) => ({ url: `/api/declarations/${f.trade.declarationId}/arrival`, body: { plate: '4471 TJ 03', grossMassKg: 20_000, seals: [] } }) },
  { route: 'POST /api/declarations/:id/inspection', allow: TRADE_WRITERS, ok: 201, call: (f) => ({ url: `/api/declarations/${f.trade.declarationId}/inspection`, body: { hit: false } }) },
  // The crossing and the transit are TJ customs' own: AF customs may not change them.
  { route: 'PATCH /api/crossings/:id', allow: ['tj.customs'], ok: 200, call: (f) => ({ url: `/api/crossings/${f.trade.crossingId}`, headers: { 'if-match': '"1"' }, body: { feesUsd: 20 } }) },
  { route: 'GET /api/transits', allow: TRADE_READERS, ok: 200 },
  { route: 'POST /api/transits', allow: TRADE_WRITERS, ok: 201, call: (f) => ({ body: tradeTransit(f) }) },
  { route: 'POST /api/transits/:id/move', allow: ['tj.customs'], ok: 200, call: (f) => ({ url: `/api/transits/${f.trade.transitId}/move`, headers: { 'if-match': '"1"' }, body: { to: 'started' } }) },
  { route: 'GET /api/selectivity/rules', allow: [...TRADE_ANALYSTS, 'admin'], ok: 200 },
  { route: 'POST /api/selectivity/rules', allow: TRADE_CONFIGURERS, ok: 200, call: () => ({ body: { id: `table-${uniq()}`, name: 'Table rule', lane: 'yellow', when: { hsPrefixes: ['01'] } } }) },
  { route: 'PUT /api/selectivity/rules/:id', allow: TRADE_CONFIGURERS, ok: 200, call: () => ({ url: '/api/selectivity/rules/table-put-rule', body: { id: 'table-put-rule', name: 'Table rule, edited', lane: 'blue', rate: 0.5, when: { hsPrefixes: ['02'] } } }) },
  { route: 'GET /api/selectivity/performance', allow: TRADE_ANALYSTS, ok: 200 },
  { route: 'GET /api/markets', allow: TRADE_READERS, ok: 200 },
  // Liaison. Creating a channel: the managers whose unit is in it. The owning side's manager
  // reaches the precondition (428); answering/closing the closed RFI reaches its state (409):
  // answers are the other side's (af.liaison), closes the requesting side's.
  { route: 'GET /api/liaison/templates', allow: LIAISON_READERS, ok: 200 },
  { route: 'GET /api/liaison/channels', allow: LIAISON_READERS, ok: 200 },
  { route: 'POST /api/liaison/channels', allow: ['tj.commander', 'af.liaison'], ok: 201, call: () => ({ body: { ref: `table-${uniq()}`, title: 'Table channel', kind: 'headquarters', members: LIAISON_MEMBERS } }) },
  { route: 'GET /api/liaison/channels/:id', allow: LIAISON_READERS, ok: 200, call: (f) => ({ url: `/api/liaison/channels/${f.liaison.channelId}` }) },
  { route: 'PATCH /api/liaison/channels/:id', allow: ['tj.commander'], ok: 428, call: (f) => ({ url: `/api/liaison/channels/${f.liaison.channelId}`, body: { procedures: 'Table' } }) },
  { route: 'POST /api/liaison/channels/:id/messages', allow: LIAISON_WRITERS, ok: 201, call: (f) => ({ url: `/api/liaison/channels/${f.liaison.channelId}/messages`, body: { freeText: 'Table message' } }) },
  { route: 'POST /api/liaison/rfis/:id/answer', allow: ['af.liaison'], ok: 409, call: (f) => ({ url: `/api/liaison/rfis/${f.liaison.closedRfiId}/answer`, body: { freeText: 'Table answer' } }) },
  { route: 'POST /api/liaison/rfis/:id/close', allow: ['tj.reporter', 'tj.validator', 'tj.commander'], ok: 409, call: (f) => ({ url: `/api/liaison/rfis/${f.liaison.closedRfiId}/close`, body: {} }) },
  { route: 'GET /api/cooperation/dashboard', allow: COOPERATION_READERS, ok: 200 },
  { route: 'POST /api/markets', allow: TRADE_CONFIGURERS, ok: 201, call: () => ({ body: { ref: `table-${uniq()}`, name: { en: 'Table market' }, weekday: 'sat', opens: '08:00', closes: '14:00' } }) },
  { route: 'PUT /api/markets/:id', allow: TRADE_CONFIGURERS, ok: 200, call: (f) => ({ url: `/api/markets/${f.trade.marketId}`, body: { ref: f.trade.marketRef, name: { en: 'Table market' }, weekday: 'sat', opens: '08:00', closes: '14:00', active: true } }) },
  { route: 'POST /api/markets/:id/days', allow: TRADE_WRITERS, ok: 201, call: (f) => ({ url: `/api/markets/${f.trade.marketId}/days`, body: { day: '2026-11-28', tradersTj: 50, tradersAf: 40, visitors: 500, turnoverUsd: 9000 } }) },

  // Partners' 3W, gaps, recommendations, indicators, progress report (docs/partners.md): everyone
  // reads; liaison officers, analysts and commanders write the 3W; liaison officers and commanders the tracker.
  { route: 'GET /api/initiatives', allow: EVERYONE, ok: 200 },
  { route: 'POST /api/initiatives', allow: PARTNER_WRITERS, ok: 201, call: () => ({ body: { ref: `AT-${uniq()}`, partner: 'EU', title: 'Table test', start: '2026-01-01', status: 'planned' } }) },
  { route: 'GET /api/initiatives/map', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/initiatives/export.xlsx', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/initiatives/export.csv', allow: EVERYONE, ok: 200 },
  { route: 'POST /api/initiatives/import', allow: PARTNER_WRITERS, ok: 200, call: () => ({ url: '/api/initiatives/import?sheet=initiatives', headers: { 'content-type': 'text/csv' }, rawBody: 'Ref,Partner,Title,State,Start,Status\r\n' }) },
  { route: 'GET /api/initiatives/:id', allow: EVERYONE, ok: 404, call: () => ({ url: `/api/initiatives/${randomUUID()}` }) },
  { route: 'PATCH /api/initiatives/:id', allow: PARTNER_WRITERS, ok: 404, call: () => ({ url: `/api/initiatives/${randomUUID()}`, headers: { 'if-match': '"1"' }, body: { status: 'ongoing' } }) },
  { route: 'GET /api/trainings', allow: EVERYONE, ok: 200 },
  { route: 'POST /api/trainings', allow: PARTNER_WRITERS, ok: 201, call: () => ({ body: { ref: `AT-${uniq()}`, partner: 'OSCE', course: 'Table course', start: '2026-01-01', end: '2026-01-02', trainees: [{ agency: 'tj-border-troops', female: 1, male: 1 }] } }) },
  { route: 'GET /api/equipment', allow: EVERYONE, ok: 200 },
  { route: 'POST /api/equipment', allow: PARTNER_WRITERS, ok: 201, call: () => ({ body: { ref: `AT-${uniq()}`, partner: 'USA', kind: 'radio', quantity: 1, deliveredOn: '2026-01-01' } }) },
  { route: 'GET /api/partners/gaps', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/partners', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/recommendations', allow: EVERYONE, ok: 200 },
  {
    route: 'POST /api/recommendations',
    allow: RECOMMENDATION_WRITERS,
    ok: 201,
    call: () => ({ body: { ref: `som-2026.table-${uniq()}`, meeting: 'Table meeting', meetingDate: '2026-11-01', kind: 'commitment', title: { en: 'Table' }, text: 'Table text', source: 'Minutes', status: 'not_started' } }),
  },
  { route: 'PATCH /api/recommendations/:id', allow: RECOMMENDATION_WRITERS, ok: 404, call: () => ({ url: `/api/recommendations/${randomUUID()}`, headers: { 'if-match': '"1"' }, body: { status: 'done' } }) },
  { route: 'GET /api/indicators', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/reports/progress', allow: EVERYONE, ok: 200, call: () => ({ url: '/api/reports/progress?from=2026-01-01&to=2026-03-01' }) },

  { route: 'GET /api/federation/node', allow: PUBLIC, ok: 200 },
  { route: 'POST /api/federation/feed', allow: PEER, ok: 200, call: () => ({ body: { limit: 10, agreement: {} } }) },
  { route: 'POST /api/federation/receipts', allow: PEER, ok: 200, call: () => ({ body: {} }) },
  { route: 'POST /api/federation/notify', allow: PEER, ok: 202, call: () => ({ body: { at: '2026-01-01T00:00:00.000Z' } }) },
  { route: 'POST /api/federation/checkpoints', allow: PEER, ok: 200, call: () => ({ body: { checkpoint: {} } }) },
  { route: 'POST /api/federation/key', allow: PEER, ok: 200, call: () => ({ body: {} }) },
  { route: 'GET /api/federation/peers', allow: ['admin'], ok: 200 },
  { route: 'GET /api/federation/status', allow: ['admin'], ok: 200 },
  {
    route: 'POST /api/federation/peers',
    allow: ['admin'],
    ok: 201,
    call: () => ({ body: { name: `peer-${uniq()}`, url: 'http://127.0.0.1:9', stateCode: 'UZ', publicKey: publicKey(), nodeId: `node-${uniq()}` } }),
  },
  { route: 'POST /api/federation/peers/:id/agreements', allow: ['admin'], ok: 201, call: (f) => ({ url: `/api/federation/peers/${f.peerId}/agreements`, body: { types: ['unit'], maxTlp: 'GREEN', personalData: false } }) },
  // Authorised, then the peer (a closed port) cannot be reached.
  { route: 'POST /api/federation/peers/:id/sync', allow: ['admin'], ok: 502, call: (f) => ({ url: `/api/federation/peers/${f.peerId}/sync`, body: {} }) },
  // Hazard warnings (docs/warnings.md). Changes on the fixture warning send no version: its
  // owning side reaches the precondition (428), everyone else is refused before it (403).
  { route: 'GET /api/warnings', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/warnings.atom', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/warnings/:id', allow: EVERYONE, ok: 200, call: (f) => ({ url: `/api/warnings/${f.warningId}` }) },
  { route: 'GET /api/warnings/:id/cap', allow: EVERYONE, ok: 200, call: (f) => ({ url: `/api/warnings/${f.warningId}/cap` }) },
  { route: 'POST /api/warnings', allow: WARNING_WRITERS, ok: 201, call: () => ({ body: WARNING_BODY }) },
  { route: 'PATCH /api/warnings/:id', allow: WARNING_OWNER_WRITERS, ok: 428, call: (f) => ({ url: `/api/warnings/${f.warningId}`, body: { status: 'Exercise' } }) },
  { route: 'POST /api/warnings/:id/cancel', allow: WARNING_OWNER_WRITERS, ok: 428, call: (f) => ({ url: `/api/warnings/${f.warningId}/cancel`, body: {} }) },
  // Re-importing the fixture's own CAP: importers reach it and are told it is held already (200).
  { route: 'POST /api/warnings/import', allow: WARNING_IMPORTERS, ok: 200, call: (f) => ({ rawBody: f.warningCap, headers: { 'content-type': 'application/cap+xml' } }) },
  { route: 'GET /api/gauges', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/gauges/:id', allow: EVERYONE, ok: 200, call: (f) => ({ url: `/api/gauges/${f.gaugeId}` }) },
  { route: 'GET /api/gauges/:id/readings', allow: EVERYONE, ok: 200, call: (f) => ({ url: `/api/gauges/${f.gaugeId}/readings` }) },
  {
    route: 'POST /api/gauges',
    allow: GAUGE_KEEPERS,
    ok: 201,
    call: () => ({ body: { name: name(`Gauge ${uniq()}`), river: 'Panj', location: [71.6, 36.72], thresholds: { watchCm: 100, warningCm: 200, dangerCm: 300 } } }),
  },
  // No version: the owning agency's keepers reach the precondition (428).
  { route: 'PATCH /api/gauges/:id', allow: GAUGE_KEEPERS, ok: 428, call: (f) => ({ url: `/api/gauges/${f.gaugeId}`, body: { active: true } }) },
  { route: 'POST /api/gauges/:id/readings', allow: GAUGE_REPORTERS, ok: 201, call: (f) => ({ url: `/api/gauges/${f.gaugeId}/readings`, body: { at: someInstant(), levelCm: 10 } }) },
  { route: 'POST /api/gauges/readings/import', allow: GAUGE_REPORTERS, ok: 200, call: () => ({ body: { readings: [{ gauge: 'table-gauge', at: someInstant(), levelCm: 10 }] } }) },
  { route: 'GET /api/damage', allow: EVERYONE, ok: 200 },
  { route: 'GET /api/damage/summary', allow: EVERYONE, ok: 200 },
  { route: 'POST /api/damage', allow: DAMAGE_WRITERS, ok: 201, call: () => ({ body: { location: [71.53, 37.5], kind: 'road', level: 'major', description: 'Table test road' } }) },
  { route: 'GET /api/resources', allow: EVERYONE, ok: 200 },
  { route: 'POST /api/resources', allow: DAMAGE_WRITERS, ok: 201, call: () => ({ body: { kind: 'boat', quantity: 1 } }) },

  // Meetings and joint operations (docs/meetings.md): read by role, then only participants see one.
  { route: 'GET /api/meetings', allow: MEETING_READERS, ok: 200 },
  { route: 'GET /api/meetings.ics', allow: MEETING_READERS, ok: 200 },
  { route: 'GET /api/actions', allow: MEETING_READERS, ok: 200 },
  { route: 'POST /api/meetings', allow: MEETING_WRITERS, ok: 201, call: (f) => ({ body: meetingBody(f) }) },
  { route: 'GET /api/meetings/:id', allow: MEETING_PARTICIPANTS, hidden: NOT_PARTICIPATING, ok: 200, call: (f) => ({ url: `/api/meetings/${f.meetings.meetingId}` }) },
  // The recording side (TJ) only; af.liaison takes part but its side did not record it.
  { route: 'PATCH /api/meetings/:id', allow: ['tj.commander'], ok: 412, call: (f) => ({ url: `/api/meetings/${f.meetings.meetingId}`, body: { version: 999, minutes: 'stale' } }) },
  { route: 'POST /api/meetings/:id/actions', allow: ['tj.commander'], ok: 201, call: (f) => ({ url: `/api/meetings/${f.meetings.meetingId}/actions`, body: { title: `Item ${uniq()}`, owner: { kind: 'unit', id: f.meetings.units[0] }, dueDate: '2027-01-15' } }) },
  // Both the recording side and the side that answers for the item (AF).
  { route: 'POST /api/actions/:id/status', allow: MEETING_PARTICIPANTS, hidden: ['tj.reporter', 'tj.validator', 'tj.analyst', 'tj.customs', 'af.customs'], ok: 200, call: (f) => ({ url: `/api/actions/${f.meetings.actionId}/status`, body: { status: 'open' } }) },
  { route: 'GET /api/operations', allow: MEETING_READERS, ok: 200 },
  { route: 'POST /api/operations', allow: MEETING_WRITERS, ok: 201, call: (f) => ({ body: operationBody(f) }) },
  { route: 'GET /api/operations/:id', allow: MEETING_PARTICIPANTS, hidden: NOT_PARTICIPATING, ok: 200, call: (f) => ({ url: `/api/operations/${f.meetings.operationId}` }) },
  { route: 'PATCH /api/operations/:id', allow: ['tj.commander'], ok: 412, call: (f) => ({ url: `/api/operations/${f.meetings.operationId}`, body: { version: 999, status: 'active' } }) },
  { route: 'POST /api/operations/:id/reports', allow: MEETING_PARTICIPANTS, hidden: ['tj.validator'], ok: 201, call: (f) => ({ url: `/api/operations/${f.meetings.operationId}/reports`, body: { day: '2026-11-20', summary: 'Quiet day' } }) },
  { route: 'POST /api/operations/:id/after-action', allow: MEETING_PARTICIPANTS, hidden: ['tj.validator'], ok: 201, call: (f) => ({ url: `/api/operations/${f.meetings.operationId}/after-action`, body: { summary: 'Done' } }) },
];

const meetingBody = (f: Fixtures) => ({ title: `Meeting ${uniq()}`, startsAt: '2027-03-01T05:00:00Z', endsAt: '2027-03-01T07:00:00Z', location: 'BLO', participantUnitIds: f.meetings.units });
const operationBody = (f: Fixtures) => ({
  name: `Operation ${uniq()}`,
  aim: 'Table test',
  area: { type: 'Polygon', coordinates: [[[68.5, 37.1], [68.75, 37.1], [68.75, 37.3], [68.5, 37.1]]] },
  startDate: '2026-11-15',
  endDate: '2026-11-30',
  participantUnitIds: f.meetings.units,
});

/** A Monday at least two days ahead: both Panji Poyon and Sher Khan Bandar are open. */
function nextMonday(): string {
  const d = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 2, 10));
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}
const tradeDeclaration = (f: Fixtures) => ({
  ref: `TBL-${uniq()}`,
  type: 'export',
  consignor: { name: 'Somon Cement LLC', id: 'TJ-TIN-300111', country: 'TJ' },
  consignee: { name: 'Kunduz Builders', id: 'AF-TIN-900222', country: 'AF' },
  items: [{ hsCode: '252329', description: 'Cement', quantity: 400, unit: 'bag', grossMassKg: 20_000, value: 2_400, currency: 'USD', origin: 'TJ' }],
  vehicle: { plate: '4471 TJ 03', nationality: 'TJ' },
  seals: [],
  route: ['Dushanbe', 'Kunduz'],
  exitPointId: f.trade.exit,
  entryPointId: f.trade.entry,
  destinationState: 'AF',
  expectedArrival: nextMonday(),
});
const tradeTransit = (f: Fixtures) => ({
  ref: `TIR-${uniq()}`,
  declarationId: null,
  guarantee: { reference: 'XF61000001', issuer: 'IRU', amountUsd: 100_000 },
  holder: { name: 'Talco Trade', id: 'TJ-TIN-410552', country: 'TJ' },
  vehiclePlate: '4471 TJ 03',
  seals: ['T-1'],
  departureOffice: 'Dushanbe',
  crossingPointIds: [f.trade.exit],
  destinationOffice: 'Kunduz',
  timeLimitHours: 72,
  releasableTo: ['AF'],
});

const partsOf = (route: string) => route.split(' ') as [string, string];

function expectedFor(row: Row, who: User | 'anonymous', fixture?: Fixture): number {
  if (row.allow === PUBLIC) return row.ok;
  if (row.allow === PEER) return 401;
  if (who === 'anonymous') return 401;
  if (row.hidden?.includes(who)) return 404;
  if (row.allow === EVERYONE) return row.ok;
  if (row.allow) return row.allow.includes(who) ? row.ok : 403;
  // One record: the role first, then whether the record is visible, then ownership.
  const f = fixture!;
  if (row.record === 'read') return !ALERT_READERS.includes(who) ? 403 : f.readers.includes(who) ? row.ok : 404;
  if (!ALERT_WRITERS.includes(who)) return 403;
  if (!f.readers.includes(who)) return 404;
  return (row.record === 'lower' ? f.lowerers : f.writers).includes(who) ? row.ok : 403;
}

describe.each(await testDialects())('authorisation table: every endpoint × role × marking × owner (%s)', (dialect) => {
  let node: TestNode;
  const clients = new Map<User, ApiClient>();
  const subjects = new Map<User, Subject>();
  const base: Omit<Fixtures, 'alertId' | 'alertVersion'> = { userId: '', peerId: '', agencyId: '', events: { draft: '', submitted: '', validated: '', published: '' }, warningId: '', warningCap: '', gaugeId: '', trade: { exit: '', entry: '', declarationId: '', crossingId: '', transitId: '', marketId: '', marketRef: '' }, liaison: { channelId: '', closedRfiId: '' }, meetings: { units: [], meetingId: '', actionId: '', operationId: '' } };

  /** Events in each workflow status, reported by tj.reporter and moved on by tj.validator. */
  async function makeEvents() {
    const reporter = clients.get('tj.reporter')!;
    const validator = clients.get('tj.validator')!;
    const make = async (steps: string[], marking = { tlp: 'AMBER' }) => {
      const e = await reporter.post('/api/events', { ...EVENT_BODY(), marking });
      let version = 1;
      for (const step of steps) {
        const by = step === 'submit' ? reporter : validator;
        const res = await by.request('POST', `/api/events/${e.body.id}/${step}`, {}, { headers: { 'if-match': `"${version++}"` } });
        if (res.status !== 200) throw new Error(`${step}: ${res.text}`);
      }
      return e.body.id as string;
    };
    base.events = {
      draft: await make([]),
      submitted: await make(['submit']),
      validated: await make(['submit', 'validate']),
      published: await make(['submit', 'validate', 'publish'], { tlp: 'GREEN' }),
    };
  }

  async function login(user: User) {
    const client = await node.as(user);
    clients.set(user, client);
    const u = (await client.get('/api/auth/me')).body.user;
    subjects.set(user, { userId: u.id, roles: u.roles, stateCode: u.state, agencyId: u.agencyId, unitId: u.unitId });
  }

  async function makeAlert(f: Fixture): Promise<string> {
    const marking = { ...DEFAULT_ALERT_MARKING, ...f.marking };
    const body = { subject: { kind: 'person' as const, names: [{ name: 'Table Person', quality: 'good' as const }], birthDates: [], nationalities: [], documents: [] }, reason: 'Table fixture', action: 'arrest' as const, validUntil: null, marking };
    if (f.by !== 'peer') return (await createAlert(node.ctx, subjects.get(f.by)!, body)).id;
    const id = randomUUID();
    await inWriteTransaction(node.ctx.db, (trx) =>
      saveReceivedRecord(trx, {
        type: 'alert',
        id,
        version: 2,
        body: { ...body, validFrom: '2026-01-01', source: 'local', sourceRef: null, active: true },
        marking,
        owner: { node: 'node-peer', state: 'TJ', agencyId: base.agencyId, unitId: null },
        peerId: 'table',
      }),
    );
    return id;
  }

  async function send(row: Row, who: User | 'anonymous', f: Fixtures): Promise<number> {
    const [method, path] = partsOf(row.route);
    const call = row.call?.(f) ?? {};
    const url = call.url ?? path;
    const original = who === 'anonymous' ? null : row.endsSession ? await node.as(who) : clients.get(who)!;
    if (method === 'GET' && path === '/api/stream') {
      const stream = await openStream(node.url, original?.cookie ?? null);
      stream.close();
      return stream.status;
    }
    // A copy of the session, so that a login row does not replace the caller's own.
    const client = Object.assign(new ApiClient(node.url), { cookie: original?.cookie ?? null, csrfToken: original?.csrfToken ?? null });
    const res = await client.request(method, url, call.body, { headers: call.headers, rawBody: call.rawBody });
    return res.status;
  }

  beforeAll(async () => {
    node = await startTestNode(dialect);
    for (const user of USERS) await login(user);
    const admin = clients.get('admin')!;
    base.agencyId = subjects.get('tj.analyst')!.agencyId;
    const target = await admin.post('/api/users', { username: 'table.target', displayName: 'Target', password: 'a-long-password-1', roles: ['reporter'], agencyId: base.agencyId });
    base.userId = target.body.id;
    const peer = await admin.post('/api/federation/peers', { name: 'table-peer', url: 'http://127.0.0.1:9', stateCode: 'UZ', publicKey: publicKey(), nodeId: 'node-table-peer' });
    base.peerId = peer.body.id;
    await makeEvents();
    const analyst = clients.get('tj.analyst')!;
    base.warningId = (await analyst.post('/api/warnings', WARNING_BODY)).body.id;
    base.warningCap = (await analyst.get(`/api/warnings/${base.warningId}/cap`)).text;
    base.gaugeId = (await analyst.post('/api/gauges', { ref: 'table-gauge', name: name('Table gauge'), river: 'Panj', location: [71.52, 37.49], thresholds: { watchCm: 500, warningCm: 600, dangerCm: 700 } })).body.id;
    // Trade fixtures, by tj.customs.
    const units = (await admin.get('/api/units?kind=crossing_point')).body.items as { id: string; ref: string }[];
    base.trade.exit = units.find((u) => u.ref === 'tj-bcp-panji-poyon')!.id;
    base.trade.entry = units.find((u) => u.ref === 'af-bcp-sher-khan-bandar')!.id;
    const customs = clients.get('tj.customs')!;
    const decl = await customs.post('/api/declarations', tradeDeclaration(base as Fixtures));
    base.trade.declarationId = decl.body.id;
    base.trade.crossingId = (await customs.post(`/api/declarations/${decl.body.id}/arrival`, { plate: '4471 TJ 03', grossMassKg: 20_000, seals: [] })).body.id;
    base.trade.transitId = (await customs.post('/api/transits', tradeTransit(base as Fixtures))).body.id;
    base.trade.marketId = (await customs.get('/api/markets')).body.items[0].id;
    const channel = await writeRecord(node.ctx, { kind: 'system', name: 'table' }, { type: 'liaison_channel', body: { ref: 'table-channel', title: 'Table channel', kind: 'headquarters', members: LIAISON_MEMBERS, procedures: '', contacts: [] }, marking: { tlp: 'AMBER', releasableTo: { states: ['AF'], agencies: [], units: [] }, hops: 1 } });
    base.liaison.channelId = channel.record.id;
    const validator = clients.get('tj.validator')!;
    const rfi = await validator.post(`/api/liaison/channels/${channel.record.id}/messages`, { templateId: 'rfi_vehicle', fields: { plate: '01 ТТ 4471' }, rfi: { deadline: new Date(Date.now() + 86_400_000).toISOString(), priority: 'routine' } });
    base.liaison.closedRfiId = rfi.body.id;
    if ((await validator.post(`/api/liaison/rfis/${rfi.body.id}/close`, {})).status !== 201) throw new Error('liaison fixture');
    // Meetings fixtures: af.liaison's BLO and the TJ BLO facing it.
    const liaisonUnit = subjects.get('af.liaison')!.unitId!;
    const paired = ((await admin.get('/api/units')).body.items as { id: string; pairedWithId: string | null }[]).find((u) => u.id === liaisonUnit)!.pairedWithId!;
    base.meetings.units = [liaisonUnit, paired];
    const commander = clients.get('tj.commander')!;
    base.meetings.meetingId = (await commander.post('/api/meetings', meetingBody(base as Fixtures))).body.id;
    base.meetings.actionId = (await commander.post(`/api/meetings/${base.meetings.meetingId}/actions`, { title: 'Table item', owner: { kind: 'unit', id: liaisonUnit }, dueDate: '2027-01-10' })).body.id;
    base.meetings.operationId = (await commander.post('/api/operations', operationBody(base as Fixtures))).body.id;
    const market = (await customs.get('/api/markets')).body.items[0];
    base.trade.marketId = market.id;
    base.trade.marketRef = market.ref;
    await analyst.post('/api/selectivity/rules', { id: 'table-put-rule', name: 'Table rule', lane: 'yellow', when: { hsPrefixes: ['01'] } });
  }, 120_000);
  afterAll(async () => node?.close());

  it('lists every registered endpoint, and nothing that is not one', { timeout: 60_000 }, async () => {
    const registered = new Set<string>();
    const probe = await buildApp(node.ctx, { onRoute: (r) => r.method !== 'HEAD' && registered.add(`${r.method} ${r.url}`) });
    await probe.close();
    const inTable = new Set(TABLE.map((r) => r.route));
    expect([...registered].filter((r) => !inTable.has(r)), 'endpoints missing from TABLE').toEqual([]);
    expect([...inTable].filter((r) => !registered.has(r)), 'rows for endpoints that do not exist').toEqual([]);
  });

  const plain = TABLE.filter((r) => !r.record);
  // Generous timeouts: a row makes ten requests, some with a password hash, on a shared machine.
  it.each(plain.map((r) => [`${r.route}${r.variant ? ` (${r.variant})` : ''}`, r] as const))('%s', { timeout: 180_000 }, async (_route, row) => {
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const who of ['anonymous', ...USERS] as const) {
      want[who] = expectedFor(row, who);
      got[who] = await send(row, who, { ...base, alertId: '', alertVersion: 0 } as Fixtures);
    }
    expect(got).toEqual(want);
  });

  const onRecords = TABLE.filter((r) => r.record).flatMap((r) => Object.keys(FIXTURES).map((fixture) => [`${r.route}${r.variant ? ` (${r.variant})` : ''}`, fixture, r] as const));
  it.each(onRecords)('%s on an alert: %s', { timeout: 180_000 }, async (_route, fixtureName, row) => {
    const fixture = FIXTURES[fixtureName]!;
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const who of ['anonymous', ...USERS] as const) {
      // A fresh alert per caller: a change by one must not decide the next one's answer.
      const alertId = await makeAlert(fixture);
      const alertVersion = (await findRecord(node.ctx.db.kysely, 'alert', alertId))!.version;
      want[who] = expectedFor(row, who, fixture);
      got[who] = await send(row, who, { ...base, alertId, alertVersion });
      if (got[who] !== 200 && row.record !== 'read') expect((await findRecord(node.ctx.db.kysely, 'alert', alertId))!.version, `${who} changed it`).toBe(alertVersion);
    }
    expect(got).toEqual(want);
  });
});

