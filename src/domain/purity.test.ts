import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// domain/ is the pure core: configuration is passed in, data comes from store or the edge.
const DOMAIN = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.dirname(DOMAIN);
const OUTER_LAYERS = ['store', 'services', 'server', 'federation', 'cli', 'web'];

const FORBIDDEN: [RegExp, string][] = [
  [/\bprocess\.env\b/, 'reads an environment variable'],
  [/['"](node:)?fs(\/promises)?['"]/, 'imports the file system'],
  [/\breadFileSync\b|\breadFile\b/, 'reads a file'],
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name) ? [full] : [];
  });
}

function problems(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const out = FORBIDDEN.filter(([re]) => re.test(text)).map(([, why]) => why);
  for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    if (!spec!.startsWith('.')) continue;
    const target = path.relative(SRC, path.resolve(path.dirname(file), spec!));
    const layer = target.split(path.sep)[0]!;
    if (target.startsWith('..')) out.push(`imports ${spec} from outside src/`);
    else if (OUTER_LAYERS.includes(layer)) out.push(`imports ${spec} from src/${layer}`);
  }
  return out;
}

describe('domain/ is pure', () => {
  const files = sources(DOMAIN);

  it('finds the domain sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('reads no environment, no files, and imports nothing from the outer layers', () => {
    const found = Object.fromEntries(files.map((f) => [path.relative(SRC, f), problems(f)] as const).filter(([, p]) => p.length > 0));
    expect(found).toEqual({});
  });

  it('would catch each kind of breach', () => {
    const probe = "import { x } from '../../services/users.service.ts';\nimport fs from 'node:fs';\nconst t = process.env.X;\nfs.readFileSync('a');\n";
    expect(problems(path.join(DOMAIN, 'names', 'probe.ts'), probe)).toEqual([
      'reads an environment variable',
      'imports the file system',
      'reads a file',
      'imports ../../services/users.service.ts from src/services',
    ]);
  });
});
