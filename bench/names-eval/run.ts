/**
 * Screening accuracy on generated sets, for people and for tests:
 *   npx tsx bench/names-eval/run.ts [--seeds 7,13] [--threshold 0.7] [--holdout 0.3]
 * prints one JSON line per seed. With --holdout 0.3 the engine's dictionary does not
 * know about 30% of the names the generator uses.
 */
import { configureDictionary } from '../../src/domain/names/dictionary.ts';
import { DEFAULT_THRESHOLD } from '../../src/domain/names/screen.ts';
import { generateTestSet } from './generate.ts';
import { evaluate } from './metrics.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const seeds = (arg('--seeds') ?? '7,13').split(',').map(Number);
const threshold = Number(arg('--threshold') ?? DEFAULT_THRESHOLD);
const holdout = Number(arg('--holdout') ?? 0);
if (seeds.some((s) => !Number.isInteger(s)) || !(threshold >= 0 && threshold <= 1) || !(holdout >= 0 && holdout < 1)) {
  process.stderr.write('usage: run.ts [--seeds 7,13] [--threshold 0.7] [--holdout 0.3]\n');
  process.exit(2);
}
configureDictionary({ holdout });
for (const seed of seeds) {
  const r = evaluate(generateTestSet({ seed }), threshold);
  process.stdout.write(JSON.stringify({ seed, threshold, recall: r.recall, precision: r.precision, rank1: r.rank1, holdout }) + '\n');
}
