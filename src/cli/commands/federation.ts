import type { Command } from 'commander';
import { AGREEMENT_TLPS } from '../../domain/federation/sharing-policy.ts';
import { AppError } from '../../errors.ts';
import { keyFingerprint, parseOverlap, rotateNodeKey } from '../../federation/key-rotation.ts';
import { addPeer, nodeInfo, peersWithAgreements, setAgreement } from '../../federation/peers.ts';
import { pullSerialised } from '../../federation/push.ts';
import { PeerRequestError } from '../../federation/sync.ts';
import type { Actor } from '../../services/users.service.ts';
import { listPeers } from '../../store/federation.repository.ts';
import { withNode } from '../node-runtime.ts';

const CLI: Actor = { kind: 'system', name: 'cli' };
const out = (line: string) => process.stdout.write(`${line}\n`);

function fail(message: string, code = 2): never {
  process.stderr.write(`sarhad: ${message}\n`);
  process.exit(code);
}

/** Runs a federation action and turns expected failures into one readable line. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError || err instanceof PeerRequestError) fail(err.message);
    if (err && typeof err === 'object' && 'issues' in err) {
      fail((err as { issues: { path: PropertyKey[]; message: string }[] }).issues.map((i) => `${i.path.map(String).join('.') || 'input'}: ${i.message}`).join('; '));
    }
    if (err instanceof TypeError) fail(`cannot reach the peer: ${err.message}`);
    throw err;
  }
}

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

export function registerFederationCommands(program: Command) {
  program
    .command('node')
    .description('this node')
    .command('key')
    .description("print this node's id, state and Ed25519 public key (base64 of the raw 32 bytes) for a peer's administrator")
    .option('--json', 'as JSON')
    .action(async (opts: { json?: boolean }) => {
      const info = await withNode((ctx) => nodeInfo(ctx));
      if (opts.json) {
        out(JSON.stringify(info));
        return;
      }
      out(`node id:    ${info.nodeId}`);
      out(`state:      ${info.state}`);
      out(`name:       ${info.name}`);
      out(`public key: ${info.publicKey}`);
      out(`fingerprint: ${keyFingerprint(info.publicKey)}`);
    });

  program
    .command('keys')
    .description("this node's Ed25519 key")
    .command('rotate')
    .description('make a new node key; every peer gets a hand-over signed with the old key (re-sent until it accepts), and keeps accepting the old key for the overlap')
    .requiredOption('--overlap <duration>', 'how long peers still accept the old key: 0, 90s, 30m, 12h, 7d or 2w (at most 90d)')
    .action(async (opts: { overlap: string }) => {
      // Checked before the node is opened: a bad duration changes nothing.
      const overlapMs = parseOverlap(opts.overlap);
      if (overlapMs === null) fail(`--overlap must be a duration such as 0, 30m, 12h, 7d or 2w (at most 90d), not "${opts.overlap}"`);
      const r = await withNode((ctx) => guarded(() => rotateNodeKey(ctx, { actor: CLI, overlapMs })));
      out(`new public key: ${r.handover.newKey}`);
      out(`fingerprint:    ${r.fingerprint}`);
      out(`old key valid until ${r.handover.oldKeyValidUntil ?? r.handover.at}${overlapMs ? ` (overlap ${opts.overlap})` : ' (no overlap)'}`);
      if (r.delivered.length) out(`hand-over accepted by: ${r.delivered.join(', ')}`);
      for (const p of r.pending) out(`hand-over pending for ${p.peer} (${p.error}): sent again on the next contact or sync round`);
    });

  const peers = program.command('peers').description('federation peers, sharing agreements and sync');

  peers
    .command('add')
    .description("register a peer node; its key must come from the peer's administrator (sarhad node key)")
    .requiredOption('--name <name>')
    .requiredOption('--url <url>', 'base URL of the peer node, e.g. https://sarhad.af.example')
    .requiredOption('--state <code>', 'ISO 3166-1 alpha-2 code of the peer state')
    .requiredOption('--public-key <base64>', "the peer's Ed25519 public key")
    .option('--node-id <id>', "the peer's node id (otherwise read from its URL and checked against the key)")
    .action(async (opts: { name: string; url: string; state: string; publicKey: string; nodeId?: string }) => {
      const peer = await withNode((ctx) =>
        guarded(() => addPeer(ctx, CLI, { name: opts.name, url: opts.url, stateCode: opts.state.toUpperCase(), publicKey: opts.publicKey, nodeId: opts.nodeId })),
      );
      out(`peer ${peer.name} added: node ${peer.nodeId} (${peer.stateCode}) at ${peer.url}; nothing is shared until you add an agreement (sarhad peers agree)`);
    });

  peers
    .command('agree')
    .description('set the sharing agreement with a peer (replaces the one in force)')
    .requiredOption('--peer <name>')
    .requiredOption('--types <list>', 'record types, comma-separated: alert, unit, agency, section, community, state')
    .requiredOption('--max-tlp <tlp>', `most restrictive TLP allowed: ${AGREEMENT_TLPS.join(', ')}`)
    .requiredOption('--personal-data <yes|no>', 'may records holding personal data travel')
    .option('--redact <paths>', 'comma-separated body dot paths removed before signing, e.g. subject.documents', '')
    .option('--inactive', 'record the agreement but suspend sharing')
    .action(async (opts: { peer: string; types: string; maxTlp: string; personalData: string; redact: string; inactive?: boolean }) => {
      if (!['yes', 'no'].includes(opts.personalData)) fail('--personal-data must be yes or no');
      const a = await withNode((ctx) =>
        guarded(() =>
          setAgreement(ctx, CLI, { name: opts.peer }, {
            types: list(opts.types),
            maxTlp: opts.maxTlp.toUpperCase() as 'AMBER',
            personalData: opts.personalData === 'yes',
            redact: list(opts.redact),
            active: !opts.inactive,
          }),
        ),
      );
      out(`agreement with ${opts.peer}: ${a.types.join(', ')} up to TLP:${a.maxTlp}, personal data ${a.personalData ? 'allowed' : 'not allowed'}${a.redact.length ? `, redacting ${a.redact.join(', ')}` : ''}${a.active ? '' : ' (inactive)'}`);
    });

  peers
    .command('list')
    .description('peers and the agreement in force with each')
    .action(async () => {
      const items = await withNode((ctx) => peersWithAgreements(ctx, CLI));
      if (items.length === 0) {
        out('no peers');
        return;
      }
      for (const p of items) {
        const a = p.agreement;
        out(`${p.name}\t${p.stateCode}\t${p.url}\tlast contact ${p.lastContactAt ?? 'never'}\t${a ? `${a.active ? '' : 'inactive: '}${a.types.join(',')} ≤${a.maxTlp} personal:${a.personalData ? 'yes' : 'no'}` : 'no agreement'}`);
      }
    });

  peers
    .command('sync')
    .description('pull everything new from one peer (or all peers)')
    .option('--peer <name>')
    .action(async (opts: { peer?: string }) => {
      let failed = false;
      await withNode(async (ctx) => {
        const peers = (await listPeers(ctx.db.kysely)).filter((p) => !opts.peer || p.name === opts.peer);
        if (opts.peer && peers.length === 0) fail(`no peer named ${opts.peer}`);
        if (peers.length === 0) fail('no peers registered (sarhad peers add)');
        for (const { id, name } of peers) {
          try {
            // The serialised path notes the outcome for the peer status page, as the loop's pulls are.
            const s = await pullSerialised(ctx, id);
            out(`${name}: ${s.stored} stored, ${s.withdrawn} withdrawn, ${s.ignored} already held, ${s.rejected} rejected; backlog ${s.backlog}`);
            for (const r of s.rejections) out(`  rejected ${r.id ?? '?'} v${r.version ?? '?'}: ${r.reason}`);
          } catch (err) {
            failed = true;
            process.stderr.write(`sarhad: ${name}: ${(err as Error).message}\n`);
          }
        }
      });
      if (failed) process.exit(1);
    });
}
