import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EventBus } from '../../services/events.ts';

export interface Metrics {
  registry: Registry;
}

/** Prometheus metrics per node: HTTP traffic by route template, SSE listeners, process. */
export function registerMetrics(app: FastifyInstance, events: EventBus): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sarhad_' });
  // prom-client names three gauges *_total, which Prometheus reserves for counters
  // (`promtool check metrics` fails on them); the per-type gauges without the suffix remain.
  for (const name of ['active_handles_total', 'active_requests_total', 'active_resources_total']) {
    registry.removeSingleMetric(`sarhad_nodejs_${name}`);
  }
  const requests = new Counter({
    name: 'sarhad_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'sarhad_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route template.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'sarhad_stream_listeners',
    help: 'Open server-sent-event connections.',
    registers: [registry],
    collect() {
      this.set(events.listenerCount());
    },
  });
  app.addHook('onResponse', async (request, reply) => {
    // Route templates, not raw URLs, so ids never explode label cardinality.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  return { registry };
}
