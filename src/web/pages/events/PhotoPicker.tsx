import { useTranslation } from 'react-i18next';
import { formatNumber, useLocale } from '../../util.ts';

/**
 * Photos for a report: chosen from the device or taken with its camera (`capture`), listed by
 * name and size before sending. They go with the report through the outbox, so photos taken with
 * the link down are kept on the device and sent when it returns.
 */
export function PhotoPicker({ photos, onChange }: { photos: File[]; onChange: (files: File[]) => void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const kb = (n: number) => `${formatNumber(Math.max(1, Math.round(n / 1024)), loc.lang)} KB`;
  return (
    <fieldset className="field photo-field">
      <legend>{t('situation.photos')}</legend>
      <label className="btn">
        {t('situation.addPhotos')}
        <input
          type="file"
          name="photos"
          accept="image/jpeg,image/png,image/webp,image/heic"
          capture="environment"
          multiple
          className="visually-hidden"
          data-testid="report-photos"
          onChange={(e) => {
            const chosen = [...(e.target.files ?? [])];
            e.target.value = '';
            onChange([...photos, ...chosen]);
          }}
        />
      </label>
      {photos.length > 0 && (
        <ul className="photo-list" data-testid="report-photo-list">
          {photos.map((p, i) => (
            <li key={`${p.name}-${i}`} data-testid="report-photo">
              <span dir="auto">{p.name}</span> <span className="section-meta">({kb(p.size)})</span>{' '}
              <button type="button" className="btn btn-quiet" aria-label={t('situation.removePhoto', { name: p.name })} onClick={() => onChange(photos.filter((_, j) => j !== i))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
