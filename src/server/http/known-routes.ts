import type { FastifyInstance } from 'fastify';

/**
 * The method set of every concrete route path, so that a known path asked with the wrong
 * method answers 405 with `Allow` instead of Fastify's 404. Wildcard routes (the web app's
 * static files) are left out: they would make every unknown path look "known".
 */
export function trackKnownRoutes(app: FastifyInstance): (url: string) => string[] {
  const routes: { pattern: RegExp; methods: string[] }[] = [];
  app.addHook('onRoute', (route) => {
    if (route.url.includes('*')) return;
    const source = route.url
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    routes.push({ pattern: new RegExp(`^${source}/?$`), methods: [route.method].flat() });
  });
  return (url) => {
    const path = url.split('?')[0]!;
    return [...new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods))].sort();
  };
}
