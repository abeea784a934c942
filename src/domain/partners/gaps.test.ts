import { describe, expect, it } from 'vitest';
import { findGaps, type GapRule } from './gaps.ts';
import { lateActions, monthsBetween } from './recommendation.ts';
import type { EquipmentBody } from './records.ts';

const U = (id: string, kind: string, stateCode: string, sectionId: string | null) => ({ id, ref: `ref-${id}`, kind, stateCode, sectionId, name: id });
const units = [U('p1', 'border_post', 'TJ', 's1'), U('p2', 'border_post', 'TJ', 's2'), U('a1', 'border_post', 'AF', 's1'), U('c1', 'crossing_point', 'TJ', 's1')];
const sections = [
  { id: 's1', ref: 'ref-s1', name: 's1' },
  { id: 's2', ref: 'ref-s2', name: 's2' },
];
const eq = (kind: EquipmentBody['kind'], place: EquipmentBody['place'], stateCode = 'TJ', condition: EquipmentBody['condition'] = 'serviceable'): EquipmentBody => ({ ref: 'x', initiativeId: null, partner: 'EU', kind, quantity: 1, unit: 'piece', condition, stateCode, place, agency: null, deliveredOn: '2026-01-01', illustrative: false });
const rules: GapRule[] = [
  { id: 'post-without-vehicle', scope: 'unit', unitKinds: ['border_post'], kind: 'vehicle' },
  { id: 'section-without-night-vision', scope: 'section', kind: 'night_vision' },
  { id: 'state-without-helicopter', scope: 'state', kind: 'helicopter' },
];
const gapsOf = (equipment: EquipmentBody[]) => findGaps({ units, sections, states: ['AF', 'TJ'], equipment, rules }).map((g) => `${g.rule}:${g.place?.id ?? '-'}:${g.stateCode}`);

describe('gaps', () => {
  it('with nothing delivered every post, every manned section bank and every state lacks everything', () => {
    expect(gapsOf([])).toEqual([
      'post-without-vehicle:p1:TJ',
      'post-without-vehicle:p2:TJ',
      'post-without-vehicle:a1:AF',
      'section-without-night-vision:s1:AF',
      'section-without-night-vision:s1:TJ',
      'section-without-night-vision:s2:TJ', // no Afghan unit on s2: nothing to equip there
      'state-without-helicopter:-:AF',
      'state-without-helicopter:-:TJ',
    ]);
  });

  it('working equipment fills a gap; broken does not; a place is found by ref when the id is another node’s', () => {
    const g = gapsOf([
      eq('vehicle', { type: 'unit', id: '00000000-0000-4000-8000-00000000000f', ref: 'ref-p1' }),
      eq('vehicle', { type: 'unit', id: 'p2', ref: null }, 'TJ', 'out_of_service'),
      eq('night_vision', { type: 'unit', id: 'c1', ref: null }),
      eq('helicopter', null, 'AF', 'new'),
    ]);
    expect(g).not.toContain('post-without-vehicle:p1:TJ');
    expect(g).toContain('post-without-vehicle:p2:TJ');
    // Night vision at a crossing point in s1 covers the Tajik bank of s1 only.
    expect(g).not.toContain('section-without-night-vision:s1:TJ');
    expect(g).toContain('section-without-night-vision:s1:AF');
    expect(g).toContain('state-without-helicopter:-:TJ');
    expect(g).not.toContain('state-without-helicopter:-:AF');
  });
});

describe('tracker dates', () => {
  it('months of a half-open period', () => {
    expect(monthsBetween('2026-11-15T00:00:00Z', '2027-02-01T00:00:00Z')).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(monthsBetween('2026-01-01', '2026-01-02')).toEqual(['2026-01']);
  });
  it('late: past the deadline and neither done nor dropped', () => {
    const a = (id: string, deadline: string | null, status: 'planned' | 'in_progress' | 'done' | 'dropped') => ({ id, text: id, owner: 'o', deadline, status, evidence: [] });
    expect(lateActions([a('x', '2026-01-01', 'planned'), a('y', '2026-01-01', 'done'), a('z', '2027-01-01', 'in_progress'), a('w', null, 'planned'), a('v', '2026-01-01', 'dropped')], '2026-06-01').map((x) => x.id)).toEqual(['x']);
  });
});
