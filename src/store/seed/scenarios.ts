import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateScenario, type Scenario } from '../../domain/registry/scenario.ts';

export const SCENARIO_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scenarios');

/** Reads and validates a scenario: a shipped id ("tj-af") or a path to a JSON file. */
export function loadScenario(idOrPath: string): Scenario {
  const file = idOrPath.endsWith('.json') ? path.resolve(idOrPath) : path.join(SCENARIO_DIR, `${idOrPath}.json`);
  if (!fs.existsSync(file)) throw new Error(`scenario not found: ${file}`);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`scenario ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return validateScenario(json);
}
