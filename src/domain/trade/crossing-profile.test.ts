import { describe, expect, it } from 'vitest';
import type { CrossingPointBody } from './crossing-point.ts';
import { isOpenOnDay } from './crossing-point.ts';
import { applyProfileEdit, crossingProfileInputSchema, isMonthDay, normalizeLocode, preferredProfile, profileProblems } from './crossing-profile.ts';

const current: CrossingPointBody = {
  unitId: '00000000-0000-4000-8000-000000000001',
  unitRef: 'tj-bcp-panji-poyon',
  pairedUnitId: null,
  stateCode: 'TJ',
  locode: null,
  locodeNote: 'none confirmed',
  utcOffsetMinutes: 300,
  hours: { mon: { open: '08:00', close: '20:00' } },
  closedDates: ['2026-12-01'],
  lanes: { cargo: 4, passenger: 2 },
  capacityTrucksPerDay: 300,
  feesUsd: { customs_processing: 60 },
};
const edit = (over: Record<string, unknown> = {}) =>
  crossingProfileInputSchema.parse({ hours: { mon: { open: '07:00', close: '19:00' }, sat: { open: '08:00', close: '14:00' } }, lanes: { cargo: 5, passenger: 2 }, capacityTrucksPerDay: 320, locode: null, holidays: ['03-21', '09-09'], ...over });
const codes = (over: Record<string, unknown>, state = 'TJ') => profileProblems(edit(over), state).map((p) => `${p.code} ${p.path}`);

describe('crossing-point profile edits', () => {
  it('a good edit has no problem and keeps what it does not name', () => {
    expect(profileProblems(edit(), 'TJ')).toEqual([]);
    const next = applyProfileEdit(current, edit({ holidays: ['09-09', '03-21', '03-21'] }));
    expect(next).toMatchObject({ unitId: current.unitId, stateCode: 'TJ', utcOffsetMinutes: 300, capacityTrucksPerDay: 320, closedDates: ['2026-12-01'], feesUsd: { customs_processing: 60 }, locodeNote: 'none confirmed', holidays: ['03-21', '09-09'] });
    expect(Object.keys(next.hours)).toEqual(['mon', 'sat']);
  });

  it('hours: HH:MM from 00:00 to 23:59, closing after opening', () => {
    expect(codes({ hours: { mon: { open: '8:00', close: '24:00' } } })).toEqual(['HOURS_FORMAT hours.mon.open', 'HOURS_FORMAT hours.mon.close']);
    expect(codes({ hours: { tue: { open: '12:60', close: '13:00' } } })).toEqual(['HOURS_FORMAT hours.tue.open']);
    expect(codes({ hours: { wed: { open: '17:00', close: '09:00' } } })).toEqual(['HOURS_ORDER hours.wed.close']);
    expect(codes({ hours: { wed: { open: '09:00', close: '09:00' } } })).toEqual(['HOURS_ORDER hours.wed.close']);
  });

  it('holidays: a real month and day', () => {
    expect(['03-21', '02-29', '12-31', '04-30'].every(isMonthDay)).toBe(true);
    expect(['3-21', '02-30', '13-01', '00-10', '04-31', '2026-03-21', '03/21'].some(isMonthDay)).toBe(false);
    expect(codes({ holidays: ['03-21', '02-30', 'Nowruz'] })).toEqual(['HOLIDAY_FORMAT holidays.1', 'HOLIDAY_FORMAT holidays.2']);
  });

  it('UN/LOCODE: five characters, of the crossing point\'s own state', () => {
    expect(normalizeLocode(' af she ')).toBe('AFSHE');
    expect(codes({ locode: 'AF SHE' }, 'AF')).toEqual([]);
    expect(applyProfileEdit(current, edit({ locode: 'tj dyu' })).locode).toBe('TJDYU');
    expect(codes({ locode: 'AFSH' }, 'AF')).toEqual(['LOCODE_FORMAT locode']);
    expect(codes({ locode: 'AFSH1' }, 'AF')).toEqual(['LOCODE_FORMAT locode']); // digits 2–9 only
    expect(codes({ locode: 'AFSHE' }, 'TJ')).toEqual(['LOCODE_COUNTRY locode']);
  });

  it('yearly holidays close the crossing every year', () => {
    const body = applyProfileEdit(current, edit({ holidays: ['03-21'] }));
    expect(isOpenOnDay(body, new Date('2027-03-22T06:00:00Z'))).toBe(true); // a Monday
    expect(isOpenOnDay({ ...body, hours: { ...body.hours, sun: { open: '08:00', close: '12:00' } } }, new Date('2027-03-21T06:00:00Z'))).toBe(false);
  });

  it('the profile a point publishes: its own state\'s first, then this node\'s', () => {
    const unit = { id: 'u-af', ref: 'tj-bcp-panji-poyon', stateCode: 'TJ' };
    const p = (id: string, node: string, state: string, unitId = 'u-af') => ({ id, owner: { node, state }, body: { unitId, unitRef: 'tj-bcp-panji-poyon' } });
    // On the Afghan node: its own indicative copy, and the one the Tajik node published.
    expect(preferredProfile(unit, [p('local', 'af', 'AF'), p('published', 'tj', 'TJ', 'u-tj')], 'af')?.id).toBe('published');
    expect(preferredProfile(unit, [p('local', 'af', 'AF')], 'af')?.id).toBe('local');
    expect(preferredProfile({ ...unit, ref: null, id: 'other' }, [p('local', 'af', 'AF')], 'af')).toBeNull();
  });
});
