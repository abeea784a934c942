import type { EventAttachmentsTable } from './schema.ts';
import type { Executor } from './transaction.ts';

export type AttachmentRow = EventAttachmentsTable;

export async function insertAttachment(db: Executor, row: AttachmentRow): Promise<void> {
  await db.insertInto('event_attachments').values(row).execute();
}

export async function listAttachments(db: Executor, eventId: string): Promise<AttachmentRow[]> {
  return db.selectFrom('event_attachments').selectAll().where('event_id', '=', eventId).orderBy('created_at').orderBy('id').execute();
}

export async function findAttachment(db: Executor, eventId: string, id: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('event_attachments').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}
