#!/usr/bin/env node
// Runs every test suite (type check, lint, unit + API tests on SQLite and PostgreSQL, browser tests)
// and ends with one plain line "N passed, N failed, N skipped" that CI reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const tmp = path.resolve('.tmp');
fs.mkdirSync(tmp, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);

function run(name, command, args) {
  process.stdout.write(`\n=== ${name}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  process.stdout.write(`=== ${name} finished in ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${result.status})\n`);
  return result.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

if (wanted('typecheck')) {
  const status = run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
  if (status === 0) totals.passed += 1;
  else totals.failed += 1;
}

if (wanted('lint')) {
  const status = run('lint', 'npx', ['eslint', '.']);
  if (status === 0) totals.passed += 1;
  else totals.failed += 1;
}

if (wanted('unit')) {
  const out = path.join(tmp, 'vitest-results.json');
  fs.rmSync(out, { force: true });
  const status = run('unit and API tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const report = readJson(out);
  if (report) {
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    // A suite that failed to load has no failed tests but must still fail the run.
    if (status !== 0 && report.numFailedTests === 0) totals.failed += Math.max(1, report.numFailedTestSuites ?? 1);
  } else {
    totals.failed += 1;
  }
}

if (wanted('e2e')) {
  const out = path.join(tmp, 'playwright-results.json');
  fs.rmSync(out, { force: true });
  const status = run('browser tests', 'npx', ['playwright', 'test']);
  const report = readJson(out);
  if (report?.stats) {
    totals.passed += report.stats.expected + (report.stats.flaky ?? 0);
    totals.failed += report.stats.unexpected;
    totals.skipped += report.stats.skipped;
    if (status !== 0 && report.stats.unexpected === 0) totals.failed += 1;
  } else {
    totals.failed += 1;
  }
}

process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(totals.failed > 0 ? 1 : 0);
