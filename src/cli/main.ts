import { Command } from 'commander';
import { registerAdminCommands } from './commands/admin.ts';
import { registerImportCommands } from './commands/import.ts';
import { registerFederationCommands } from './commands/federation.ts';
import { registerScreenCommand } from './commands/screen.ts';
import { registerStartCommands } from './commands/start.ts';

const program = new Command()
  .name('sarhad')
  .description('Sarhad: federated border management and cross-border co-operation')
  .showHelpAfterError();

registerStartCommands(program);
registerAdminCommands(program);
registerImportCommands(program);
registerFederationCommands(program);
registerScreenCommand(program);

await program.parseAsync(process.argv);
