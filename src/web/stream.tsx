// One EventSource per signed-in session (GET /api/stream). Pages subscribe to `record` events.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { StreamRecordEvent } from './types.ts';

export type StreamStatus = 'connecting' | 'connected' | 'disconnected';
type Listener = (e: StreamRecordEvent) => void;

interface StreamApi {
  status: StreamStatus;
  subscribe: (fn: Listener) => () => void;
}

const StreamContext = createContext<StreamApi>({ status: 'disconnected', subscribe: () => () => {} });

export function StreamProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const listeners = useRef(new Set<Listener>());

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setStatus('disconnected');
      return;
    }
    const es = new EventSource('/api/stream', { withCredentials: true });
    es.onopen = () => setStatus('connected');
    // EventSource reconnects by itself; readyState tells whether it gave up.
    es.onerror = () => setStatus(es.readyState === EventSource.CLOSED ? 'disconnected' : 'connecting');
    es.addEventListener('ping', () => setStatus('connected'));
    es.addEventListener('record', (ev) => {
      setStatus('connected');
      let data: StreamRecordEvent;
      try {
        data = JSON.parse((ev as MessageEvent<string>).data) as StreamRecordEvent;
      } catch {
        return;
      }
      for (const fn of listeners.current) fn(data);
    });
    return () => es.close();
  }, []);

  const api = useRef<StreamApi['subscribe']>((fn) => {
    listeners.current.add(fn);
    return () => listeners.current.delete(fn);
  });

  return <StreamContext.Provider value={{ status, subscribe: api.current }}>{children}</StreamContext.Provider>;
}

export function useStream(): StreamApi {
  return useContext(StreamContext);
}

/** Call `fn` for every record event whose type matches one of `types`. */
export function useRecordEvents(types: readonly string[], fn: (e: StreamRecordEvent) => void): void {
  const { subscribe } = useStream();
  const latest = useRef(fn);
  latest.current = fn;
  const key = types.join(',');
  useEffect(
    () =>
      subscribe((e) => {
        if (key.split(',').includes(e.type)) latest.current(e);
      }),
    [subscribe, key],
  );
}
