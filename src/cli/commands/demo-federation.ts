import path from 'node:path';
import type { Config } from '../../config.ts';
import { addPeer, nodeInfo, setAgreement } from '../../federation/peers.ts';
import { pullSerialised } from '../../federation/push.ts';
import { currentAgreements, findPeer } from '../../store/federation.repository.ts';
import { findRecord, saveRecord } from '../../store/records.repository.ts';
import { inWriteTransaction } from '../../store/transaction.ts';
import type { RunningNode } from './start.ts';

const SYSTEM = { kind: 'system', name: 'demo' } as const;

export const FEDERATION_DEMO_NODES = [
  { state: 'TJ', name: 'sarhad-tj', offset: 0 },
  { state: 'AF', name: 'sarhad-af', offset: 1 },
  { state: 'UZ', name: 'sarhad-uz', offset: 2 },
] as const;

/**
 * Which pairs agree on what (each side sets the same terms; the stricter of both applies anyway).
 * One agreement per pair: a peer holds one agreement in force, so the kinds are listed together.
 */
export const DEMO_AGREEMENTS = [
  {
    a: 'TJ',
    b: 'AF',
    terms: {
      types: [
        // Alerts and hit reports, hazard warnings (early warning to the other bank), threat assessments.
        'alert', 'hit_report', 'warning', 'damage', 'assessment',
        // Liaison between the BLOs.
        'liaison_channel', 'liaison_message',
        // The partners' 3W register (kept by the Tajik node): docs/partners.md.
        'initiative', 'training', 'equipment',
        // Trade (docs/trade.md): pre-arrival declarations, transits, arrivals, crossing-point profiles.
        'declaration', 'transit', 'crossing', 'crossing_point',
      ],
      maxTlp: 'AMBER' as const,
      personalData: true,
    },
  },
  // A partner/observer node: GREEN and below, no personal data.
  { a: 'TJ', b: 'UZ', terms: { types: ['alert', 'warning'], maxTlp: 'GREEN' as const, personalData: false } },
];

/** The agreement in force already says this (same kinds, TLP, personal data)? */
const sameTerms = (a: { types: string[]; maxTlp: string; personalData: boolean } | undefined, b: { types: string[]; maxTlp: string; personalData: boolean }) =>
  a !== undefined && a.maxTlp === b.maxTlp && a.personalData === b.personalData && [...a.types].sort().join() === [...b.types].sort().join();

/** Fixed ids so that starting the demo again changes nothing. */
const DEMO_ALERTS = [
  {
    id: '7a1f0c2e-5b1d-4c1e-9a55-000000000001',
    marking: { tlp: 'AMBER' as const, releasableTo: { states: ['AF'], agencies: [], units: [] }, hops: 1 },
    body: { subject: { kind: 'vehicle' as const, plate: '01 ТТ 2026', description: 'white Kamaz, blue tarpaulin' }, reason: 'Seen loading precursor chemicals near Panji Poyon at night', action: 'discreet_check' as const },
  },
  {
    id: '7a1f0c2e-5b1d-4c1e-9a55-000000000002',
    marking: { tlp: 'AMBER+STRICT' as const, releasableTo: { states: [], agencies: [], units: [] }, hops: 0 },
    body: { subject: { kind: 'vehicle' as const, plate: '02 ТТ 9999', description: null }, reason: 'Internal lead: informant report, not for release', action: 'inform_owner' as const },
  },
];

/**
 * `sarhad demo --federation`: three nodes in one process — Tajikistan, Afghanistan and an
 * Uzbek/observer node on consecutive ports — registered as peers with agreements, push on.
 * A record created on TJ appears on AF within a second, with its owner as provenance; an
 * AMBER+STRICT one never leaves TJ.
 */
export async function startFederationDemo(
  base: Config,
  run: (config: Config, state: string) => Promise<RunningNode>,
  print: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<RunningNode[]> {
  if (base.databaseUrl) throw new Error('sarhad demo --federation runs three embedded SQLite nodes: unset DATABASE_URL');
  const nodes = new Map<string, RunningNode>();
  for (const n of FEDERATION_DEMO_NODES) {
    const config: Config = { ...base, port: base.port + n.offset, dataDir: path.join(base.dataDir, n.state.toLowerCase()), nodeState: n.state, nodeName: n.name, federationPush: true, syncIntervalS: base.syncIntervalS || 30 };
    nodes.set(n.state, await run(config, n.state));
  }
  const urlOf = (state: string) => nodes.get(state)!.url.replace(/\/+$/, '');
  for (const { a, b, terms } of DEMO_AGREEMENTS) {
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const ctx = nodes.get(from)!.ctx;
      const info = await nodeInfo(nodes.get(to)!.ctx);
      let peer = await findPeer(ctx.db.kysely, { nodeId: info.nodeId });
      if (!peer) {
        await addPeer(ctx, SYSTEM, { name: `sarhad-${to.toLowerCase()}`, url: urlOf(to), stateCode: to, publicKey: info.publicKey, nodeId: info.nodeId });
        peer = await findPeer(ctx.db.kysely, { nodeId: info.nodeId });
      }
      // A demo directory from an earlier version keeps its peers but gets the current terms.
      if (peer && !sameTerms((await currentAgreements(ctx.db.kysely)).get(peer.id), terms)) await setAgreement(ctx, SYSTEM, { name: peer.name }, terms);
    }
  }
  const tj = nodes.get('TJ')!.ctx;
  const owner = { node: tj.node.id, state: 'TJ', agencyId: null, unitId: null };
  await inWriteTransaction(tj.db, async (trx) => {
    for (const a of DEMO_ALERTS) {
      if (await findRecord(trx, 'alert', a.id)) continue;
      await saveRecord(trx, {
        type: 'alert',
        id: a.id,
        body: { ...a.body, validFrom: new Date().toISOString().slice(0, 10), validUntil: null, source: 'local', sourceRef: null, active: true },
        marking: a.marking,
        owner,
        actor: 'system:demo',
      });
    }
  });
  for (const state of ['AF', 'UZ']) {
    const ctx = nodes.get(state)!.ctx;
    const peer = await findPeer(ctx.db.kysely, { name: 'sarhad-tj' });
    if (peer) await pullSerialised(ctx, peer.id).catch((err) => ctx.log.warn({ err: (err as Error).message }, 'demo: first pull failed'));
  }
  print('Federation demo: three nodes, peers and agreements set, push on.');
  print(`  Tajikistan  ${urlOf('TJ')}/   (tj.analyst creates alerts)`);
  print(`  Afghanistan ${urlOf('AF')}/   (af.liaison / af.customs see what TJ releases to AF, within a second)`);
  print(`  Uzbekistan  ${urlOf('UZ')}/   (observer: GREEN and below, no personal data)`);
  print('  TJ↔AF: alerts, warnings, liaison, partners and trade (declarations, transits, crossings, crossing-point profiles) up to AMBER, personal data allowed; TJ→UZ: up to GREEN, no personal data.');
  print(`  On AF now: the AMBER alert ${DEMO_ALERTS[0]!.body.subject.plate} (owner: TJ); never: the AMBER+STRICT ${DEMO_ALERTS[1]!.body.subject.plate}.`);
  return [...nodes.values()];
}
