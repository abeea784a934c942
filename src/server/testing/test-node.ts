import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../config.ts';
import { createLogger } from '../../logger.ts';
import { ensureAdmin, ensureDemoUsers } from '../../services/accounts.service.ts';
import type { AppContext } from '../../services/context.ts';
import { openNode } from '../../services/node.ts';
import { seedScenario } from '../../services/seed.service.ts';
import { loadScenario } from '../../store/seed/scenarios.ts';
import { buildApp } from '../app.ts';
import { ApiClient } from './api-client.ts';
import { createPgDatabase, type TestDialect } from './databases.ts';

export const TEST_PASSWORD = 'test-password-123';

export interface TestNode {
  dialect: TestDialect;
  url: string;
  ctx: AppContext;
  config: Config;
  /** A client with no session. */
  anonymous(): ApiClient;
  /** A client logged in as a seeded user (admin or a demo user). */
  as(username: string): Promise<ApiClient>;
  close(): Promise<void>;
}

/** A real node over real HTTP on a random port, with the tj-af scenario and demo users. */
export async function startTestNode(dialect: TestDialect, overrides: Partial<Config> = {}): Promise<TestNode> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-test-'));
  const pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
  const config: Config = {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: pgDb?.url ?? null,
    webDir: path.join(dataDir, 'no-web'),
    // A year of trade history is for demos; tests that need it ask for it.
    seedTradeHistory: false,
    ...overrides,
  };
  const ctx = await openNode(config, createLogger(process.env.SARHAD_TEST_LOG ?? 'silent'));
  // Without the seeded year of events: each test makes the events it needs (faster, exact lists).
  await seedScenario(ctx, loadScenario('tj-af'), { events: false, liaison: false });
  // The scenario has agencies (and so users) for TJ and AF only; a third node (UZ) runs without users.
  if (['TJ', 'AF'].includes(ctx.node.stateCode)) {
    await ensureAdmin(ctx, TEST_PASSWORD);
    await ensureDemoUsers(ctx, TEST_PASSWORD);
  }
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    dialect,
    url,
    ctx,
    config,
    anonymous: () => new ApiClient(url),
    as: async (username) => {
      const client = new ApiClient(url);
      await client.login(username, TEST_PASSWORD);
      return client;
    },
    close: async () => {
      await app.close();
      await ctx.db.close();
      await pgDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
