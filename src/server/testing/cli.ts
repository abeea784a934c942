import { spawn } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve('src/cli/main.ts');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `sarhad` command in a child process, as an operator would, with the given settings. */
export function runSarhad(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { ...process.env, SARHAD_LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The settings of an AF node kept in its own SQLite directory (the CLI tests' node). */
export const afNodeEnv = (dataDir: string): Record<string, string> => ({ SARHAD_DATA_DIR: dataDir, DATABASE_URL: '', SARHAD_NODE_STATE: 'AF', SARHAD_NODE_NAME: 'sarhad-af' });
