import fs from 'node:fs';
import type { Command } from 'commander';
import { ZodError } from 'zod';
import type { ChainProblem } from '../../domain/audit/chain.ts';
import { describeCheckpointFailure } from '../../domain/audit/checkpoint.ts';
import { verifyAuditIntegrity, writeCheckpoint } from '../../services/audit-checkpoints.service.ts';
import { ROLES, type Role } from '../../domain/policy/roles.ts';
import { generatePassword } from '../../services/passwords.ts';
import { seedScenario } from '../../services/seed.service.ts';
import { createToken, listTokens, revokeToken, TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from '../../services/tokens.service.ts';
import { createUser, type Actor } from '../../services/users.service.ts';
import { migrateToLatest } from '../../store/migrate.ts';
import { idsByRef } from '../../store/records.repository.ts';
import { loadScenario } from '../../store/seed/scenarios.ts';
import { findUserByUsername } from '../../store/users.repository.ts';
import { withNode } from '../node-runtime.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

const CLI: Actor = { kind: 'system', name: 'cli' };

function problem(err: unknown): string {
  if (err instanceof ZodError) return err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
  return err instanceof Error ? err.message : String(err);
}

function fail(message: string, code = 2): never {
  process.stderr.write(`sarhad: ${message}\n`);
  process.exit(code);
}

export function registerAdminCommands(program: Command) {
  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      await withNode(async (ctx) => out(`database (${ctx.db.dialect}) is at the latest schema; ${(await migrateToLatest(ctx.db)).length} migrations applied now`));
    });

  program
    .command('seed')
    .description('load a border scenario (id of a shipped one, or a path to a JSON file)')
    .option('--scenario <id|file>', 'scenario', 'tj-af')
    .action(async (opts: { scenario: string }) => {
      const scenario = (() => {
        try {
          return loadScenario(opts.scenario);
        } catch (err) {
          return fail((err as Error).message);
        }
      })();
      const s = await withNode((ctx) => seedScenario(ctx, scenario));
      out(`scenario ${s.scenario}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged`);
    });

  const user = program.command('user').description('manage users');
  user
    .command('add')
    .description('create a user (password from --password, SARHAD_NEW_USER_PASSWORD, or generated and printed once)')
    .requiredOption('--username <name>')
    .requiredOption('--roles <list>', `comma-separated: ${ROLES.join(', ')}`)
    .requiredOption('--agency <ref|id>', 'agency scenario ref (e.g. tj-border-guard) or id')
    .option('--unit <ref|id>', 'unit scenario ref or id')
    .option('--display-name <text>')
    .option('--locale <code>', 'en, ru, tg, fa or ps', 'en')
    .option('--password <text>')
    .action(async (opts: { username: string; roles: string; agency: string; unit?: string; displayName?: string; locale: string; password?: string }) => {
      const roles = opts.roles.split(',').map((r) => r.trim()).filter(Boolean);
      const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length) fail(`unknown role(s): ${unknown.join(', ')}; known: ${ROLES.join(', ')}`);
      const password = opts.password ?? process.env.SARHAD_NEW_USER_PASSWORD ?? generatePassword();
      await withNode(async (ctx) => {
        const agencyId = (await idsByRef(ctx.db.kysely, 'agency')).get(opts.agency) ?? opts.agency;
        const unitId = opts.unit ? (await idsByRef(ctx.db.kysely, 'unit')).get(opts.unit) ?? opts.unit : null;
        try {
          const created = await createUser(ctx, { kind: 'system', name: 'cli' }, {
            username: opts.username,
            displayName: opts.displayName ?? opts.username,
            password,
            roles: roles as Role[],
            agencyId,
            unitId,
            locale: opts.locale as 'en',
          });
          out(`created user ${created.username} (${created.id})`);
          if (!opts.password && !process.env.SARHAD_NEW_USER_PASSWORD) out(`password (shown once): ${password}`);
        } catch (err) {
          fail(err instanceof Error ? err.message : String(err));
        }
      });
    });

  user
    .command('token')
    .description('issue an API token for a user (the secret is printed once, on stdout)')
    .argument('<username>')
    .option('--name <label>', 'what the token is for', 'cli')
    .option('--expires-in <days>', `lifetime, e.g. 30d (at most ${TOKEN_MAX_DAYS}d)`, `${TOKEN_DEFAULT_DAYS}d`)
    .action(async (username: string, opts: { name: string; expiresIn: string }) => {
      const days = /^(\d{1,4})d?$/.exec(opts.expiresIn.trim());
      if (!days) fail(`--expires-in must be a number of days such as 30d, got "${opts.expiresIn}"`);
      await withNode(async (ctx) => {
        const found = await findUserByUsername(ctx.db.kysely, username);
        if (!found) fail(`no user "${username}"`);
        const created = await createToken(ctx, CLI, found.id, { name: opts.name, expiresInDays: Number(days[1]) }).catch((err: unknown) => fail(problem(err)));
        out(created.secret);
        process.stderr.write(`token ${created.token.id} "${created.token.name}" for ${username}, expires ${created.token.expiresAt}\n`);
      });
    });

  user
    .command('tokens')
    .description("list a user's API tokens that were not revoked (never their secrets)")
    .argument('<username>')
    .action(async (username: string) => {
      await withNode(async (ctx) => {
        const found = await findUserByUsername(ctx.db.kysely, username);
        if (!found) fail(`no user "${username}"`);
        const tokens = await listTokens(ctx, CLI, found.id);
        if (tokens.length === 0) return out(`no tokens for ${username}`);
        const now = new Date().toISOString();
        out(['id', 'name', 'created', 'expires', 'last used'].join('\t'));
        for (const t of tokens) {
          out([t.id, t.name, t.createdAt, t.expiresAt <= now ? `${t.expiresAt} (expired)` : t.expiresAt, t.lastUsedAt ?? 'never'].join('\t'));
        }
      });
    });

  user
    .command('token-revoke')
    .description('revoke an API token by its id (see `sarhad user tokens`)')
    .argument('<id>')
    .action(async (id: string) => {
      if (!/^[0-9a-f-]{36}$/i.test(id)) fail(`"${id}" is not a token id`);
      await withNode(async (ctx) => {
        const revoked = await revokeToken(ctx, CLI, null, id).catch((err: unknown) => fail(problem(err)));
        out(`revoked token ${revoked.id} "${revoked.name}"`);
      });
    });

  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('check the hash chain and the newest stored checkpoints (and --checkpoint FILE); exits 1 naming the first problem')
    .option('--checkpoint <file>', 'a signed checkpoint kept outside the database (from `sarhad audit checkpoint`)')
    .action(async (opts: { checkpoint?: string }) => {
      const external = opts.checkpoint === undefined ? undefined : readCheckpointFile(opts.checkpoint);
      const result = await withNode((ctx) => verifyAuditIntegrity(ctx, external));
      const problems: string[] = [];
      const chainProblem = result.chain.problem;
      if (chainProblem) problems.push(`first bad entry seq=${chainProblem.kind === 'gap' ? chainProblem.expectedSeq : chainProblem.seq}: ${describeChainProblem(chainProblem)}`);
      for (const v of result.checkpoints) if (!v.ok) problems.push(`stored ${describeCheckpointFailure(v)}`);
      if (result.external && !result.external.ok) problems.push(`the chain no longer extends ${describeCheckpointFailure(result.external)}`);
      if (problems.length > 0) {
        for (const p of problems) process.stderr.write(`audit log TAMPERED: ${p}\n`);
        process.exit(1);
      }
      out(`audit log intact: ${result.chain.checked} entries verified`);
      const latest = result.checkpoints[0];
      if (latest?.ok) out(`extends the ${result.checkpoints.length} newest stored checkpoint(s), latest seq=${latest.checkpoint.seq} at ${latest.checkpoint.at}`);
      else out('no stored checkpoint yet (run `sarhad audit checkpoint` and keep the output elsewhere)');
      if (result.external?.ok) out(`extends the checkpoint in ${opts.checkpoint}: seq=${result.external.checkpoint.seq} at ${result.external.checkpoint.at}`);
    });

  audit
    .command('checkpoint')
    .description('sign the chain as it stands now, store the checkpoint, and print it as JSON (keep a copy off this node)')
    .action(async () => {
      const checkpoint = await withNode((ctx) => writeCheckpoint(ctx, 'system:cli'));
      out(JSON.stringify(checkpoint, null, 2));
    });
}

function describeChainProblem(p: ChainProblem): string {
  return p.kind === 'gap' ? `entry ${p.expectedSeq} is missing (next present is ${p.seq})`
    : p.kind === 'broken-link' ? `entry ${p.seq} does not link to the entry before it (removed or reordered)`
    : p.kind === 'altered' ? `entry ${p.seq} was altered (its hash does not match its content)`
    : `the newest entries from ${p.seq} on were removed (chain head does not match)`;
}

/** The file's JSON, or exit 2 naming why it cannot be read (a tampered-but-valid JSON is judged later). */
function readCheckpointFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return fail(`cannot read checkpoint file ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fail(`checkpoint file ${file} is not JSON`);
  }
}
