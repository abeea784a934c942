// npm run bench -- NAME [--one-core]: runs bench/NAME.ts, whose default export is an async function.
// --one-core re-runs it pinned to one CPU (taskset) with V8's background threads off
// (--single-threaded: garbage collection and compilation share the measured core too).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));
const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith('--'));
if (!name || !available.includes(name) || args.some((a) => a.startsWith('--') && a !== '--one-core')) {
  process.stderr.write(`usage: npm run bench -- NAME [--one-core]\navailable: ${available.join(', ')}\n`);
  process.exit(2);
}
if (args.includes('--one-core') && process.env.SARHAD_BENCH_ONE_CORE !== '1') {
  if (spawnSync('taskset', ['--version']).status !== 0) {
    process.stderr.write('--one-core needs taskset (Debian package util-linux)\n');
    process.exit(2);
  }
  const r = spawnSync('taskset', ['-c', '0', process.execPath, '--single-threaded', '--import', 'tsx', fileURLToPath(import.meta.url), name], {
    stdio: 'inherit',
    env: { ...process.env, SARHAD_BENCH_ONE_CORE: '1' },
  });
  process.exit(r.status ?? 1);
}
const mod = (await import(pathToFileURL(path.join(here, `${name}.ts`)).href)) as { default: () => Promise<void> };
await mod.default();
