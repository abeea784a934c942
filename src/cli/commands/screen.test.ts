import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'screen-'));
const run = (...args: string[]) => spawnSync('npx', ['tsx', 'src/cli/commands/screen.entry.ts', 'screen', ...args], { encoding: 'utf8' });
describe('sarhad screen', () => {
  it('prints one JSON line per query with alerting hits', () => {
    writeFileSync(join(dir, 'w.csv'), 'id,name\nW1,Ҷамшед Раҳмонов\nW2,"Karimov, Farhod"\n');
    writeFileSync(join(dir, 'q.csv'), '\ufeffid,name,birth_date\r\nQ1,DZHAMSHED RAKHMONOV,\r\nQ2,Jamshed Saidov,1970\r\n');
    const r = run('--watchlist', join(dir, 'w.csv'), '--queries', join(dir, 'q.csv'), '--format', 'jsonl');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].query).toBe('Q1');
    expect(lines[0].hits[0].id).toBe('W1');
    expect(lines[1].hits).toEqual([]);
  });
  it('exits 2 on a missing file or a bad header', () => {
    writeFileSync(join(dir, 'bad.csv'), 'ident,name\n1,x\n');
    expect(run('--watchlist', join(dir, 'nope.csv'), '--queries', join(dir, 'bad.csv')).status).toBe(2);
    const r = run('--watchlist', join(dir, 'bad.csv'), '--queries', join(dir, 'bad.csv'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/line 1/);
  });
});
