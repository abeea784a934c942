/** `sarhad screen --watchlist W.csv --queries Q.csv --format jsonl [--threshold T]` */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseNameCsv, watchlistFromRecords, type NameRecord } from '../../domain/names/csv.ts';
import { buildIndex } from '../../domain/names/index.ts';
import { DEFAULT_THRESHOLD, screen } from '../../domain/names/screen.ts';

function load(path: string, what: string): NameRecord[] {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new Error(`cannot read ${what} file ${path}: ${(e as Error).message}`, { cause: e }); }
  try { return parseNameCsv(text); } catch (e) { throw new Error(`${what} file ${path}: ${(e as Error).message}`, { cause: e }); }
}

export function registerScreenCommand(program: Command): void {
  program
    .command('screen')
    .description('screen names (any script) against a watch-list; prints one JSON line per query')
    .requiredOption('--watchlist <file>', 'CSV with header id,name[,birth_date,nationality]')
    .requiredOption('--queries <file>', 'CSV with header id,name[,birth_date,nationality]')
    .option('--format <format>', 'output format (jsonl)', 'jsonl')
    .option('--threshold <number>', 'alert threshold in [0,1]', String(DEFAULT_THRESHOLD))
    .action((opts: { watchlist: string; queries: string; format: string; threshold: string }) => {
      try {
        if (opts.format !== 'jsonl') throw new Error(`unsupported format "${opts.format}" (only jsonl)`);
        const threshold = Number(opts.threshold);
        if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) throw new Error(`bad threshold "${opts.threshold}"`);
        const wl = load(opts.watchlist, 'watchlist');
        const qs = load(opts.queries, 'queries');
        const index = buildIndex(watchlistFromRecords(wl));
        const out: string[] = [];
        // long runs at a terminal show progress on stderr (stdout stays pure JSON lines)
        const progress = process.stderr.isTTY && qs.length >= 2000;
        for (const [n, q] of qs.entries()) {
          if (progress && n % 1000 === 0) process.stderr.write(`\rscreened ${n} / ${qs.length}`);
          const hits = screen(index, { name: q.name, ...(q.birth_date ? { birthDate: q.birth_date } : {}), ...(q.nationality ? { nationality: q.nationality } : {}) }, { threshold, limit: 50 });
          out.push(JSON.stringify({ query: q.id, hits: hits.map((h) => ({ id: h.id, score: h.score })) }));
        }
        if (progress) process.stderr.write(`\rscreened ${qs.length} / ${qs.length}\n`);
        process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
      } catch (e) {
        process.stderr.write(`sarhad screen: ${(e as Error).message}\n`);
        process.exitCode = 2;
      }
    });
}
