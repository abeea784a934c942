import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { startSyncLoop } from '../../federation/sync-loop.ts';
import { startPushNotifier } from '../../federation/push.ts';
import { startFederationDemo } from './demo-federation.ts';
import { startCheckpointLoop } from '../../services/audit-checkpoint-loop.ts';
import { startTransitOverdueLoop } from '../../services/trade/transits.service.ts';
import { buildApp } from '../../server/app.ts';
import { DEMO_USERS, ensureAdmin, ensureDemoUsers } from '../../services/accounts.service.ts';
import type { AppContext } from '../../services/context.ts';
import { openNode } from '../../services/node.ts';
import { ensureOwnRegistry } from '../../services/bootstrap.service.ts';
import { seedScenario } from '../../services/seed.service.ts';
import { loadScenario } from '../../store/seed/scenarios.ts';

export const DEFAULT_DEMO_PASSWORD = 'sarhad-demo-2026';
export const DEMO_SCENARIO = 'tj-af';

/** Seeding is idempotent, so an explicitly named scenario is applied on every start. */
async function seed(ctx: AppContext, scenarioId: string) {
  const summary = await seedScenario(ctx, loadScenario(scenarioId));
  ctx.log.info(summary, 'seeded scenario');
}

export interface RunningNode {
  ctx: AppContext;
  url: string;
  close(): Promise<void>;
}

/**
 * One node: migrate, seed a scenario only when one is named, make sure the registry holds the
 * node's own state and agency, create admin, listen.
 */
export async function runNode(
  config: Config,
  opts: { demo: boolean; scenario?: string | null; demoPassword?: string; print?: (line: string) => void },
): Promise<RunningNode> {
  const print = opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const log = createLogger(config.logLevel);
  const ctx = await openNode(config, log);
  if (opts.scenario) await seed(ctx, opts.scenario);
  const own = await ensureOwnRegistry(ctx);
  if (own.created.length > 0) log.info({ created: own.created }, 'registry: own state bootstrapped');
  const admin = await ensureAdmin(ctx, config.adminPassword);
  const demoPassword = opts.demoPassword ?? DEFAULT_DEMO_PASSWORD;
  if (opts.demo) await ensureDemoUsers(ctx, demoPassword);
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  const sync = config.syncIntervalS > 0 ? startSyncLoop(ctx, config.syncIntervalS * 1000) : null;
  const push = config.federationPush ? startPushNotifier(ctx) : null;
  const checkpoints =
    config.auditCheckpointIntervalS > 0 || config.auditCheckpointEvery > 0
      ? startCheckpointLoop(ctx, { intervalMs: config.auditCheckpointIntervalS * 1000, everyEntries: config.auditCheckpointEvery })
      : null;
  // Overdue transits (trade): checked every minute, so both sides are alerted without a listing.
  const stopOverdue = startTransitOverdueLoop(ctx, 60_000);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/`;
  print('');
  print(`Sarhad node "${ctx.node.name}" (${ctx.node.stateCode}) is running on ${ctx.db.dialect}: ${url}`);
  if (admin?.generated) print(`  admin password (shown once, write it down): ${admin.password}`);
  if (opts.demo) {
    print(`  demo logins, password "${demoPassword}":`);
    print(`    ${'admin'.padEnd(18)} administrator${admin ? '' : ' (password as first set)'}`);
    for (const u of DEMO_USERS) print(`    ${u.username.padEnd(18)} ${u.roles.join(', ')}`);
  }
  print('');
  return {
    ctx,
    url,
    close: async () => {
      push?.stop();
      await sync?.stop();
      stopOverdue();
      await app.close();
      // After the server stopped answering: the last reads are flushed into the final checkpoint.
      await checkpoints?.stop();
      await ctx.db.close();
    },
  };
}

function onSignals(node: RunningNode) {
  const stop = async () => {
    await node.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function registerStartCommands(program: Command) {
  program
    .command('start')
    .description('run one node (SARHAD_PORT, SARHAD_DATA_DIR, DATABASE_URL, SARHAD_NODE_STATE, SARHAD_ADMIN_PASSWORD)')
    .option('--scenario <id|file>', 'seed this border scenario first (or SARHAD_SCENARIO); none by default')
    .action(async (opts: { scenario?: string }) =>
      onSignals(await runNode(loadConfig(), { demo: false, scenario: opts.scenario ?? (process.env.SARHAD_SCENARIO || null) })),
    );

  program
    .command('demo')
    .description('run a node with the Tajik–Afghan scenario and demo logins')
    .option('--fresh', 'delete the SQLite data directory first')
    .option('--scenario <id|file>', `border scenario to seed (or SARHAD_SCENARIO; default ${DEMO_SCENARIO})`)
    .option('--federation', 'three nodes (TJ, AF, UZ observer) on SARHAD_PORT and the next two ports, peered, with agreements and push')
    .action(async (opts: { fresh?: boolean; scenario?: string; federation?: boolean }) => {
      const config = loadConfig();
      if (!config.adminPassword) config.adminPassword = process.env.SARHAD_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
      if (opts.fresh && !config.databaseUrl) fs.rmSync(config.dataDir, { recursive: true, force: true });
      const scenario = opts.scenario ?? (process.env.SARHAD_SCENARIO || DEMO_SCENARIO);
      if (opts.federation) {
        const demoPassword = process.env.SARHAD_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
        const nodes = await startFederationDemo(config, (c) => runNode(c, { demo: true, scenario, demoPassword }));
        const stop = async () => {
          for (const n of nodes) await n.close();
          process.exit(0);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        return;
      }
      onSignals(await runNode(config, { demo: true, scenario, demoPassword: process.env.SARHAD_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD }));
    });
}
