import type { FastifyHelmetOptions } from '@fastify/helmet';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The web app is one bundle loaded from this origin: no inline or foreign scripts, and no
 * inline styles either. React's `style` props and Leaflet's pane/marker positions are set
 * through the CSSOM, which CSP does not govern; only `style="…"` in markup and `<style>`
 * elements are refused (e2e/map.spec.ts fails on any violation in the built app).
 */
export function securityHeaderOptions(https: boolean) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only behind HTTPS: on a plain-HTTP node it would send the browser to a port nobody serves.
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    // HSTS only means something over HTTPS; a plain-HTTP node must not pin itself.
    strictTransportSecurity: https ? { maxAge: 31_536_000 } : false,
  } satisfies FastifyHelmetOptions;
}

/** The same headers for answers Fastify gives before any hook runs (e.g. an undecodable URL). */
export function rawSecurityHeaders(https: boolean): (req: IncomingMessage, res: ServerResponse) => void {
  const middleware = helmet(securityHeaderOptions(https));
  return (req, res) => middleware(req, res, () => {});
}
