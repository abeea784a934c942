/**
 * GET /api/events as JSON text: the page's rows are read without their bodies first, the
 * policy decides per decision key (event-decisions.ts), and each feature the reader may see is
 * taken from the feature cache (feature-cache.ts) when the row is unchanged since it was made;
 * only the rest are read whole, presented and serialised — once, for every later page that holds
 * them. The answer is the same as presenting every event of listEvents (events-query.service.ts):
 * same rows, order, skipping, cursor, redactions and read audit (event-features.test.ts).
 */
import { holdsPersonalData, type EventStatus } from '../domain/events/event.ts';
import { authorize } from '../domain/policy/authorize.ts';
import type { Subject } from '../domain/policy/roles.ts';
import type { Marking } from '../domain/records/marking.ts';
import { eventRowsByIds, queryEventHeaders, type EventHeaderRow } from '../store/events.repository.ts';
import { recordFromRow } from '../store/records.repository.ts';
import type { AppContext } from './context.ts';
import { EventDecisions, type EventDecision } from './event-decisions.ts';
import { decodeCursor, encodeCursor, eventQueryOf, type EventsQuery } from './events-query.service.ts';
import { auditPersonalReadCount, type SavedEvent } from './events.service.ts';
import { featureCache } from './feature-cache.ts';

export interface FeaturePage {
  /** each feature of the page as JSON, newest first */
  features: string[];
  next: string | null;
}

/** What a feature depends on besides the row: the decision's outputs, not the reader. */
function decisionTag(d: EventDecision): string {
  const a = d.abilities;
  const b = (x: boolean) => (x ? '1' : '0');
  return b(a.update) + b(a.submit) + b(a.validate) + b(a.return) + b(a.publish) + b(a.close) + b(d.otherSide) + b(d.personalData);
}

/** The row as it stands: any write of an event changes at least one of these. */
const stampOf = (r: Pick<EventHeaderRow, 'version' | 'updated_at' | 'status' | 'marking_json'>) => `${r.version}\u0000${r.updated_at}\u0000${r.status}\u0000${r.marking_json}`;

/** The event's metadata from its header row, with only the status of its body (enough for the policy). */
function headerEvent(r: EventHeaderRow, markings: Map<string, Marking>): SavedEvent {
  let marking = markings.get(r.marking_json);
  if (!marking) {
    marking = JSON.parse(r.marking_json) as Marking;
    markings.set(r.marking_json, marking);
  }
  return {
    id: r.id,
    type: 'event',
    version: r.version,
    owner: { node: r.owner_node, state: r.owner_state, agencyId: r.owner_agency_id, unitId: r.owner_unit_id },
    marking,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
    body: { status: r.status as EventStatus } as SavedEvent['body'],
  };
}

/**
 * One page of features the subject may see. `present` turns an event into its Feature object
 * (the route's presentEvent), called only for features not cached.
 */
export async function listEventFeatures(ctx: AppContext, subject: Subject, q: EventsQuery, present: (e: SavedEvent, decisions: EventDecisions) => unknown): Promise<FeaturePage> {
  authorize(subject, 'events:read');
  const base = eventQueryOf(q);
  const cache = featureCache(ctx.db, ctx.config.eventFeatureCache);
  const decisions = new EventDecisions(subject, ctx.node.id);
  const tags = new Map<EventDecision, string>();
  const tagOf = (d: EventDecision) => {
    let t = tags.get(d);
    if (t === undefined) tags.set(d, (t = decisionTag(d)));
    return t;
  };
  const markings = new Map<string, Marking>();
  let after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const features: string[] = [];
  let personal = 0;
  let scanned = 0;
  let exhausted = false;
  while (features.length < q.limit && scanned < 5 * q.limit) {
    const want = q.limit - features.length;
    const batch = await queryEventHeaders(ctx.db.kysely, { ...base, after, limit: want });
    scanned += batch.length;
    const slots: (string | null)[] = [];
    const missing: { slot: number; id: string }[] = [];
    for (const r of batch) {
      const d = decisions.of(headerEvent(r, markings));
      if (!d.read) continue;
      const hit = cache.get(`${r.id}\u0000${tagOf(d)}`, stampOf(r));
      if (hit) {
        slots.push(hit.json);
        if (hit.personal) personal++;
      } else {
        missing.push({ slot: slots.length, id: r.id });
        slots.push(null);
      }
    }
    if (missing.length > 0) {
      const rows = await eventRowsByIds(ctx.db.kysely, missing.map((m) => m.id));
      for (const m of missing) {
        const row = rows.get(m.id);
        if (!row) continue; // deleted since the page was read
        // Decided again on the whole row: it may have changed between the two reads.
        const e = recordFromRow('event', row);
        const d = decisions.of(e);
        if (!d.read) continue;
        const entry = { stamp: stampOf(row), json: JSON.stringify(present(e, decisions)), personal: holdsPersonalData(e.body) };
        cache.set(`${e.id}\u0000${tagOf(d)}`, entry);
        slots[m.slot] = entry.json;
        if (entry.personal) personal++;
      }
    }
    for (const s of slots) if (s !== null) features.push(s);
    if (batch.length < want) {
      exhausted = true;
      break;
    }
    const last = batch[batch.length - 1]!;
    after = { occurredAt: last.occurred_at, id: last.id };
  }
  auditPersonalReadCount(ctx, subject, personal, null);
  return { features, next: exhausted || !after ? null : encodeCursor(after) };
}
