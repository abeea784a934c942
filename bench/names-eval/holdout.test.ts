import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The generator draws its names from the engine's own dictionary; this checks the engine
// on names it does not know: 40% of the dictionary hidden from look-ups.
describe('names the dictionary does not know', () => {
  it('held-out seeds keep recall ≥ 0.95 and precision ≥ 0.90 with 40% of the dictionary hidden', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/names-eval/run.ts', '--seeds', '7,13', '--holdout', '0.4'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { recall: number; precision: number; holdout: number });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.holdout).toBe(0.4);
      expect(row.recall).toBeGreaterThanOrEqual(0.95);
      expect(row.precision).toBeGreaterThanOrEqual(0.9);
    }
  }, 120_000);
});
