import { z } from 'zod';
import type { AuditLogTable } from '../../../store/schema.ts';

export const WITHHELD = '[withheld]';

export const auditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.object({ id: z.string(), username: z.string().nullable() }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.output<typeof auditEntryView>;

// Keys that could name or describe a person: their values never leave the server.
const PERSONAL_KEY = /name|birth|document|passport|subject|query|person|address|phone|email|comment|note|text|description/i;
// Ids, codes, versions, hashes and keys: ASCII tokens with no spaces.
const TOKEN = /^[A-Za-z0-9._:+/=@-]{0,200}$/;
const HASH = /^[0-9a-f]{64}$/;

/**
 * Details are written to hold ids, versions, hashes and counts only; this is the second line
 * of defence. Numbers, booleans and hashes pass; any other value under a key that could be
 * personal, and any string that is not a plain token (free text, a name in any script), is
 * withheld.
 */
export function sanitiseDetail(value: unknown, key = ''): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (HASH.test(value)) return value;
    return !PERSONAL_KEY.test(key) && TOKEN.test(value) ? value : WITHHELD;
  }
  if (Array.isArray(value)) return PERSONAL_KEY.test(key) ? WITHHELD : value.map((v) => sanitiseDetail(v, key));
  if (typeof value === 'object') {
    if (PERSONAL_KEY.test(key)) return WITHHELD;
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, sanitiseDetail(v, k)]));
  }
  return WITHHELD;
}

/** One entry as the viewer shows it: users as their user name, details sanitised. */
export function presentAuditEntry(row: AuditLogTable, usernames: ReadonlyMap<string, string>): AuditEntryView {
  let detail: unknown;
  try {
    detail = JSON.parse(row.detail_json) as unknown;
  } catch {
    detail = {};
  }
  const clean = sanitiseDetail(detail);
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: { id: row.actor, username: usernames.get(row.actor) ?? null },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    detail: clean && typeof clean === 'object' && !Array.isArray(clean) ? (clean as Record<string, unknown>) : {},
  };
}
