import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { can } from '../permissions.ts';
import type { Alert, ListAnswer, User } from '../types.ts';
import { useApiData } from '../useApiData.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { UnImport } from '../components/UnImport.tsx';
import { AlertList } from './alerts/AlertList.tsx';
import { CreateAlertForm } from './alerts/CreateAlertForm.tsx';

async function loadAlerts(): Promise<Alert[]> {
  return (await api.get<ListAnswer<Alert>>('/api/alerts')).items;
}

export function AlertsPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const { data: alerts, error, reload } = useApiData(loadAlerts, ['alert']);

  return (
    <main className="content-page alerts-page" data-testid="alerts-page">
      <h1>{t('alerts.title')}</h1>
      <ErrorMessage error={error} testId="alerts-error" />
      {!alerts && !error && <p role="status">{t('app.loading')}</p>}
      {alerts && <AlertList alerts={alerts} canWrite={can(user, 'alerts:write')} onChanged={reload} />}
      <div className="alerts-forms">
        {can(user, 'alerts:write') && <CreateAlertForm onCreated={reload} />}
        {can(user, 'alerts:import') && <UnImport onImported={reload} />}
      </div>
    </main>
  );
}
