import http from 'node:http';

export interface SseEvent {
  event: string;
  data: unknown;
}

export interface SseStream {
  status: number;
  events: SseEvent[];
  close(): void;
}

/** Opens /api/stream with a session cookie and collects parsed events until closed. */
export function openStream(url: string, cookie: string | null): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/api/stream`, { headers: cookie ? { cookie, accept: 'text/event-stream' } : {} }, (res) => {
      const events: SseEvent[] = [];
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
          if (event && data !== undefined) events.push({ event, data: JSON.parse(data) as unknown });
        }
      });
      resolve({ status: res.statusCode ?? 0, events, close: () => req.destroy() });
    });
    req.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(err);
    });
  });
}
