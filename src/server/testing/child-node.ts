import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve('src/cli/main.ts');

/** Environment of a child `sarhad` process: quiet, loopback, no sync loop, nothing inherited that points elsewhere. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: '',
    SARHAD_SCENARIO: '',
    SARHAD_LOG_LEVEL: 'warn',
    SARHAD_HOST: '127.0.0.1',
    SARHAD_PORT: '0',
    SARHAD_SYNC_INTERVAL: '0',
    ...env,
  };
}

export interface ChildNode {
  url: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `sarhad <command>` (start or demo) as a separate OS process, resolved once it prints the
 * address it listens on. Used where a test needs what one process cannot show: two servers
 * on one database, or a CLI writer beside a server.
 */
export async function spawnNode(
  args: string[],
  env: Record<string, string>,
  { timeoutMs = 60_000, entry = null }: { timeoutMs?: number; entry?: string | null } = {},
): Promise<ChildNode> {
  // entry: a compiled main.js to run with plain node; by default the sources through tsx.
  const argv = entry ? [entry, ...args] : ['--import', 'tsx', MAIN, ...args];
  const child = spawn(process.execPath, argv, { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sarhad ${args.join(' ')} did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /is running on \w+: (http:\/\/\S+?)\/?\s/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sarhad ${args.join(' ')} exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    process: child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs a one-shot `sarhad …` command as a separate process, without blocking the test's event loop. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
