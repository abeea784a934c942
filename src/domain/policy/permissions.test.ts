import { describe, expect, it } from 'vitest';
import { ACTIONS, can, PERMISSIONS, type Action } from './permissions.ts';
import { ROLES, type Role } from './roles.ts';

/**
 * The expected matrix, written by hand (not derived from PERMISSIONS): who may do what by role.
 * A change to PERMISSIONS that is not mirrored here is a change of the security model and must
 * be made on purpose in both places.
 */
const EXPECTED: Record<Role, readonly Action[]> = {
  reporter: ['registry:read', 'stream:read', 'alerts:read', 'screening:run', 'screening:decide', 'tokens:manage-own', 'events:read', 'events:report', 'events:close', 'events:triage', 'warnings:read', 'gauges:report', 'damage:write', 'assessments:read', 'events:attach', 'seizures:write', 'liaison:read', 'liaison:write', 'meetings:read', 'actions:update', 'operations:read', 'screening:history', 'hit_reports:read', 'hit_reports:write', 'partners:read'],
  validator: ['registry:read', 'stream:read', 'alerts:read', 'alerts:write', 'alerts:lower_marking', 'screening:run', 'screening:decide', 'screening:review', 'tokens:manage-own', 'events:read', 'events:report', 'events:validate', 'events:publish', 'events:close', 'events:triage', 'seizures:export', 'warnings:read', 'warnings:write', 'warnings:import', 'gauges:report', 'damage:write', 'assessments:read', 'events:attach', 'seizures:write', 'liaison:read', 'liaison:write', 'cooperation:read', 'meetings:read', 'actions:update', 'operations:read', 'operations:report', 'screening:history', 'hit_reports:read', 'hit_reports:write', 'hit_reports:answer', 'partners:read'],
  analyst: ['registry:read', 'stream:read', 'alerts:read', 'alerts:write', 'alerts:import', 'screening:run', 'tokens:manage-own', 'events:read', 'events:report', 'seizures:export', 'warnings:read', 'warnings:write', 'warnings:import', 'gauges:write', 'gauges:report', 'damage:write', 'assessments:read', 'assessments:override', 'events:attach', 'seizures:write', 'trade:read', 'trade:analyse', 'liaison:read', 'cooperation:read', 'meetings:read', 'actions:update', 'operations:read', 'hit_reports:read', 'hit_reports:answer', 'trade:configure', 'partners:read', 'partners:write'],
  liaison_officer: ['registry:read', 'stream:read', 'alerts:read', 'alerts:write', 'screening:run', 'tokens:manage-own', 'events:read', 'events:report', 'warnings:read', 'warnings:write', 'warnings:import', 'damage:write', 'assessments:read', 'events:attach', 'seizures:write', 'trade:read', 'liaison:read', 'liaison:write', 'liaison:manage', 'cooperation:read', 'meetings:read', 'meetings:write', 'actions:update', 'operations:read', 'operations:write', 'operations:report', 'hit_reports:read', 'hit_reports:answer', 'partners:read', 'partners:write', 'recommendations:write'],
  customs_officer: ['registry:read', 'stream:read', 'alerts:read', 'screening:run', 'screening:decide', 'tokens:manage-own', 'events:read', 'events:report', 'warnings:read', 'assessments:read', 'events:attach', 'seizures:write', 'trade:read', 'trade:write', 'meetings:read', 'actions:update', 'operations:read', 'screening:history', 'hit_reports:read', 'hit_reports:write', 'partners:read'],
  commander: ['registry:read', 'stream:read', 'audit:read', 'alerts:read', 'alerts:write', 'alerts:lower_marking', 'screening:run', 'screening:decide', 'screening:review', 'tokens:manage-own', 'events:read', 'events:report', 'events:validate', 'events:publish', 'events:close', 'events:triage', 'seizures:export', 'warnings:read', 'warnings:write', 'warnings:import', 'gauges:write', 'gauges:report', 'damage:write', 'assessments:read', 'assessments:override', 'events:attach', 'seizures:write', 'trade:read', 'trade:analyse', 'liaison:read', 'liaison:write', 'liaison:manage', 'cooperation:read', 'meetings:read', 'meetings:write', 'meetings:oversee', 'actions:update', 'operations:read', 'operations:write', 'operations:report', 'screening:history', 'hit_reports:read', 'hit_reports:write', 'hit_reports:answer', 'partners:read', 'partners:write', 'recommendations:write'],
  partner_observer: ['registry:read', 'stream:read', 'tokens:manage-own', 'events:read', 'seizures:export', 'warnings:read', 'assessments:read', 'partners:read'],
  administrator: ['registry:read', 'registry:write', 'users:read', 'users:write', 'audit:read', 'stream:read', 'alerts:read', 'alerts:import', 'federation:admin', 'tokens:manage-own', 'events:read', 'seizures:export', 'warnings:read', 'assessments:read', 'trade:read', 'meetings:read', 'operations:read', 'trade:configure', 'partners:read'],
};

describe('permission matrix', () => {
  it('covers every action in PERMISSIONS and every role', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...ROLES].sort());
    for (const action of ACTIONS) {
      for (const role of PERMISSIONS[action]) expect(ROLES).toContain(role);
    }
  });

  const cells = ROLES.flatMap((role) => ACTIONS.map((action) => [role, action, EXPECTED[role].includes(action)] as const));
  it.each(cells)('%s → %s is %s', (role, action, allowed) => {
    expect(can({ roles: [role] }, action)).toBe(allowed);
  });

  it('a user without roles may do nothing', () => {
    for (const action of ACTIONS) expect(can({ roles: [] }, action)).toBe(false);
  });

  it('several roles grant the union of their permissions', () => {
    const subject = { roles: ['reporter', 'commander'] as Role[] };
    expect(can(subject, 'audit:read')).toBe(true);
    expect(can(subject, 'users:write')).toBe(false);
    expect(can({ roles: ['partner_observer', 'administrator'] }, 'users:write')).toBe(true);
  });

  it('only administrators write the registry or manage users', () => {
    for (const action of ['registry:write', 'users:read', 'users:write', 'federation:admin'] as const) {
      expect(ROLES.filter((role) => can({ roles: [role] }, action))).toEqual(['administrator']);
    }
  });
});
