import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app lives in src/web and is built to dist/web, which the Sarhad server serves at `/`.
// In development (`npm run dev:web`) the API of a locally running node is proxied.
const api = process.env.SARHAD_API ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      // a regex key: '/api' alone would also swallow the module /api.ts of the app itself
      '^/api/': { target: api, changeOrigin: false },
      '/healthz': { target: api, changeOrigin: false },
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
});
