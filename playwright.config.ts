import { defineConfig } from '@playwright/test';

// Browser tests drive Debian's chromium (never a downloaded browser) against a real demo node:
// the web app is built, then `sarhad demo --fresh` migrates, seeds the Tajik–Afghan scenario
// and the demo users, and serves dist/web at `/` and the API under `/api`.
const PORT = Number(process.env.SARHAD_E2E_PORT ?? 8787);

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: '.tmp/playwright-output',
  reporter: [['list'], ['json', { outputFile: '.tmp/playwright-results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    viewport: { width: 1366, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npm run build:web && SARHAD_PORT=${PORT} SARHAD_DATA_DIR=.tmp/e2e SARHAD_DEMO_PASSWORD=demo-pass-123 npx tsx src/cli/main.ts demo --fresh`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
