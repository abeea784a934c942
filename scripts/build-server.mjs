#!/usr/bin/env node
// Compiles the server (src minus the web app and tests) to JavaScript and copies the data
// files it reads at run time (seed scenarios and any other non-TypeScript file under src).
// Usage: node scripts/build-server.mjs [outDir]   (default dist/server)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const outDir = path.resolve(process.argv[2] ?? 'dist/server');
const skip = (rel) => rel.startsWith(`web${path.sep}`) || rel.split(path.sep).includes('fixtures') || /\.(tsx?|md)$/.test(rel);

fs.rmSync(outDir, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

let copied = 0;
for (const rel of fs.readdirSync('src', { recursive: true, encoding: 'utf8' })) {
  const from = path.join('src', rel);
  if (skip(rel) || !fs.statSync(from).isFile()) continue;
  fs.mkdirSync(path.dirname(path.join(outDir, rel)), { recursive: true });
  fs.copyFileSync(from, path.join(outDir, rel));
  copied += 1;
}
process.stdout.write(`server built into ${path.relative(process.cwd(), outDir) || '.'} (${copied} data files copied)\n`);
