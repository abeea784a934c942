import { describe, expect, it } from 'vitest';
import { decideOutbound, type Agreement } from '../federation/sharing-policy.ts';
import { CLEAR_MARKING } from '../records/marking.ts';
import { blurLocation, eventBodySchema, eventForSharing, EVENT_STATUSES, EVENT_TRANSITIONS, holdsPersonalData, nextStatus, type EventBody } from './event.ts';

const body = (over: Partial<EventBody> = {}): EventBody =>
  eventBodySchema.parse({
    category: 'illegal_crossing',
    severity: 'medium',
    status: 'published',
    occurredAt: '2026-11-01T10:00:00.000Z',
    detectedAt: null,
    reportedAt: '2026-11-01T11:00:00.000Z',
    location: { lat: 37.2154321, lon: 68.6212345 },
    sectionId: null,
    unitId: null,
    borderDistanceKm: 1.2,
    reportingUnitId: null,
    narrative: { text: 'x', lang: 'en' },
    involved: { persons: [], vehicles: [], goods: [] },
    grading: { reliability: 'F', credibility: 6 },
    source: 'officer',
    communityReportId: null,
    followUpOf: null,
    returnComment: null,
    validatedBy: null,
    firstPublishedAt: '2026-11-01T12:00:00.000Z',
    closure: null,
    ...over,
  });

describe('event workflow', () => {
  it('allows exactly the JORA steps', () => {
    const allowed = EVENT_STATUSES.flatMap((s) => EVENT_TRANSITIONS.filter((t) => nextStatus(s, t)).map((t) => `${s} -${t}-> ${nextStatus(s, t)}`));
    expect(allowed.sort()).toEqual(
      [
        'draft -submit-> submitted',
        'returned -submit-> submitted',
        'submitted -validate-> validated',
        'submitted -return-> returned',
        'validated -return-> returned',
        'validated -publish-> published',
        'published -close-> closed',
      ].sort(),
    );
  });
});

describe('sharing an event', () => {
  const agreement: Agreement = { id: 'a', peerId: 'p', types: ['event'], maxTlp: 'AMBER', personalData: false, redact: [], active: true };
  const share = (b: EventBody) => decideOutbound({ type: 'event', owner: { node: 'n1', state: 'TJ' }, marking: CLEAR_MARKING, body: b }, { agreement, peerState: 'AF', localNode: 'n1' });

  it('an event still in the workflow never leaves the node', () => {
    for (const status of ['draft', 'submitted', 'returned', 'validated'] as const) expect(share(body({ status }))).toEqual({ share: false, reason: 'NOT_SHAREABLE' });
    expect(share(body())).toMatchObject({ share: true });
    expect(share(body({ status: 'closed' }))).toMatchObject({ share: true });
  });

  it('a community report leaves without its report id and with the location blurred to the chosen grid', () => {
    const b = body({ source: 'community', communityReportId: '4f3c2b1a-0000-4000-8000-000000000001', sharedPrecisionKm: 10 });
    const out = share(b);
    if (!out.share) throw new Error('refused');
    const sent = out.body as EventBody;
    expect(sent.communityReportId).toBeNull();
    expect(sent.borderDistanceKm).toBeNull();
    expect(sent.location).toEqual(blurLocation(b.location, 10));
    expect(Math.abs(sent.location.lat - b.location.lat)).toBeLessThan(0.05);
    expect(sent.location).not.toEqual(b.location);
    // An officer's report keeps its position.
    expect((eventForSharing(body()) as EventBody).location).toEqual(body().location);
  });

  it('names, documents or plates make an event personal data, refused without an agreement allowing it', () => {
    const named = body({ involved: { persons: [{ role: 'suspect', count: 1, nationality: null, names: ['A B'], documents: [] }], vehicles: [], goods: [] } });
    expect(holdsPersonalData(named)).toBe(true);
    expect(holdsPersonalData(body({ involved: { persons: [{ role: 'suspect', count: 3, nationality: 'AF', names: [], documents: [] }], vehicles: [], goods: [] } }))).toBe(false);
    expect(share(named)).toEqual({ share: false, reason: 'PERSONAL_DATA' });
  });

  it('blurring snaps nearby points to the same cell', () => {
    const a = blurLocation({ lat: 37.2101, lon: 68.6101 }, 5);
    const b = blurLocation({ lat: 37.2102, lon: 68.6102 }, 5);
    expect(a).toEqual(b);
    expect(blurLocation({ lat: 37.2101, lon: 68.6101 }, 0)).toEqual({ lat: 37.2101, lon: 68.6101 });
  });
});
