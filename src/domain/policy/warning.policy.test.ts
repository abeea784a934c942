import { describe, expect, it } from 'vitest';
import { CLEAR_MARKING, type Marking } from '../records/marking.ts';
import { allows } from './authorize.ts';
import type { Role, Subject } from './roles.ts';
import { warningTarget } from './warning.policy.ts';

const HERE = 'node-tj';
const subject = (roles: Role[], over: Partial<Subject> = {}): Subject => ({ userId: 'u1', roles, stateCode: 'TJ', agencyId: 'tj-bg', unitId: null, ...over });
const record = (over: { node?: string; state?: string; agency?: string; marking?: Marking; active?: boolean } = {}) =>
  warningTarget(HERE, {
    id: 'w1',
    type: 'warning',
    version: 1,
    owner: { node: over.node ?? HERE, state: over.state ?? 'TJ', agencyId: over.agency ?? 'tj-bg', unitId: null },
    marking: over.marking ?? CLEAR_MARKING,
    createdBy: 'someone',
    createdAt: '',
    updatedBy: '',
    updatedAt: '',
    body: { active: over.active ?? true },
  });

describe('warning policy (docs/warnings.md)', () => {
  it('everyone reads a CLEAR warning, partners included; AMBER stays with the owner state', () => {
    expect(allows(subject(['partner_observer'], { stateCode: 'XX', agencyId: 'undp' }), 'warnings:read', record())).toBe(true);
    const amber = record({ marking: { ...CLEAR_MARKING, tlp: 'AMBER' } });
    expect(allows(subject(['reporter'], { stateCode: 'AF', agencyId: 'af-bp' }), 'warnings:read', amber)).toBe(false);
  });

  it('only the owning agency on the owner node changes a warning', () => {
    expect(allows(subject(['analyst']), 'warnings:write', record())).toBe(true);
    expect(allows(subject(['analyst'], { agencyId: 'tj-customs' }), 'warnings:write', record())).toBe(false);
    expect(allows(subject(['analyst']), 'warnings:write', record({ node: 'node-af' }))).toBe(false);
    expect(allows(subject(['reporter']), 'warnings:write', record())).toBe(false);
  });

  it('levels on a gauge: officers of its state on its node, whatever their agency', () => {
    expect(allows(subject(['reporter'], { agencyId: 'tj-coes' }), 'gauges:report', record())).toBe(true);
    expect(allows(subject(['reporter'], { stateCode: 'AF', agencyId: 'af-bp' }), 'gauges:report', record())).toBe(false);
    expect(allows(subject(['reporter']), 'gauges:report', record({ node: 'node-af' }))).toBe(false);
    expect(allows(subject(['customs_officer']), 'gauges:report', record())).toBe(false);
    expect(allows(subject(['reporter']), 'gauges:write', record())).toBe(false);
    expect(allows(subject(['analyst']), 'gauges:write', record())).toBe(true);
  });

  it('damage reports: the owning agency changes them', () => {
    expect(allows(subject(['reporter']), 'damage:write', record())).toBe(true);
    expect(allows(subject(['reporter'], { agencyId: 'other' }), 'damage:write', record())).toBe(false);
  });
});
