import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { formatNumber, useLocale } from '../../util.ts';

interface Attachment {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
}

/**
 * The photos and documents of an event, as download links (the server serves them only to readers
 * cleared for personal data, never inline). Shown only when there are any.
 */
export function EventPhotos({ eventId, version }: { eventId: string; version: number }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [items, setItems] = useState<Attachment[]>([]);
  useEffect(() => {
    let gone = false;
    api.get<{ items: Attachment[] }>(`/api/events/${eventId}/attachments`).then((r) => !gone && setItems(r.items), () => undefined);
    return () => {
      gone = true;
    };
  }, [eventId, version]);
  if (items.length === 0) return null;
  return (
    <div className="event-photos" data-testid="event-photos">
      <h3>{t('situation.photos')}</h3>
      <ul className="photo-list">
        {items.map((a) => (
          <li key={a.id}>
            <a href={`/api/events/${eventId}/attachments/${a.id}`} download={a.fileName} dir="auto">
              {a.fileName}
            </a>{' '}
            <span className="section-meta">({formatNumber(Math.max(1, Math.round(a.size / 1024)), loc.lang)} KB)</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
