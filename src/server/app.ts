import fs from 'node:fs';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../services/context.ts';
import { alertsRoutes } from './api/alerts/alerts.routes.ts';
import { assessmentsRoutes } from './api/assessments/assessments.routes.ts';
import { noticesRoutes } from './api/assessments/notices.routes.ts';
import { ogcRoutes } from './api/ogc/ogc.routes.ts';
import { auditRoutes } from './api/audit/audit.routes.ts';
import { authRoutes } from './api/auth/auth.routes.ts';
import { eventsRoutes } from './api/events/events.routes.ts';
import { seizuresRoutes } from './api/events/seizures.routes.ts';
import { communityRoutes } from './api/events/community.routes.ts';
import { attachmentsRoutes } from './api/events/attachments.routes.ts';
import { federationRoutes } from './api/federation/federation.routes.ts';
import { meRoutes } from './api/me/me.routes.ts';
import { registryRoutes } from './api/registry/registry.routes.ts';
import { screeningRoutes } from './api/screening/screening.routes.ts';
import { streamRoutes } from './api/stream/stream.routes.ts';
import { systemRoutes } from './api/system/system.routes.ts';
import { tradeRoutes } from './api/trade/trade.routes.ts';
import { liaisonRoutes } from './api/liaison/liaison.routes.ts';
import { cooperationRoutes } from './api/cooperation/cooperation.routes.ts';
import { tokensRoutes } from './api/users/tokens.routes.ts';
import { usersRoutes } from './api/users/users.routes.ts';
import { warningsRoutes } from './api/warnings/warnings.routes.ts';
import { gaugesRoutes } from './api/gauges/gauges.routes.ts';
import { damageRoutes } from './api/damage/damage.routes.ts';
import { meetingsRoutes } from './api/meetings/meetings.routes.ts';
import { operationsRoutes } from './api/meetings/operations.routes.ts';
import { partnersRoutes } from './api/partners/partners.routes.ts';
import { recommendationsRoutes } from './api/partners/recommendations.routes.ts';
import { registerAuth } from './http/auth.ts';
import { clientErrorResponse, errorHandler, frameworkErrorHandler, methodAwareNotFound, notFoundHandler, refuseLongUrl } from './http/errors.ts';
import { trackKnownRoutes } from './http/known-routes.ts';
import { rawSecurityHeaders, securityHeaderOptions } from './http/security-headers.ts';
import { registerMetrics } from './http/metrics.ts';
import { registerMetricsListener } from './http/metrics-access.ts';

export const BODY_LIMIT = 1024 * 1024;

/** Content types compressed on the fly (never text/event-stream: the stream must flow). */
export const COMPRESSIBLE = /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|javascript|(?:\+|\/)xml(?:;|$)|^image\/svg/u;

/** Vite names every built file under assets/ by its content hash: cache it for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html, the service worker and the manifest: always revalidated (ETag → 304). */
export const REVALIDATE = 'no-cache';

/** The Cache-Control header for a file of the built web app (path relative or absolute). */
export function cacheControlFor(filePath: string): string {
  return /(^|[\\/])assets[\\/]/.test(filePath) ? IMMUTABLE : REVALIDATE;
}

export interface BuildOptions {
  /** Told of every route as it is registered (the authorisation table test enumerates them). */
  onRoute?: (route: { method: string; url: string }) => void;
}

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const https = ctx.config.secureCookies;
  const applyRawHeaders = rawSecurityHeaders(https);
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 200 },
    // request.ip is the X-Forwarded-For client only when the peer is a configured proxy.
    trustProxy: ctx.config.trustedProxies.length > 0 ? ctx.config.trustedProxies : false,
    // Node refuses oversized requests before routing; answer in our JSON error shape anyway.
    clientErrorHandler(err, socket) {
      if (socket.writable) socket.end(clientErrorResponse(err));
    },
    frameworkErrors(err, request, reply) {
      applyRawHeaders(request.raw, reply.raw);
      return frameworkErrorHandler(err, request, reply);
    },
  });
  if (options.onRoute) {
    const tell = options.onRoute;
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) tell({ method, url: route.url });
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // JSON only: a text/plain body is refused rather than half-understood.
  app.removeContentTypeParser('text/plain');
  const allowedMethods = trackKnownRoutes(app);
  await app.register(fastifyHelmet, { global: true, ...securityHeaderOptions(https) });
  // Posts on satellite links: every compressible answer (JSON, GeoJSON, JS, CSS, SVG) goes out
  // brotli or gzip. The built web app is precompressed at build time (see registerWeb).
  await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], threshold: 1024, customTypes: COMPRESSIBLE });
  // After helmet, so that even this refusal carries the security headers.
  app.addHook('onRequest', refuseLongUrl);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sarhad API',
        version: '0.1.0',
        description: 'Border management and cross-border co-operation: one sovereign node.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sarhad_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifyCookie);
  registerAuth(app, ctx);
  const metrics = registerMetrics(app, ctx.events);
  registerMetricsListener(app, ctx.config, metrics);

  await app.register(systemRoutes, { ctx, metrics });
  await app.register(authRoutes, { ctx });
  await app.register(registryRoutes, { ctx });
  await app.register(usersRoutes, { ctx });
  await app.register(tokensRoutes, { ctx });
  await app.register(meRoutes, { ctx });
  await app.register(alertsRoutes, { ctx });
  await app.register(tradeRoutes, { ctx });
  await app.register(liaisonRoutes, { ctx });
  await app.register(cooperationRoutes, { ctx });
  await app.register(screeningRoutes, { ctx });
  await app.register(streamRoutes, { ctx });
  await app.register(federationRoutes, { ctx });
  await app.register(auditRoutes, { ctx });
  await app.register(eventsRoutes, { ctx });
  await app.register(warningsRoutes, { ctx });
  await app.register(seizuresRoutes, { ctx });
  await app.register(gaugesRoutes, { ctx });
  await app.register(damageRoutes, { ctx });
  await app.register(meetingsRoutes, { ctx });
  await app.register(operationsRoutes, { ctx });
  await app.register(assessmentsRoutes, { ctx });
  await app.register(noticesRoutes, { ctx });
  await app.register(ogcRoutes, { ctx });
  await app.register(communityRoutes, { ctx });
  await app.register(attachmentsRoutes, { ctx });
  await app.register(partnersRoutes, { ctx });
  await app.register(recommendationsRoutes, { ctx });
  await registerWeb(app, ctx.config.webDir, allowedMethods);
  return app;
}

/** The built React app, with index.html for any non-API path the client router owns. */
async function registerWeb(app: FastifyInstance, webDir: string, allowedMethods: (url: string) => string[]) {
  const index = path.join(webDir, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn({ webDir }, 'web app not built (npm run build:web); serving the API only');
    app.setNotFoundHandler(methodAwareNotFound(allowedMethods));
    return;
  }
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  // preCompressed: the build writes .br and .gz beside each file (vite.config.ts), served to
  // browsers that accept them. Source maps are never served (the build emits none; refused anyway).
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: true,
    // an array: with preCompressed, a string index is not found for `/`
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    allowedPath: (pathname) => !pathname.endsWith('.map'),
    setHeaders: (res, filePath) => {
      res.setHeader('Cache-Control', cacheControlFor(path.relative(webDir, filePath)));
      res.setHeader('Vary', 'Accept-Encoding');
    },
  });
  // index.html sent for a client route (or as a directory index) gets the same rule
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/api/') && !reply.hasHeader('cache-control') && String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('cache-control', REVALIDATE);
    }
    return payload;
  });
  app.setNotFoundHandler(
    methodAwareNotFound(allowedMethods, (request, reply) => {
      const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
      if (isPage) return reply.type('text/html').sendFile('index.html');
      return notFoundHandler(request, reply);
    }),
  );
}
