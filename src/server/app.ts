import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../services/context.ts';
import { alertsRoutes } from './api/alerts/alerts.routes.ts';
import { auditRoutes } from './api/audit/audit.routes.ts';
import { authRoutes } from './api/auth/auth.routes.ts';
import { federationRoutes } from './api/federation/federation.routes.ts';
import { registryRoutes } from './api/registry/registry.routes.ts';
import { screeningRoutes } from './api/screening/screening.routes.ts';
import { streamRoutes } from './api/stream/stream.routes.ts';
import { systemRoutes } from './api/system/system.routes.ts';
import { usersRoutes } from './api/users/users.routes.ts';
import { registerAuth } from './http/auth.ts';
import { errorHandler, notFoundHandler, rawErrorResponse } from './http/errors.ts';
import { registerMetrics } from './http/metrics.ts';

export const BODY_LIMIT = 1024 * 1024;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
};

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 200 },
    // Node refuses oversized headers before routing; answer in our JSON error shape anyway.
    clientErrorHandler(err, socket) {
      if (!socket.writable) return;
      const code = (err as NodeJS.ErrnoException).code;
      socket.end(
        code === 'HPE_HEADER_OVERFLOW'
          ? rawErrorResponse(431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'Request headers are too large')
          : rawErrorResponse(400, 'Bad Request', 'VALIDATION_FAILED', 'Malformed HTTP request'),
      );
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // JSON only: a text/plain body is refused rather than half-understood.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    return payload;
  });

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

  await app.register(systemRoutes, { ctx, metrics });
  await app.register(authRoutes, { ctx });
  await app.register(registryRoutes, { ctx });
  await app.register(usersRoutes, { ctx });
  await app.register(alertsRoutes, { ctx });
  await app.register(screeningRoutes, { ctx });
  await app.register(streamRoutes, { ctx });
  await app.register(federationRoutes, { ctx });
  await app.register(auditRoutes, { ctx });
  await registerWeb(app, ctx.config.webDir);
  return app;
}

/** The built React app, with index.html for any non-API path the client router owns. */
async function registerWeb(app: FastifyInstance, webDir: string) {
  const index = path.join(webDir, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn({ webDir }, 'web app not built (npm run build:web); serving the API only');
    app.setNotFoundHandler(notFoundHandler);
    return;
  }
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  await app.register(fastifyStatic, { root: webDir, wildcard: true, index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    if (isPage) return reply.type('text/html').sendFile('index.html');
    return notFoundHandler(request, reply);
  });
}
