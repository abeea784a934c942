import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads `fetcher` now and every `everyMs`, keeping the last answer on screen while the next is
 * on its way (no loading state between polls, so nothing flickers). A failed poll keeps the last
 * data and sets `error`; the next good one clears it. Polls are skipped while the tab is hidden
 * and one is made as soon as it is shown again; a slow answer is never overtaken by a later one.
 */
export function usePolling<T>(fetcher: () => Promise<T>, everyMs: number) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const busy = useRef(false);

  const poll = useCallback(async () => {
    if (busy.current || document.hidden) return;
    busy.current = true;
    try {
      setData(await fetcher());
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      busy.current = false;
    }
  }, [fetcher]);

  useEffect(() => {
    void poll();
    const timer = window.setInterval(() => void poll(), everyMs);
    const onVisible = () => !document.hidden && void poll();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [poll, everyMs]);

  return { data, error };
}
