import { useTranslation } from 'react-i18next';
import { useApiData } from '../useApiData.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { loadDirectory } from './admin/directory.ts';
import { UsersSection } from './admin/UsersSection.tsx';
import { UnitsSection } from './admin/UnitsSection.tsx';

export function AdminPage() {
  const { t } = useTranslation();
  const { data: dir, setData: setDir, error, reload } = useApiData(loadDirectory, ['user', 'unit']);

  return (
    <main className="admin-page" data-testid="admin-page">
      <h1>{t('admin.title')}</h1>
      <ErrorMessage error={error} testId="admin-error" />
      {!dir && !error && <p role="status">{t('app.loading')}</p>}
      {dir && (
        <>
          <UsersSection dir={dir} onChanged={reload} setUsers={(users) => setDir({ ...dir, users })} />
          <UnitsSection dir={dir} onChanged={reload} />
        </>
      )}
    </main>
  );
}
