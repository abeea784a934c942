import { createHmac } from 'node:crypto';
import { normalizeIdentifier } from '../names/identifiers.ts';
import { parseName } from '../names/parts.ts';

/**
 * Who was screened, as keyed hashes: what a false-positive decision is keyed by and the only
 * trace of the traveller that is stored. Each key joins the order-free phonetic stems of the
 * name (so any script or word order gives the same key) with one identifier that tells
 * namesakes apart: a full birth date, or a document number.
 */
export interface TravellerKeys {
  birth: string | null;
  document: string | null;
}

export interface TravellerQuery {
  name?: string;
  birthDate?: string;
  document?: string;
}

/** The identifying strings before hashing (exported for tests; never stored or logged). */
export function travellerIdentifiers(q: TravellerQuery): TravellerKeys {
  const stems = q.name
    ? parseName(q.name)
        .filter((p) => p.role === 'name')
        .map((p) => p.stem)
        .sort()
        .join(' ')
    : '';
  // A birth year alone is shared by too many namesakes to silence an alert for them.
  const birth = q.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(q.birthDate) ? q.birthDate : null;
  const document = q.document ? normalizeIdentifier(q.document) : '';
  return {
    birth: birth && stems ? `b|${stems}|${birth}` : null,
    document: document ? `d|${stems}|${document}` : null,
  };
}

/** HMAC-SHA-256 of each identifier under the node's secret, hex. */
export function travellerKeys(secret: Buffer, q: TravellerQuery): TravellerKeys {
  const ids = travellerIdentifiers(q);
  const mac = (s: string | null) => (s === null ? null : createHmac('sha256', secret).update(s).digest('hex'));
  return { birth: mac(ids.birth), document: mac(ids.document) };
}

export const hasIdentifier = (k: TravellerKeys) => k.birth !== null || k.document !== null;

/**
 * Is the traveller asked about the one a decision was taken for? At least one identifier must
 * be present on both sides, and every identifier present on both sides must agree: the same
 * name and birth date with another passport is another person for this purpose.
 */
export function sameTraveller(decided: TravellerKeys, asked: TravellerKeys): boolean {
  let shared = 0;
  for (const k of ['birth', 'document'] as const) {
    if (decided[k] === null || asked[k] === null) continue;
    if (decided[k] !== asked[k]) return false;
    shared++;
  }
  return shared > 0;
}
