import type { Role } from '../domain/policy/roles.ts';
import { listRecords, type SavedRecord } from '../store/records.repository.ts';
import { countUsers, findUserByUsername } from '../store/users.repository.ts';
import type { AppContext } from './context.ts';
import { generatePassword } from './passwords.ts';
import { createUser, type Actor } from './users.service.ts';

const SYSTEM: Actor = { kind: 'system', name: 'bootstrap' };

interface Placement {
  state: string;
  agencyKind: string;
  unitKind: string | null;
  /** A particular unit (scenario ref), e.g. a liaison officer's BLO facing its counterpart; else the first of unitKind. */
  unitRef?: string;
}

async function place(ctx: AppContext, p: Placement) {
  const agencies = await listRecords(ctx.db.kysely, 'agency');
  const agency = agencies.find((a) => a.body.stateCode === p.state && a.body.kind === p.agencyKind);
  if (!agency) throw new Error(`no ${p.agencyKind} agency of ${p.state} in the registry: seed a scenario first`);
  let unit: SavedRecord<'unit'> | undefined;
  if (p.unitKind) {
    const units = await listRecords(ctx.db.kysely, 'unit', { agency_id: agency.id });
    unit = (p.unitRef ? units.find((u) => u.body.ref === p.unitRef) : undefined) ?? units.find((u) => u.body.kind === p.unitKind) ?? units[0];
  }
  return { agencyId: agency.id, unitId: unit?.id ?? null };
}

/**
 * First start creates `admin` with SARHAD_ADMIN_PASSWORD, or a generated password that is
 * returned so the caller can print it once. Returns null when users already exist.
 */
export async function ensureAdmin(ctx: AppContext, password: string | null): Promise<{ password: string; generated: boolean } | null> {
  if ((await countUsers(ctx.db.kysely)) > 0) return null;
  const chosen = password ?? generatePassword();
  const at = await place(ctx, { state: ctx.node.stateCode, agencyKind: 'border_guard', unitKind: 'headquarters' });
  await createUser(ctx, SYSTEM, {
    username: 'admin',
    displayName: 'Administrator',
    password: chosen,
    roles: ['administrator'],
    agencyId: at.agencyId,
    unitId: at.unitId,
    locale: 'en',
  });
  return { password: chosen, generated: password === null };
}

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  placement: Placement;
  locale: 'en' | 'ru' | 'tg' | 'fa' | 'ps';
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'tj.reporter', displayName: 'Rustam Saidov', roles: ['reporter'], placement: { state: 'TJ', agencyKind: 'border_guard', unitKind: 'border_post' }, locale: 'tg' },
  { username: 'tj.validator', displayName: 'Farrukh Nazarov', roles: ['validator', 'reporter'], placement: { state: 'TJ', agencyKind: 'border_guard', unitKind: 'headquarters' }, locale: 'ru' },
  { username: 'tj.analyst', displayName: 'Zarina Rahimova', roles: ['analyst'], placement: { state: 'TJ', agencyKind: 'border_guard', unitKind: 'headquarters' }, locale: 'ru' },
  { username: 'tj.commander', displayName: 'Davlat Karimov', roles: ['commander'], placement: { state: 'TJ', agencyKind: 'border_guard', unitKind: 'headquarters' }, locale: 'tg' },
  { username: 'tj.customs', displayName: 'Shahlo Qodirova', roles: ['customs_officer'], placement: { state: 'TJ', agencyKind: 'customs', unitKind: 'crossing_point' }, locale: 'tg' },
  // Liaison officers of the two Border Liaison Offices facing each other at Panji Poyon / Sher Khan Bandar.
  { username: 'tj.liaison', displayName: 'Jamshed Sharipov', roles: ['liaison_officer'], placement: { state: 'TJ', agencyKind: 'border_guard', unitKind: 'blo', unitRef: 'tj-blo-panji-poyon' }, locale: 'tg' },
  { username: 'af.liaison', displayName: 'Ahmad Zia Rahimi', roles: ['liaison_officer'], placement: { state: 'AF', agencyKind: 'border_guard', unitKind: 'blo', unitRef: 'af-blo-sher-khan-bandar' }, locale: 'fa' },
  { username: 'af.customs', displayName: 'Gul Mohammad Safi', roles: ['customs_officer'], placement: { state: 'AF', agencyKind: 'customs', unitKind: 'crossing_point' }, locale: 'ps' },
  { username: 'partner.observer', displayName: 'Partner Observer', roles: ['partner_observer'], placement: { state: 'TJ', agencyKind: 'partner', unitKind: null }, locale: 'en' },
];

/** Demo logins for the seeded scenario, all with one password; existing ones are left alone. */
export async function ensureDemoUsers(ctx: AppContext, password: string): Promise<string[]> {
  const created: string[] = [];
  for (const demo of DEMO_USERS) {
    if (await findUserByUsername(ctx.db.kysely, demo.username)) continue;
    const at = await place(ctx, demo.placement);
    await createUser(ctx, SYSTEM, {
      username: demo.username,
      displayName: demo.displayName,
      password,
      roles: demo.roles,
      agencyId: at.agencyId,
      unitId: at.unitId,
      locale: demo.locale,
    });
    created.push(demo.username);
  }
  return created;
}
