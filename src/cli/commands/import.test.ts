import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_XML } from '../../server/testing/hostile-xml.ts';

const MAIN = path.resolve('src/cli/main.ts');
const UN_XML = fs.readFileSync(path.resolve('datasets/un/consolidated-2025-08-02.xml'), 'utf8');

describe('sarhad import un refuses hostile XML (SQLite)', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-import-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const importFile = (name: string, xml: string) => {
    const file = path.join(dir, `${name}.xml`);
    fs.writeFileSync(file, xml);
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'import', 'un', file], {
      env: { ...process.env, SARHAD_DATA_DIR: path.join(dir, 'data'), SARHAD_LOG_LEVEL: 'warn', DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it.each([
    ['billion laughs', HOSTILE_XML.billionLaughs, /XML with a DOCTYPE declaration is refused/],
    ['XXE file:///etc/passwd', HOSTILE_XML.xxe, /XML with a DOCTYPE declaration is refused/],
    ['10,000-deep nesting', HOSTILE_XML.deepNesting, /nested deeper than 64 elements/],
    ['a truncated file', HOSTILE_XML.truncated(UN_XML), /not well-formed XML/],
    ['another XML document', HOSTILE_XML.notTheList, /not a UN Security Council Consolidated List/],
  ])('%s: exit 2 with a clear message, nothing imported', (_name, xml, message) => {
    const r = importFile(_name.replace(/\W+/g, '-'), xml);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at |root:/);
    expect(r.stdout).toBe('');
  });
});
