#!/usr/bin/env node
// Runs the compiled server (dist/server, made by `npm run build`) when it exists; otherwise,
// in a checkout that was never built, the TypeScript sources through tsx.
// SARHAD_FROM_SOURCE=1 forces the sources (a stale build would otherwise hide an edit).
import fs from 'node:fs';

const compiled = new URL('../dist/server/cli/main.js', import.meta.url);
if (process.env.SARHAD_FROM_SOURCE !== '1' && fs.existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
