import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useLocale } from '../../util.ts';
import { ChannelPanel } from './ChannelPanel.tsx';
import { DashboardPanel } from './DashboardPanel.tsx';
import type { ChannelItem } from './types.ts';

/** The liaison officer's workspace (#/liaison): channels with the counterpart units, and the co-operation dashboard. */
export function LiaisonPage({ canDashboard }: { canDashboard: boolean }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [tab, setTab] = useState<'channels' | 'dashboard'>('channels');
  const [channels, setChannels] = useState<ChannelItem[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const r = await api.get<{ items: ChannelItem[] }>('/api/liaison/channels');
      setChannels(r.items);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => void load(), [load]);

  return (
    <main className="page liaison-page" data-testid="liaison-page">
      <h1>{t('liaison.title')}</h1>
      {canDashboard && (
        <div className="liaison-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'channels'} onClick={() => setTab('channels')} data-testid="liaison-tab-channels">
            {t('liaison.tabChannels')}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'dashboard'} onClick={() => setTab('dashboard')} data-testid="liaison-tab-dashboard">
            {t('liaison.tabDashboard')}
          </button>
        </div>
      )}
      <ErrorMessage error={error} testId="liaison-error" />
      {tab === 'dashboard' ? (
        <DashboardPanel />
      ) : (
        <div className="liaison-layout">
          <nav className="liaison-list" aria-label={t('liaison.channels')}>
            {channels?.length === 0 && <p data-testid="liaison-no-channels">{t('liaison.noChannels')}</p>}
            <ul>
              {channels?.map((c) => (
                <li key={c.id}>
                  <button type="button" className="liaison-channel-button" aria-current={selected === c.id ? 'true' : undefined} onClick={() => setSelected(c.id)} data-testid="liaison-channel" data-ref={c.ref}>
                    <strong>{c.title}</strong>
                    <small>
                      {t(`liaison.kind.${c.kind}`)} · {c.pairKey}
                      {c.lastAt && <> · {loc.date(c.lastAt)}</>}
                    </small>
                    {c.openRfis > 0 && <span className="liaison-state liaison-state-open">{t('liaison.openCount', { n: c.openRfis })}</span>}
                    {c.overdueRfis > 0 && <span className="liaison-state liaison-state-overdue" data-testid="channel-overdue">{t('liaison.overdueCount', { n: c.overdueRfis })}</span>}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <div className="liaison-main">{selected ? <ChannelPanel key={selected} channelId={selected} onChanged={() => void load()} /> : <p>{t('liaison.chooseChannel')}</p>}</div>
        </div>
      )}
    </main>
  );
}
