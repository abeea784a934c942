import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import en from '../../i18n/locales/en.ts';
import type { LocalizedName } from '../../types.ts';
import { useApiData } from '../../useApiData.ts';
import { formatNumber, useLocale } from '../../util.ts';
import { ExplanationList } from './Explanation.tsx';
import type { ExplanationItem, RiskLevel } from './types.ts';

export interface NeighbourNotice {
  id: string;
  fromState: string;
  sectionRef: string | null;
  sectionName: LocalizedName | null;
  from: RiskLevel;
  to: RiskLevel;
  explanation: ExplanationItem[];
  receivedAt: string;
  read: boolean;
}

const loadNotices = () => api.get<{ items: NeighbourNotice[]; unread: number }>('/api/assessments/notices');
const isCountry = (k: string): k is keyof typeof en.country => Object.hasOwn(en.country, k);

/**
 * Notices a neighbour sent to the reader's unit when one of its sections rose to medium or
 * higher (GET /api/assessments/notices): newest first, unread ones marked, refreshed live when
 * an assessment arrives. Shown only when the reader's unit has any.
 */
export function NoticesPanel() {
  const { t } = useTranslation();
  const loc = useLocale();
  const { data, error, reload } = useApiData(loadNotices, ['assessment']);
  const [failed, setFailed] = useState<unknown>(null);
  if (!data || data.items.length === 0) return error ? <ErrorMessage error={error} /> : null;

  const markRead = async (id: string) => {
    try {
      await api.post(`/api/assessments/notices/${encodeURIComponent(id)}/read`, {});
      setFailed(null);
      await reload();
    } catch (e) {
      setFailed(e);
    }
  };
  return (
    <section className="notices-panel" data-testid="notices-panel" aria-labelledby="notices-title">
      <h2 id="notices-title">
        {t('situation.noticesTitle')}{' '}
        {data.unread > 0 && (
          <span className="notices-unread" data-testid="notices-unread">
            {t('situation.unread', { n: formatNumber(data.unread, loc.lang) })}
          </span>
        )}
      </h2>
      <ErrorMessage error={failed} />
      <ul className="notices-list">
        {data.items.map((n) => (
          <li key={n.id} className={`notice-item notice-${n.to}${n.read ? ' is-read' : ''}`} data-testid="notice" data-read={n.read} data-level={n.to}>
            <div>
              <strong>
                {t('situation.notice', {
                  section: n.sectionName ? loc.name(n.sectionName) : (n.sectionRef ?? '—'),
                  from: t(`map.impact.${n.from}`),
                  to: t(`map.impact.${n.to}`),
                  state: isCountry(n.fromState) ? t(`country.${n.fromState}`) : n.fromState,
                })}
              </strong>
              <div className="section-meta">{t('situation.received', { at: `${loc.date(n.receivedAt)} ${n.receivedAt.slice(11, 16)} UTC` })}</div>
              <ExplanationList items={n.explanation} max={3} />
            </div>
            {n.read ? (
              <span className="section-meta">{t('situation.isRead')}</span>
            ) : (
              <button type="button" className="btn" data-testid="notice-read" onClick={() => void markRead(n.id)}>
                {t('situation.markRead')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
