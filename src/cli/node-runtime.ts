import type { Config } from '../config.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import type { AppContext } from '../services/context.ts';
import { openNode } from '../services/node.ts';

/** Opens a node for a one-shot CLI command and always closes it. */
export async function withNode<T>(fn: (ctx: AppContext) => Promise<T>, overrides: Partial<Config> = {}): Promise<T> {
  const config = { ...loadConfig(), ...overrides };
  const ctx = await openNode(config, createLogger(process.env.SARHAD_LOG_LEVEL ?? 'warn', process.stderr as never));
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close();
  }
}
