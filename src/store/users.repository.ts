import type { Role } from '../domain/policy/roles.ts';
import type { UsersTable } from './schema.ts';
import type { Executor } from './transaction.ts';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  agencyId: string;
  unitId: string | null;
  stateCode: string;
  locale: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

function fromRow(r: UsersTable): UserRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    roles: JSON.parse(r.roles_json) as Role[],
    agencyId: r.agency_id,
    unitId: r.unit_id,
    stateCode: r.state_code,
    locale: r.locale,
    disabled: Boolean(r.disabled),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | null> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function listUsers(db: Executor): Promise<UserRow[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(fromRow);
}

export async function insertUser(db: Executor, user: UserRow): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      username: user.username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      roles_json: JSON.stringify(user.roles),
      agency_id: user.agencyId,
      unit_id: user.unitId,
      state_code: user.stateCode,
      locale: user.locale,
      disabled: user.disabled ? 1 : 0,
      created_at: user.createdAt,
      updated_at: user.updatedAt,
    })
    .execute();
}

export async function updateUser(db: Executor, user: UserRow): Promise<void> {
  await db
    .updateTable('users')
    .set({
      display_name: user.displayName,
      password_hash: user.passwordHash,
      roles_json: JSON.stringify(user.roles),
      unit_id: user.unitId,
      locale: user.locale,
      disabled: user.disabled ? 1 : 0,
      updated_at: user.updatedAt,
    })
    .where('id', '=', user.id)
    .execute();
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** User names of the given ids (ids that are not users are left out). */
export async function usernamesByIds(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'username']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.username]));
}
