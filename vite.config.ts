import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The web app lives in src/web and is built to dist/web, which the Sarhad server serves at `/`.
// In development (`npm run dev:web`) the API of a locally running node is proxied.
const api = process.env.SARHAD_API ?? 'http://127.0.0.1:8787';
const outDir = path.resolve(import.meta.dirname, 'dist/web');

/** Files worth compressing: text formats (fonts and images are compressed already). */
const COMPRESSIBLE = /\.(?:html|js|mjs|css|json|svg|webmanifest|txt)$/;

/**
 * Posts on satellite links: every text file of the build is written again as .br (brotli at
 * its best quality) and .gz beside it, once at build time; the server sends them as they are
 * (@fastify/static `preCompressed`), so no CPU is spent per request and the bytes are minimal.
 */
function precompress(): Plugin {
  return {
    name: 'sarhad-precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const raw = fs.readFileSync(file);
        if (raw.length < 1024 && !file.endsWith('.html')) continue;
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(raw, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
          }),
        );
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(raw, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    // No public source maps: a 2 MB map is a gift to an attacker and a cost on the wire.
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    fs: { allow: [path.resolve(import.meta.dirname)] },
    proxy: {
      // a regex key: '/api' alone would also swallow the module /api.ts of the app itself
      '^/api/': { target: api, changeOrigin: false },
      '/healthz': { target: api, changeOrigin: false },
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
});
