import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { ApiError, request } from '../../api.ts';

/**
 * Reports written at a post are kept in this browser (IndexedDB) BEFORE they are sent, and
 * removed only when the server has them: a report written while the link is down waits here and
 * goes out when it returns. Each carries its own Idempotency-Key from the moment it is written,
 * so a retry after a lost answer never makes a second event (the server answers the first).
 */
export interface QueuedReport {
  key: string;
  body: unknown;
  createdAt: string;
  /** the last refusal (4xx) — kept, shown, never silently dropped */
  error: string | null;
}

interface OutboxDb extends DBSchema {
  reports: { key: string; value: QueuedReport };
}

let dbPromise: Promise<IDBPDatabase<OutboxDb>> | null = null;
function db() {
  dbPromise ??= openDB<OutboxDb>('sarhad-outbox', 1, {
    upgrade(d) {
      d.createObjectStore('reports', { keyPath: 'key' });
    },
  });
  return dbPromise;
}

/** A UUID v4 also where crypto.randomUUID is missing (plain HTTP on a LAN address). */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const listeners = new Set<() => void>();
export function onOutboxChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
const changed = () => listeners.forEach((fn) => fn());

export async function pendingReports(): Promise<QueuedReport[]> {
  return (await db()).getAll('reports');
}

/**
 * Not a refusal of the report: the link is down, the server is busy, or the session must be
 * renewed first (a tab started offline has no CSRF token yet; 401 until the user signs in again).
 * The report stays and is tried again.
 */
const isOffline = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.status === 429 || e.status === 401 || e.code === 'CSRF_FAILED');

async function post(r: QueuedReport): Promise<unknown> {
  return request('POST', '/api/events', r.body, { 'idempotency-key': r.key });
}

/**
 * Keep the report, then try to send it. 'sent' with the server's answer, or 'queued' when the
 * link is down (it will go with the next flush). A refusal (bad input) is thrown and the report
 * is not kept: the form still holds it and shows why.
 */
export async function sendReport<T>(body: unknown): Promise<{ state: 'sent'; event: T } | { state: 'queued' }> {
  const r: QueuedReport = { key: newKey(), body, createdAt: new Date().toISOString(), error: null };
  await (await db()).put('reports', r);
  changed();
  try {
    const event = (await post(r)) as T;
    await (await db()).delete('reports', r.key);
    changed();
    return { state: 'sent', event };
  } catch (e) {
    if (isOffline(e)) return { state: 'queued' };
    await (await db()).delete('reports', r.key);
    changed();
    throw e;
  }
}

let flushing: Promise<number> | null = null;
/** Send what waits, oldest first; stops at the first sign the link is still down. Returns how many went. */
export function flushOutbox(): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    try {
      const waiting = (await pendingReports()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      for (const r of waiting) {
        try {
          await post(r);
          await (await db()).delete('reports', r.key);
          sent++;
        } catch (e) {
          if (isOffline(e)) break;
          await (await db()).put('reports', { ...r, error: e instanceof Error ? e.message : String(e) });
        }
        changed();
      }
    } finally {
      flushing = null;
    }
    return sent;
  })();
  return flushing;
}

let started = false;
/** Flush when the browser says the link is back, at start, and every 30 s while reports wait. */
export function startOutbox(): void {
  if (started || typeof window === 'undefined' || !('indexedDB' in window)) return;
  started = true;
  window.addEventListener('online', () => void flushOutbox());
  void flushOutbox();
  setInterval(() => {
    void pendingReports().then((p) => {
      if (p.length > 0) void flushOutbox();
    });
  }, 30_000);
}
