import { describe, expect, it } from 'vitest';
import { allows, authorize } from './authorize.ts';
import type { Subject } from './roles.ts';
import type { ScreeningTarget } from './screening.policy.ts';

const officer: Subject = { userId: 'o', roles: ['customs_officer'], stateCode: 'TJ', agencyId: 'tj-c', unitId: 'cp-1' };
const colleague: Subject = { ...officer, userId: 'o2' };
const elsewhere: Subject = { ...officer, userId: 'o3', unitId: 'cp-2' };
const analyst: Subject = { ...officer, userId: 'o4', roles: ['analyst'] };
const mine = (unitId: string | null = 'cp-1'): ScreeningTarget => ({ resource: 'screening', screening: { userId: 'o', unitId } });

describe('screening policy', () => {
  it('the officer who screened, or their unit, decides its hits', () => {
    expect(allows(officer, 'screening:decide', mine())).toBe(true);
    expect(allows(colleague, 'screening:decide', mine())).toBe(true);
    expect(allows(colleague, 'screening:decide', mine(null))).toBe(false);
  });

  it('another desk is refused; a role without screening:decide is FORBIDDEN first', () => {
    expect(() => authorize(elsewhere, 'screening:decide', mine())).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => authorize(analyst, 'screening:decide', mine())).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
