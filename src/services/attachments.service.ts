import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { eventTarget } from '../domain/policy/events.policy.ts';
import { authorize } from '../domain/policy/authorize.ts';
import type { Subject } from '../domain/policy/roles.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { findAttachment, insertAttachment, listAttachments, type AttachmentRow } from '../store/attachments.repository.ts';
import { findRecord } from '../store/records.repository.ts';
import { inWriteTransaction } from '../store/transaction.ts';
import type { AppContext } from './context.ts';
import { mayReadPersonalData, readEvent } from './events.service.ts';

/** What may be attached, decided by the bytes (file-type), never by the name or the declared type. */
export const ATTACHMENT_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};

export function filesDir(ctx: AppContext): string {
  return path.join(ctx.config.dataDir, 'files', 'events');
}

const safeName = (name: string | undefined, ext: string) => {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const base = (name ?? '').normalize('NFC').replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').trim().slice(0, 120);
  return base.length > 0 ? base : `attachment.${ext}`;
};

/**
 * Stores a photo or document of an event outside the database (<data dir>/files/events/<id>),
 * after checking its type by content. The file is written under a temporary name and renamed
 * only when complete; the row follows in a write transaction and the file is removed if that
 * fails — so nothing is ever half-written.
 */
export async function addAttachment(ctx: AppContext, subject: Subject, eventId: string, data: Buffer, declaredType: string | undefined, name: string | undefined): Promise<AttachmentRow> {
  authorize(subject, 'events:attach');
  const event = await findRecord(ctx.db.kysely, 'event', eventId);
  if (!event) throw notFound('event');
  authorize(subject, 'events:attach', eventTarget(ctx.node.id, event));
  if (data.length === 0) throw new AppError('VALIDATION_FAILED', 'The attachment is empty');
  if (data.length > ctx.config.attachmentMaxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Attachments are limited to ${ctx.config.attachmentMaxBytes} bytes`);
  const detected = await fileTypeFromBuffer(data);
  const mediaType = detected?.mime;
  if (!mediaType || !ATTACHMENT_TYPES[mediaType]) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `The content is ${detected ? detected.mime : 'not a recognised file type'}; attach a photo (JPEG, PNG, WebP, HEIC) or a PDF`, { detected: mediaType ?? null });
  }
  const declared = declaredType?.split(';')[0]?.trim().toLowerCase();
  if (declared && declared !== 'application/octet-stream' && declared !== mediaType) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Declared ${declared} but the content is ${mediaType}`, { detected: mediaType, declared });
  }
  const id = randomUUID();
  const dir = filesDir(ctx);
  await fs.promises.mkdir(dir, { recursive: true });
  const final = path.join(dir, id);
  const part = `${final}.part`;
  const row: AttachmentRow = {
    id,
    event_id: eventId,
    file_name: safeName(name, ATTACHMENT_TYPES[mediaType]!),
    media_type: mediaType,
    size: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    created_by: subject.userId,
    created_at: new Date().toISOString(),
  };
  try {
    const handle = await fs.promises.open(part, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(part, final);
    await inWriteTransaction(ctx.db, async (trx) => {
      await insertAttachment(trx, row);
      await appendAudit(trx, { actor: subject.userId, action: 'event.attach', entityType: 'event', entityId: eventId, detail: { attachmentId: id, mediaType, size: row.size, sha256: row.sha256 } });
    });
  } catch (err) {
    await fs.promises.rm(part, { force: true });
    await fs.promises.rm(final, { force: true });
    throw err;
  }
  return row;
}

export async function eventAttachments(ctx: AppContext, subject: Subject, eventId: string): Promise<AttachmentRow[]> {
  await readEvent(ctx, subject, eventId);
  return listAttachments(ctx.db.kysely, eventId);
}

/**
 * The file, for readers of the event cleared for personal data (a photo can show a person):
 * partner observers see that attachments exist, not their content. The read is audited.
 */
export async function openAttachment(ctx: AppContext, subject: Subject, eventId: string, id: string): Promise<{ row: AttachmentRow; stream: fs.ReadStream }> {
  await readEvent(ctx, subject, eventId);
  if (!mayReadPersonalData(subject)) throw forbidden('Attachments may show persons: your role does not open them');
  const row = await findAttachment(ctx.db.kysely, eventId, id);
  if (!row) throw notFound('attachment');
  const file = path.join(filesDir(ctx), row.id);
  if (!fs.existsSync(file)) throw notFound('attachment file');
  ctx.reads.record({ actor: subject.userId, action: 'personal_data.read', entityType: 'event_attachment', entityId: id, detail: { eventId } });
  return { row, stream: fs.createReadStream(file) };
}
