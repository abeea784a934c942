import { describe, expect, it } from 'vitest';
import { CLEAR_MARKING } from '../records/marking.ts';
import { allows, authorize } from './authorize.ts';
import type { RegistryTarget } from './registry.policy.ts';
import type { Subject } from './roles.ts';

const admin: Subject = { userId: 'a', roles: ['administrator'], stateCode: 'TJ', agencyId: 'tj-bg', unitId: null };
const reporter: Subject = { userId: 'r', roles: ['reporter'], stateCode: 'TJ', agencyId: 'tj-bg', unitId: 'p1' };
const unit = (node: string, tlp: 'CLEAR' | 'AMBER+STRICT' = 'CLEAR'): RegistryTarget => ({
  resource: 'registry',
  localNode: 'here',
  record: { owner: { node, state: 'TJ', agencyId: 'tj-customs', unitId: null }, marking: { ...CLEAR_MARKING, tlp }, createdBy: 'x' },
});

describe('registry policy', () => {
  it('everyone reads what the marking shows them; a hidden record is NOT_FOUND', () => {
    expect(allows(reporter, 'registry:read', unit('here'))).toBe(true);
    expect(() => authorize(reporter, 'registry:read', unit('here', 'AMBER+STRICT'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it("administrators write this node's registry records, never a received copy", () => {
    expect(allows(admin, 'registry:write', unit('here'))).toBe(true);
    expect(allows(admin, 'registry:write', unit('peer'))).toBe(false);
    expect(allows(reporter, 'registry:write', unit('here'))).toBe(false);
  });
});
