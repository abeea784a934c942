import pg from 'pg';
import { sql } from 'kysely';
import type { Db } from './db.ts';

/** The PostgreSQL channel on which every process of a node announces committed changes. */
export const CHANGE_CHANNEL = 'sarhad_changes';

/** NOTIFY refuses payloads of 8000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7900;

export async function notifyChange(db: Db, payload: string): Promise<void> {
  await sql`select pg_notify(${CHANGE_CHANNEL}, ${payload})`.execute(db.kysely);
}

export interface ChangeListener {
  close(): Promise<void>;
}

/**
 * LISTENs on the change channel over a dedicated connection (a pooled one would drop the
 * subscription when returned). A lost connection is retried; `onReconnect` is called after
 * the listener is back, since notifications sent in between are gone.
 */
export async function listenChanges(
  databaseUrl: string,
  handlers: { onPayload(payload: string): void; onReconnect(): void; onError(err: unknown): void },
  retryMs = 1000,
): Promise<ChangeListener> {
  let closed = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on('notification', (msg) => {
      if (msg.channel === CHANGE_CHANNEL && msg.payload) handlers.onPayload(msg.payload);
    });
    c.on('error', (err) => {
      handlers.onError(err);
      retry(c);
    });
    c.on('end', () => retry(c));
    await c.connect();
    await c.query(`listen ${CHANGE_CHANNEL}`);
    client = c;
  };
  const retry = (dead: pg.Client) => {
    if (closed || client !== dead || timer) return;
    client = null;
    dead.end().catch(() => undefined);
    const attempt = () => {
      timer = null;
      if (closed) return;
      connect().then(handlers.onReconnect, (err) => {
        handlers.onError(err);
        if (!closed) timer = setTimeout(attempt, retryMs);
      });
    };
    timer = setTimeout(attempt, retryMs);
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
