import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useRecordEvents } from '../../stream.tsx';
import { useLocale } from '../../util.ts';
import type { LocalizedName } from '../../types.ts';
import type { CurrentItem, RiskLevel } from './types.ts';

interface Notice {
  id: number;
  name: LocalizedName;
  from: RiskLevel;
  to: RiskLevel;
}

/** Tells the user, wherever they are in the app, when a section's level changes (live stream). */
export function RiskNotifier() {
  const { t } = useTranslation();
  const loc = useLocale();
  const levels = useRef<Map<string, RiskLevel> | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const seq = useRef(0);

  const refresh = async (announce: boolean) => {
    try {
      const { items } = await api.get<{ items: CurrentItem[] }>('/api/assessments/current');
      const before = levels.current;
      levels.current = new Map(items.map((i) => [i.sectionId, i.assessment.level]));
      if (!announce || !before) return;
      const changed = items.filter((i) => before.has(i.sectionId) && before.get(i.sectionId) !== i.assessment.level);
      if (changed.length > 0) {
        setNotices((n) => [...n, ...changed.map((c) => ({ id: ++seq.current, name: c.name, from: before.get(c.sectionId)!, to: c.assessment.level }))].slice(-4));
      }
    } catch {
      /* a notification is a courtesy: the pages show the levels anyway */
    }
  };
  useEffect(() => {
    void refresh(false);
  }, []);
  useRecordEvents(['assessment'], () => void refresh(true));

  if (notices.length === 0) return null;
  return (
    <div className="risk-notices" role="status" aria-live="polite" data-testid="risk-notices">
      {notices.map((n) => (
        <div key={n.id} className={`risk-notice impact-${n.to}`} data-testid="risk-notice" data-level={n.to}>
          <a href="#/risk">{t('risk.changed', { section: loc.name(n.name), from: t(`map.impact.${n.from}`), to: t(`map.impact.${n.to}`) })}</a>
          <button type="button" className="btn btn-quiet" aria-label={t('risk.dismiss')} onClick={() => setNotices((all) => all.filter((x) => x.id !== n.id))}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
