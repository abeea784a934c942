import { describe, expect, it } from 'vitest';
import { alignedHours, openIntervalsUtc, type WeeklyProfile } from './aligned-hours.ts';

const week = (open: string, close: string, days: string[]) => Object.fromEntries(days.map((d) => [d, { open, close }])) as WeeklyProfile['hours'];

// The seeded profiles of the Panji Poyon bridge (docs/trade.md, indicative hours):
// Tajik side Mon–Sat 08:00–20:00 at UTC+5  → 03:00–15:00 UTC, Monday to Saturday;
// Afghan side Sat–Thu 08:00–16:30 at UTC+4:30 → 03:30–12:00 UTC, Saturday to Thursday (Friday closed).
const panjiPoyon: WeeklyProfile = { utcOffsetMinutes: 300, hours: week('08:00', '20:00', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat']) };
const sherKhanBandar: WeeklyProfile = { utcOffsetMinutes: 270, hours: week('08:00', '16:30', ['sat', 'sun', 'mon', 'tue', 'wed', 'thu']) };

describe('aligned hours of two facing crossing points', () => {
  it('Panji Poyon / Sher Khan Bandar: computed by hand', () => {
    const r = alignedHours(panjiPoyon, sherKhanBandar);
    // TJ 6 × 12 h = 72 h; AF 6 × 8.5 h = 51 h.
    expect(r.minutes.a).toBe(72 * 60);
    expect(r.minutes.b).toBe(51 * 60);
    // Both open: Mon, Tue, Wed, Thu and Sat, 03:30–12:00 UTC each = 5 × 8.5 h = 42.5 h.
    expect(r.minutes.both).toBe(42.5 * 60);
    expect(r.both).toEqual(['mon', 'tue', 'wed', 'thu', 'sat'].map((day) => ({ day, from: '03:30', to: '12:00', minutes: 510 })));
    expect(r.perDay).toEqual([
      { day: 'mon', minutes: 510 },
      { day: 'tue', minutes: 510 },
      { day: 'wed', minutes: 510 },
      { day: 'thu', minutes: 510 },
      { day: 'fri', minutes: 0 },
      { day: 'sat', minutes: 510 },
      { day: 'sun', minutes: 0 },
    ]);
    // TJ open, AF closed: 03:00–03:30 and 12:00–15:00 on the five common days (5 × 3.5 h),
    // and all of Friday (12 h): 29.5 h. AF open, TJ closed: Sunday 03:30–12:00, 8.5 h.
    expect(r.minutes.aOnly).toBe(29.5 * 60);
    expect(r.aOnly.filter((s) => s.day === 'mon')).toEqual([
      { day: 'mon', from: '03:00', to: '03:30', minutes: 30 },
      { day: 'mon', from: '12:00', to: '15:00', minutes: 180 },
    ]);
    expect(r.aOnly.filter((s) => s.day === 'fri')).toEqual([{ day: 'fri', from: '03:00', to: '15:00', minutes: 720 }]);
    expect(r.minutes.bOnly).toBe(8.5 * 60);
    expect(r.bOnly).toEqual([{ day: 'sun', from: '03:30', to: '12:00', minutes: 510 }]);
    expect(r.alignedShare.a).toBeCloseTo(42.5 / 72, 10);
    expect(r.alignedShare.b).toBeCloseTo(42.5 / 51, 10);
    // Symmetric: swapping the sides swaps a and b only.
    const s = alignedHours(sherKhanBandar, panjiPoyon);
    expect(s.minutes).toEqual({ a: r.minutes.b, b: r.minutes.a, both: r.minutes.both, aOnly: r.minutes.bOnly, bOnly: r.minutes.aOnly });
  });

  it('half-hour offsets line up: TJ 08:30 local is AF 08:00 local', () => {
    const tj: WeeklyProfile = { utcOffsetMinutes: 300, hours: week('08:30', '17:00', ['mon']) }; // 03:30–12:00 UTC
    const af: WeeklyProfile = { utcOffsetMinutes: 270, hours: week('08:00', '16:30', ['mon']) }; // 03:30–12:00 UTC
    const r = alignedHours(tj, af);
    expect(r.minutes).toEqual({ a: 510, b: 510, both: 510, aOnly: 0, bOnly: 0 });
  });

  it('a local Monday morning east of UTC begins on Sunday in UTC: the week wraps', () => {
    // Monday 02:00–06:00 at UTC+5 = Sunday 21:00–24:00 and Monday 00:00–01:00 UTC.
    const early: WeeklyProfile = { utcOffsetMinutes: 300, hours: { mon: { open: '02:00', close: '06:00' } } };
    expect(openIntervalsUtc(early)).toEqual([
      { from: 0, to: 60 },
      { from: 6 * 1440 + 21 * 60, to: 7 * 1440 },
    ]);
    // Sunday 22:00–23:30 at UTC−3 = Monday 01:00–02:30 UTC.
    const west: WeeklyProfile = { utcOffsetMinutes: -180, hours: { sun: { open: '22:00', close: '23:30' } } };
    expect(openIntervalsUtc(west)).toEqual([{ from: 60, to: 150 }]);
    const r = alignedHours(early, west);
    // Touching at Monday 01:00 UTC is not overlapping.
    expect(r.both).toEqual([]);
    expect(r.minutes.both).toBe(0);
    const night: WeeklyProfile = { utcOffsetMinutes: 0, hours: { sun: { open: '20:00', close: '23:59' } } };
    expect(alignedHours(early, night).both).toEqual([{ day: 'sun', from: '21:00', to: '23:59', minutes: 179 }]);
  });

  it('a side that is never open aligns with nothing', () => {
    const closed: WeeklyProfile = { utcOffsetMinutes: 270, hours: {} };
    const r = alignedHours(panjiPoyon, closed);
    expect(r.minutes).toEqual({ a: 4320, b: 0, both: 0, aOnly: 4320, bOnly: 0 });
    expect(r.alignedShare).toEqual({ a: 0, b: null });
  });
});
