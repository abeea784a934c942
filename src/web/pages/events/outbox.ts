import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { ApiError, request, upload } from '../../api.ts';

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
  /** set once the server has the event: only its photos remain to send */
  eventId?: string | null;
  /** photos not yet on the server, as Blobs in IndexedDB: they survive a reload or a closed tab */
  photos?: QueuedPhoto[];
  /** photos the server refused (too large, not a photo): named to the user, never retried */
  refused?: { name: string; reason: string }[];
}

export interface QueuedPhoto {
  id: string;
  name: string;
  size: number;
  blob: Blob;
}

export interface Delivered<T> {
  event: T | null;
  photosSent: number;
  refused: { name: string; reason: string }[];
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

/** The server's name for a file (attachments.service.ts#safeName): to recognise one already sent. */
const serverName = (name: string) =>
  // eslint-disable-next-line no-control-regex -- the same characters the server replaces
  name.normalize('NFC').replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').trim().slice(0, 120);

async function save(r: QueuedReport): Promise<void> {
  await (await db()).put('reports', r);
  changed();
}

/**
 * Sends a kept report and then its photos, one by one, recording progress in IndexedDB after each
 * step: the event first (its Idempotency-Key makes a retry answer the same event), then every
 * photo not yet on the server. A photo whose answer was lost is recognised on the retry by name
 * and size among the event's attachments, so it is not stored twice. Throws when the link is down
 * (everything not yet sent stays kept) or when the server refuses the report itself.
 */
async function deliver<T>(start: QueuedReport): Promise<Delivered<T>> {
  let r = start;
  let event: T | null = null;
  if (!r.eventId) {
    event = (await post(r)) as T;
    r = { ...r, eventId: (event as { id: string }).id, error: null };
    if ((r.photos ?? []).length > 0) await save(r);
  }
  const refused = [...(r.refused ?? [])];
  let photosSent = 0;
  const photos = r.photos ?? [];
  if (photos.length > 0) {
    const there = await request<{ items: { fileName: string; size: number }[] }>('GET', `/api/events/${r.eventId}/attachments`);
    for (const p of photos) {
      const already = there.items.some((a) => a.size === p.size && a.fileName === serverName(p.name));
      if (!already) {
        try {
          await upload(`/api/events/${r.eventId}/attachments?name=${encodeURIComponent(p.name)}`, p.blob, 'application/octet-stream', () => undefined);
          photosSent++;
        } catch (e) {
          if (isOffline(e)) throw e;
          refused.push({ name: p.name, reason: e instanceof Error ? e.message : String(e) });
        }
      }
      r = { ...r, photos: (r.photos ?? []).filter((x) => x.id !== p.id), refused };
      await save(r);
    }
  }
  await (await db()).delete('reports', r.key);
  changed();
  return { event, photosSent, refused };
}

/**
 * Keep the report (and its photos), then try to send it. 'sent' with the server's answer, or
 * 'queued' when the link is down (it will go with the next flush). A refusal of the report (bad
 * input) is thrown and nothing is kept: the form still holds it and shows why.
 */
export async function sendReport<T>(body: unknown, photos: File[] = []): Promise<({ state: 'sent' } & Delivered<T>) | { state: 'queued'; photos: number }> {
  const r: QueuedReport = {
    key: newKey(),
    body,
    createdAt: new Date().toISOString(),
    error: null,
    eventId: null,
    photos: photos.map((f) => ({ id: newKey(), name: f.name, size: f.size, blob: f })),
    refused: [],
  };
  await save(r);
  try {
    return { state: 'sent', ...(await deliver<T>(r)) };
  } catch (e) {
    if (isOffline(e)) return { state: 'queued', photos: photos.length };
    const now = (await (await db()).get('reports', r.key)) ?? r;
    // the event exists and only a photo step failed for another reason: keep it for the next flush
    if (now.eventId) return { state: 'queued', photos: (now.photos ?? []).length };
    await (await db()).delete('reports', r.key);
    changed();
    throw e;
  }
}

let flushing: Promise<number> | null = null;
/** Send what waits, oldest first; stops at the first sign the link is still down. Returns how many reports went. */
export function flushOutbox(): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    try {
      const waiting = (await pendingReports()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      for (const r of waiting) {
        try {
          await deliver(r);
          sent++;
        } catch (e) {
          if (isOffline(e)) break;
          const now = (await (await db()).get('reports', r.key)) ?? r;
          await (await db()).put('reports', { ...now, error: e instanceof Error ? e.message : String(e) });
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
