import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import type { Metrics } from './metrics.ts';

function bearerMatches(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const sent = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(token);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

/**
 * Who may read /metrics on the main listener: only a scraper holding SARHAD_METRICS_TOKEN.
 * Metrics name routes, traffic and process internals, so without a token nobody may.
 */
export function checkMetricsAccess(config: Pick<Config, 'metricsToken'>, authorization: string | undefined): void {
  if (config.metricsToken === null) {
    throw new AppError('UNAUTHENTICATED', 'Metrics are closed: set SARHAD_METRICS_TOKEN (Bearer) or SARHAD_METRICS_PORT (a separate listener)');
  }
  if (!bearerMatches(authorization, config.metricsToken)) throw new AppError('UNAUTHENTICATED', 'Send the metrics token as "Authorization: Bearer …"');
}

const json = (res: http.ServerResponse, status: number, code: string, message: string) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify({ error: { code, message } }));
};

/**
 * SARHAD_METRICS_PORT: /metrics alone on its own address (loopback or an internal interface
 * by default), so the public listener never serves it. A token, when set, is required here too.
 */
export function registerMetricsListener(app: FastifyInstance, config: Config, metrics: Metrics): { address(): AddressInfo | null } {
  if (config.metricsPort === null) return { address: () => null };
  const server = http.createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] !== '/metrics') return json(res, 404, 'NOT_FOUND', 'Only /metrics is served here');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return json(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET');
    }
    if (config.metricsToken !== null && !bearerMatches(req.headers.authorization, config.metricsToken)) {
      return json(res, 401, 'UNAUTHENTICATED', 'Send the metrics token as "Authorization: Bearer …"');
    }
    metrics.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (err: unknown) => {
        app.log.error({ err }, 'metrics collection failed');
        json(res, 500, 'INTERNAL', 'Internal error');
      },
    );
  });
  app.addHook('onListen', async () => {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.metricsPort!, config.metricsHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
  });
  app.addHook('onClose', async () => {
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { address: () => server.address() as AddressInfo | null };
}
