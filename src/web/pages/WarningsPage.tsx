import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../types.ts';
import { DamageTab } from './warnings/DamageTab.tsx';
import { GaugesTab } from './warnings/GaugesTab.tsx';
import { WarningsTab } from './warnings/WarningsTab.tsx';

type Tab = 'warnings' | 'gauges' | 'damage';

export function WarningsPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('warnings');
  return (
    <main className="content-page warnings-page" data-testid="warnings-page">
      <h1>{t('hazard.title')}</h1>
      <div className="tabs" role="tablist">
        {(['warnings', 'gauges', 'damage'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} data-testid={`tab-${k}`} onClick={() => setTab(k)}>
            {t(k === 'warnings' ? 'hazard.tabWarnings' : k === 'gauges' ? 'hazard.tabGauges' : 'hazard.tabDamage')}
          </button>
        ))}
      </div>
      {tab === 'warnings' && <WarningsTab user={user} />}
      {tab === 'gauges' && <GaugesTab />}
      {tab === 'damage' && <DamageTab />}
    </main>
  );
}

