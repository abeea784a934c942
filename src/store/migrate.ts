import { Migrator, type Migration, type MigrationProvider, type MigrationResult } from 'kysely';
import type { Db } from './db.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_alerts_screening.ts';
import * as m0003 from './migrations/0003_federation.ts';
import * as m0005 from './migrations/0005_audit_checkpoints.ts';
import * as m0006 from './migrations/0006_logins_tokens.ts';
import * as m0007 from './migrations/0007_false_positives.ts';
import * as m0010 from './migrations/0010_federation_delivery.ts';
import * as m0011 from './migrations/0011_events.ts';
import * as m0011b from './migrations/0011b_seizures_community_attachments.ts';
import * as m0013 from './migrations/0013_warnings.ts';
import * as m0014 from './migrations/0014_risk.ts';
import * as m0015 from './migrations/0015_trade.ts';
import * as m0016 from './migrations/0016_liaison.ts';
import * as m0017 from './migrations/0017_meetings.ts';
import * as m0018 from './migrations/0018_partners.ts';
import * as m0019 from './migrations/0019_picture.ts';
import * as m0021 from './migrations/0021_hit_reports.ts';
import * as m0022 from './migrations/0022_trade_rules.ts';
import * as m0020 from './migrations/0020_federation_hops.ts';
import * as m0023_peer_contact from './migrations/0023_peer_contact_fedweb.ts';
import * as m0024 from './migrations/0024_key_handover_resend.ts';

// Listed statically so migrations ship inside any bundle and run in a fixed order.
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_alerts_screening': m0002,
  '0003_federation': m0003,
  '0005_audit_checkpoints': m0005,
  '0006_logins_tokens': m0006,
  '0007_false_positives': m0007,
  '0010_federation_delivery': m0010,
  '0011_events': m0011,
  '0011b_seizures_community_attachments': m0011b,
  '0013_warnings': m0013,
  '0014_risk': m0014,
  '0015_trade': m0015,
  '0016_liaison': m0016,
  '0017_meetings': m0017,
  '0018_partners': m0018,
  '0019_picture': m0019,
  '0021_hit_reports': m0021,
  '0022_trade_rules': m0022,
  '0020_federation_hops': m0020,
  '0023_peer_contact_fedweb': m0023_peer_contact,
  '0024_key_handover_resend': m0024,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Db): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results ?? [];
}

/** Brings the schema up to (and including) one named migration: for tests of later migrations on old data. */
export async function migrateTo(db: Db, name: string): Promise<void> {
  const { error } = await new Migrator({ db: db.kysely, provider }).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
