import type { FastifyReply, FastifyRequest } from 'fastify';
import { validation } from '../../errors.ts';

/** A record's ETag is its version: strong, quoted, the same on every node that holds that version. */
export const etagOf = (version: number) => `"${version}"`;

export function sendEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etagOf(version));
}

const ETAG = /^(?:W\/)?"(\d{1,9})"$/;

/**
 * The version an update says it changes: `If-Match: "<version>"` (the ETag of the GET) or
 * `version` in the body. Absent both → undefined, and the service answers 428. `If-Match: *`
 * or a list is refused: it would let a write go through without naming what it replaces.
 */
export function expectedVersion(request: FastifyRequest, bodyVersion: number | undefined): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return bodyVersion;
  const m = ETAG.exec(header.trim());
  if (!m) throw validation('If-Match must be one ETag of the record, such as "3"', [{ path: 'headers.if-match', message: 'one quoted version' }]);
  const fromHeader = Number(m[1]);
  if (bodyVersion !== undefined && bodyVersion !== fromHeader) {
    throw validation('If-Match and "version" name different versions', [{ path: 'version', message: 'differs from If-Match' }]);
  }
  return fromHeader;
}
