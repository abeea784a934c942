import { Command } from 'commander';
import { registerScreenCommand } from './screen.ts';
const program = new Command('sarhad').exitOverride((e) => { process.exit(e.exitCode === 0 ? 0 : 2); });
registerScreenCommand(program);
program.parse(process.argv);
