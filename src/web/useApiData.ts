import { useCallback, useEffect, useState } from 'react';
import { useRecordEvents } from './stream.tsx';

/**
 * Load data from the API when mounted and again on every record event of `types`.
 * `fetcher` must be stable (a module-level function). Until the first answer `data` is null;
 * a failed load keeps the last data and sets `error`.
 */
export function useApiData<T>(fetcher: () => Promise<T>, types: readonly string[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      setData(await fetcher());
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [fetcher]);

  useEffect(() => {
    void reload();
  }, [reload]);
  useRecordEvents(types, () => void reload());

  return { data, setData, error, reload };
}
