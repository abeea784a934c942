import { useTranslation } from 'react-i18next';
import { formatNumber, useLocale } from '../../util.ts';
import { SEVERITY_COLORS, type EventFeature } from './model.ts';

const DAY = 86_400_000;

/** The events in view, newest first; a row opens the event. */
export function EventTable({
  events,
  sectionName,
  onSelect,
  selectedId,
}: {
  events: EventFeature[];
  sectionName: (id: string | null) => string;
  onSelect: (id: string) => void;
  selectedId: string | null;
}) {
  const { t } = useTranslation();
  const loc = useLocale();
  const rows = [...events].sort((a, b) => b.properties.occurredAt.localeCompare(a.properties.occurredAt)).slice(0, 500);
  return (
    <div className="table-wrap">
      <table className="data-table event-table" data-testid="event-table">
        <thead>
          <tr>
            <th scope="col">{t('picture.columns.when')}</th>
            <th scope="col">{t('picture.columns.category')}</th>
            <th scope="col">{t('picture.columns.severity')}</th>
            <th scope="col">{t('picture.columns.section')}</th>
            <th scope="col">{t('picture.columns.status')}</th>
            <th scope="col">{t('picture.columns.grading')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => {
            const p = e.properties;
            return (
              <tr key={e.id} data-event-id={e.id} aria-selected={e.id === selectedId}>
                <td>
                  <button type="button" className="link-button" onClick={() => onSelect(e.id)}>
                    {loc.date(p.occurredAt)}
                  </button>
                </td>
                <td>{t(`picture.category.${p.category}`)}</td>
                <td>
                  <span className="sev-dot" style={{ background: SEVERITY_COLORS[p.severity] }} aria-hidden="true" /> {t(`picture.severity.${p.severity}`)}
                </td>
                <td>{sectionName(p.sectionId)}</td>
                <td>{t(`picture.status.${p.status}`)}</td>
                <td>
                  <bdi dir="ltr">
                    {p.grading.reliability}
                    {formatNumber(p.grading.credibility, loc.lang)}
                  </bdi>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Events per day over the time window, as bars (newest on the reading end). */
export function Timeline({ events, days }: { events: EventFeature[]; days: number }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const today = Math.floor(Date.now() / DAY);
  const counts = new Array<number>(days).fill(0);
  for (const e of events) {
    const d = today - Math.floor(Date.parse(e.properties.occurredAt) / DAY);
    if (d >= 0 && d < days) counts[days - 1 - d]!++;
  }
  const max = Math.max(1, ...counts);
  return (
    <figure className="timeline" data-testid="event-timeline" data-total={counts.reduce((a, b) => a + b, 0)}>
      <figcaption className="muted">{t('picture.timelineHint')}</figcaption>
      <div className="timeline-bars">
        {counts.map((n, i) => (
          <span
            key={i}
            className="timeline-bar"
            style={{ blockSize: `${(100 * n) / max}%` }}
            title={`${loc.date(new Date((today - (days - 1 - i)) * DAY))}: ${formatNumber(n, loc.lang)}`}
            data-count={n}
          />
        ))}
      </div>
    </figure>
  );
}
