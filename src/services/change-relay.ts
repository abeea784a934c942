import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import { markingSchema } from '../domain/records/marking.ts';
import type { RecordChange } from '../domain/records/record.ts';
import { listenChanges, MAX_PAYLOAD_BYTES, notifyChange } from '../store/change-channel.ts';
import type { Db } from '../store/db.ts';
import type { ChangeRelay, EventBus } from './events.ts';

const payloadSchema = z.object({
  origin: z.string(),
  type: z.string(),
  id: z.string(),
  version: z.number().int(),
  op: z.enum(['create', 'update', 'revoke']),
  audience: z
    .object({
      owner: z.object({ node: z.string(), state: z.string(), agencyId: z.string().nullable(), unitId: z.string().nullable() }),
      marking: markingSchema,
      createdBy: z.string(),
    })
    .optional(),
});

/**
 * Relays committed changes between the processes serving one PostgreSQL database with
 * LISTEN/NOTIFY, so that every process's caches and live streams hear every change. The
 * payload is the change header ({type,id,version,op} and its audience for the stream
 * filter), never record content. A process ignores its own notifications: it has already
 * told its listeners.
 */
export async function attachPgRelay(bus: EventBus, db: Db, databaseUrl: string, log: Logger): Promise<void> {
  const origin = randomUUID();
  const listener = await listenChanges(databaseUrl, {
    onPayload: (payload) => {
      let parsed;
      try {
        parsed = payloadSchema.safeParse(JSON.parse(payload));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) {
        log.warn('change channel: malformed notification ignored');
        return;
      }
      const { origin: from, ...change } = parsed.data;
      if (from !== origin) bus.receive(change as RecordChange);
    },
    onReconnect: () => {
      log.warn('change channel: reconnected; caches reset');
      bus.reset();
    },
    onError: (err) => log.warn({ err: (err as Error).message }, 'change channel: connection error'),
  });
  const relay: ChangeRelay = {
    send: async (change) => {
      let payload = JSON.stringify({ origin, type: change.type, id: change.id, version: change.version, op: change.op, audience: change.audience });
      // Too large for NOTIFY: send the header alone; other streams then fail closed for it.
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
        payload = JSON.stringify({ origin, type: change.type, id: change.id, version: change.version, op: change.op });
      }
      await notifyChange(db, payload);
    },
    close: () => listener.close(),
  };
  bus.attachRelay(relay);
}
