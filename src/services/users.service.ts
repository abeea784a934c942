import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { authorize } from '../domain/policy/authorize.ts';
import { LOCALES, ROLES, type Subject } from '../domain/policy/roles.ts';
import { conflict, notFound, validation } from '../errors.ts';
import { appendAudit } from '../store/audit.repository.ts';
import { findRecord } from '../store/records.repository.ts';
import { inWriteTransaction, type Trx } from '../store/transaction.ts';
import { findUserById, findUserByUsername, insertUser, listUsers, updateUser, type UserRow } from '../store/users.repository.ts';
import type { AppContext } from './context.ts';
import { endCredentials } from './credentials.service.ts';
import { hashPassword } from './passwords.ts';
import { principalOf } from './principal.ts';

export const usernameSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore');

export const createUserSchema = z
  .object({
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(200),
    password: z.string().min(10, 'at least 10 characters').max(200),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
    agencyId: z.uuid(),
    unitId: z.uuid().nullable().default(null),
    locale: z.enum(LOCALES).default('en'),
  })
  .strict();
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).optional(),
    unitId: z.uuid().nullable().optional(),
    locale: z.enum(LOCALES).optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(10).max(200).optional(),
  })
  .strict();
export type UpdateUserInput = z.output<typeof updateUserSchema>;

/** A system actor (CLI, seeding) has every permission on its own node. */
export type Actor = { kind: 'user'; subject: Subject } | { kind: 'system'; name: string };
const actorId = (a: Actor) => (a.kind === 'user' ? a.subject.userId : `system:${a.name}`);

async function checkPlacement(trx: Trx, agencyId: string, unitId: string | null) {
  const agency = await findRecord(trx, 'agency', agencyId);
  if (!agency) throw validation('agencyId does not name a known agency', { field: 'agencyId' });
  if (unitId) {
    const unit = await findRecord(trx, 'unit', unitId);
    if (!unit) throw validation('unitId does not name a known unit', { field: 'unitId' });
    if (unit.body.agencyId !== agencyId) throw validation('the unit belongs to another agency', { field: 'unitId' });
  }
  return agency;
}

export async function createUser(ctx: AppContext, actor: Actor, raw: CreateUserInput): Promise<UserRow> {
  authorize(principalOf(actor), 'users:write');
  const input = createUserSchema.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return inWriteTransaction(ctx.db, async (trx) => {
    if (await findUserByUsername(trx, input.username)) throw conflict(`username "${input.username}" is taken`);
    const agency = await checkPlacement(trx, input.agencyId, input.unitId);
    const now = new Date().toISOString();
    const user: UserRow = {
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      roles: [...new Set(input.roles)],
      agencyId: input.agencyId,
      unitId: input.unitId,
      stateCode: agency.body.stateCode,
      locale: input.locale,
      disabled: false,
      createdAt: now,
      updatedAt: now,
    };
    await insertUser(trx, user);
    await appendAudit(trx, {
      actor: actorId(actor),
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      detail: { roles: user.roles, agencyId: user.agencyId, unitId: user.unitId },
    });
    return user;
  });
}

export async function changeUser(ctx: AppContext, actor: Actor, id: string, input: UpdateUserInput): Promise<UserRow> {
  authorize(principalOf(actor), 'users:write');
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return inWriteTransaction(ctx.db, async (trx) => {
    const user = await findUserById(trx, id);
    if (!user) throw notFound('user');
    if (actor.kind === 'user' && actor.subject.userId === id && (input.disabled || (input.roles && !input.roles.includes('administrator')))) {
      throw validation('administrators cannot disable themselves or drop their own administrator role');
    }
    const unitId = input.unitId === undefined ? user.unitId : input.unitId;
    await checkPlacement(trx, user.agencyId, unitId);
    const next: UserRow = {
      ...user,
      displayName: input.displayName ?? user.displayName,
      roles: input.roles ? [...new Set(input.roles)] : user.roles,
      unitId,
      locale: input.locale ?? user.locale,
      disabled: input.disabled ?? user.disabled,
      passwordHash: passwordHash ?? user.passwordHash,
      updatedAt: new Date().toISOString(),
    };
    await updateUser(trx, next);
    if (next.disabled || passwordHash) await endCredentials(trx, actorId(actor), id, next.disabled ? 'user_disabled' : 'password_changed');
    const changed = Object.keys(input).filter((k) => k !== 'password');
    await appendAudit(trx, {
      actor: actorId(actor),
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      detail: { fields: passwordHash ? [...changed, 'password'] : changed },
    });
    return next;
  });
}

/** Lists users; it shows people's names, so the read itself is audited. */
export async function readUsers(ctx: AppContext, actor: Actor): Promise<UserRow[]> {
  authorize(principalOf(actor), 'users:read');
  const users = await listUsers(ctx.db.kysely);
  ctx.reads.record({ actor: actorId(actor), action: 'personal_data.read', entityType: 'user', entityId: null, detail: { count: users.length } });
  return users;
}

export { actorId };
