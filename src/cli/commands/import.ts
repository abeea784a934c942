import fs from 'node:fs';
import type { Command } from 'commander';
import { importUnList } from '../../services/un-import.service.ts';
import { withNode } from '../node-runtime.ts';

export function registerImportCommands(program: Command) {
  const imp = program.command('import').description('import external lists');
  imp
    .command('un')
    .description('import or re-import the UN Security Council Consolidated List XML as alerts')
    .argument('<file>', 'consolidated list XML')
    .action(async (file: string) => {
      if (!fs.existsSync(file)) {
        process.stderr.write(`sarhad: no such file: ${file}\n`);
        process.exit(2);
      }
      const xml = fs.readFileSync(file, 'utf8');
      try {
        const s = await withNode((ctx) =>
          importUnList(ctx, { kind: 'system', name: 'cli-import' }, xml, (done, total) => {
            process.stderr.write(`\r  importing ${done}/${total} (${Math.round((done / total) * 100)}%)`);
          }),
        );
        process.stderr.write('\n');
        process.stdout.write(
          `UN list of ${s.generatedAt ?? 'unknown date'}: ${s.individuals} individuals (${s.withOriginalScript} with original-script names)\n` +
            `  added ${s.added}, changed ${s.changed}, removed ${s.removed}, unchanged ${s.unchanged}\n`,
        );
      } catch (err) {
        process.stderr.write(`\nsarhad: ${(err as Error).message}\n`);
        process.exit(2);
      }
    });
}
