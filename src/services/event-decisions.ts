/**
 * The policy's decisions about the events of one answer (a page of the picture, a CSV page, an
 * OGC page), made once per decision key instead of once per event. A page of 1,000 events holds
 * a handful of owners × markings × statuses, so the policy runs a handful of times.
 *
 * The key is every attribute of an event that the events policy (events.policy.ts, access.ts)
 * and the presentation's redactions read: the owner (node, state, agency, unit), the marking
 * (TLP, releasability, hops), the workflow status, and whether the reader created it (the policy
 * compares `createdBy` only with the reader's id). Two events with the same key get the same
 * decision, so the answer is exactly what per-event decisions give (event-decisions.test.ts
 * checks this on a mixed page). A predicate that reads anything else must add it to the key.
 */
import { allows, serialize } from '../domain/policy/authorize.ts';
import { eventTarget, type EventAbilities } from '../domain/policy/events.policy.ts';
import type { Subject } from '../domain/policy/roles.ts';
import type { Marking } from '../domain/records/marking.ts';
import { mayReadPersonalData, type SavedEvent } from './events.service.ts';

export interface EventDecision {
  /** events:read — may the reader see it at all */
  read: boolean;
  /** what the reader may do with it (the buttons the client shows) */
  abilities: EventAbilities;
  /** the other side (another state's officer, a partner observer): a community reporter stays hidden */
  otherSide: boolean;
  /** names, documents and plates are shown */
  personalData: boolean;
}

// The key names every field of a marking: a field added to Marking must be added here (and to
// the key below) — these fail to compile until it is.
const MARKING_FIELDS: Record<keyof Marking, true> = { tlp: true, releasableTo: true, hops: true };
const RELEASE_FIELDS: Record<keyof Marking['releasableTo'], true> = { states: true, agencies: true, units: true };
void MARKING_FIELDS;
void RELEASE_FIELDS;

const list = (xs: readonly string[]) => xs.join('\u0001');
const nullable = (x: string | null) => (x === null ? '\u0002' : x);

/** Built by hand, not with JSON.stringify: it runs for every event of a page (profiled: 3 % of a page's CPU time). */
export function decisionKey(subject: Subject, e: SavedEvent): string {
  const o = e.owner;
  const m = e.marking;
  const r = m.releasableTo;
  return `${o.node}\u0000${o.state}\u0000${nullable(o.agencyId)}\u0000${nullable(o.unitId)}\u0000${m.tlp}\u0000${list(r.states)}\u0000${list(r.agencies)}\u0000${list(r.units)}\u0000${m.hops}\u0000${e.body.status}\u0000${e.createdBy === subject.userId ? 1 : 0}`;
}

/** One reader's decisions, cached per key for the life of one answer (never across requests: roles and markings change). */
export class EventDecisions {
  private readonly cache = new Map<string, EventDecision>();
  private readonly personalData: boolean;

  constructor(
    private readonly subject: Subject,
    private readonly localNode: string,
  ) {
    this.personalData = mayReadPersonalData(subject);
  }

  of(e: SavedEvent): EventDecision {
    const key = decisionKey(this.subject, e);
    let d = this.cache.get(key);
    if (!d) {
      const target = eventTarget(this.localNode, e);
      d = {
        read: allows(this.subject, 'events:read', target),
        abilities: serialize(this.subject, target) as EventAbilities,
        otherSide: this.subject.stateCode !== e.owner.state || this.subject.roles.includes('partner_observer'),
        personalData: this.personalData,
      };
      this.cache.set(key, d);
    }
    return d;
  }

  /** How many decisions were made (distinct keys seen). */
  get size(): number {
    return this.cache.size;
  }
}
