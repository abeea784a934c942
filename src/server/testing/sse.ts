import http from 'node:http';

export interface SseEvent {
  event: string;
  data: unknown;
}

export interface SseStream {
  status: number;
  contentType: string;
  events: SseEvent[];
  /** The first event (already received or still to come) that matches, or a rejection after ms. */
  waitFor(pred: (e: SseEvent) => boolean, ms: number): Promise<SseEvent>;
  close(): void;
}

/** Opens /api/stream with a session cookie and collects parsed events until closed. */
export function openStream(url: string, cookie: string | null): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/api/stream`, { headers: cookie ? { cookie, accept: 'text/event-stream' } : {} }, (res) => {
      const events: SseEvent[] = [];
      const waiters: { pred: (e: SseEvent) => boolean; done: (e: SseEvent) => void }[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!event || data === undefined) continue;
          const e = { event, data: JSON.parse(data) as unknown };
          events.push(e);
          for (const w of [...waiters]) if (w.pred(e)) w.done(e);
        }
      });
      resolve({
        status: res.statusCode ?? 0,
        contentType: String(res.headers['content-type'] ?? ''),
        events,
        waitFor: (pred, ms) =>
          new Promise((ok, fail) => {
            const found = events.find(pred);
            if (found) return ok(found);
            const timer = setTimeout(() => fail(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`)), ms);
            waiters.push({ pred, done: (e) => (clearTimeout(timer), ok(e)) });
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(err);
    });
  });
}
