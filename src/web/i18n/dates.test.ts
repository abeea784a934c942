import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatGregorian,
  formatSolarHijri,
  gregorianToSolarHijri,
  solarHijriToGregorian,
  SOLAR_MONTHS_LATIN,
  SOLAR_MONTHS_PS,
  toPersianDigits,
  toSolarHijri,
} from './dates.ts';

const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d, 12));

describe('Solar Hijri conversion', () => {
  it.each([
    // [gregorian y, m, d, solar y, m, d] — Nowruz and other well-known dates
    [2026, 3, 21, 1405, 1, 1],
    [2025, 3, 21, 1404, 1, 1],
    [2024, 3, 20, 1403, 1, 1], // 1402 was a leap year, so 1403 starts on 20 March
    [2025, 3, 20, 1403, 12, 30], // last day of leap year 1403
    [2023, 3, 21, 1402, 1, 1],
    [2021, 8, 15, 1400, 5, 24], // 24 Asad 1400
    [1979, 2, 11, 1357, 11, 22],
    [2000, 1, 1, 1378, 10, 11],
    [2025, 12, 22, 1404, 10, 1], // 1 Jadi (Yalda night is the evening before)
    [2026, 9, 23, 1405, 7, 1], // 1 Mizan
  ])('%i-%i-%i → %i/%i/%i', (gy, gm, gd, sy, sm, sd) => {
    expect(gregorianToSolarHijri({ year: gy, month: gm, day: gd })).toEqual({ year: sy, month: sm, day: sd });
    expect(solarHijriToGregorian({ year: sy, month: sm, day: sd })).toEqual({ year: gy, month: gm, day: gd });
  });

  it('names 1 Hamal 1405 for Nowruz 2026', () => {
    const s = toSolarHijri(utc(2026, 3, 21), 'UTC');
    expect(`${s.day} ${SOLAR_MONTHS_LATIN[s.month - 1]} ${s.year}`).toBe('1 Hamal 1405');
  });

  it('agrees with the ICU Persian calendar day by day for 1990–2040', () => {
    const icu = new Intl.DateTimeFormat('en-u-ca-persian', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    let mismatches = 0;
    for (let t = Date.UTC(1990, 0, 1, 12); t < Date.UTC(2040, 0, 1); t += 86_400_000) {
      const d = new Date(t);
      const parts = icu.formatToParts(d);
      const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
      const ours = toSolarHijri(d, 'UTC');
      if (ours.year !== get('year') || ours.month !== get('month') || ours.day !== get('day')) mismatches += 1;
    }
    expect(mismatches).toBe(0);
  });

  it('round-trips every day of several years', () => {
    for (let t = Date.UTC(2020, 0, 1, 12); t < Date.UTC(2031, 0, 1); t += 86_400_000) {
      const d = new Date(t);
      const g = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      expect(solarHijriToGregorian(gregorianToSolarHijri(g))).toEqual(g);
    }
  });
});

describe('formatting', () => {
  it('writes Persian digits', () => {
    expect(toPersianDigits(1405)).toBe('۱۴۰۵');
  });

  it('formats Dari with Afghan month names', () => {
    expect(formatSolarHijri(utc(2026, 3, 21), 'fa', { timeZone: 'UTC' })).toBe('۱ حمل ۱۴۰۵ هـ.ش.');
    expect(formatSolarHijri(utc(2025, 8, 23), 'fa', { timeZone: 'UTC', digits: 'latn' })).toBe('1 سنبله 1404 هـ.ش.');
  });

  it('formats Pashto with Pashto month names', () => {
    expect(formatSolarHijri(utc(2026, 3, 21), 'ps', { timeZone: 'UTC' })).toBe('۱ وری ۱۴۰۵ لمریز');
    expect(formatSolarHijri(utc(2026, 4, 21), 'ps', { timeZone: 'UTC' })).toContain(SOLAR_MONTHS_PS[1]);
  });

  it('shows both calendars for Dari and Pashto', () => {
    expect(formatDate(utc(2026, 3, 21), 'fa', { timeZone: 'UTC' })).toBe('۱ حمل ۱۴۰۵ هـ.ش. (۲۱ مارچ ۲۰۲۶ م.)');
    expect(formatDate(utc(2026, 1, 5), 'ps', { timeZone: 'UTC' })).toBe('۱۵ مرغومی ۱۴۰۴ لمریز (۵ جنوري ۲۰۲۶ زېږدیز)');
  });

  it('formats Tajik with Tajik month names', () => {
    expect(formatGregorian(utc(2026, 2, 1), 'tg', { timeZone: 'UTC' })).toBe('1 феврал 2026');
    expect(formatDate(utc(2026, 9, 9), 'tg', { timeZone: 'UTC' })).toBe('9 сентябр 2026');
  });

  it('formats English and Russian through Intl', () => {
    expect(formatDate(utc(2026, 3, 21), 'en', { timeZone: 'UTC' })).toBe('21 March 2026');
    expect(formatDate(utc(2026, 3, 21), 'ru', { timeZone: 'UTC' })).toMatch(/^21 марта 2026/);
  });

  it('uses the requested time zone for the calendar day', () => {
    // 20:00 UTC on 20 March 2026 is already 21 March (Nowruz) in Kabul (UTC+4:30)
    const d = new Date(Date.UTC(2026, 2, 20, 20));
    expect(toSolarHijri(d, 'Asia/Kabul')).toEqual({ year: 1405, month: 1, day: 1 });
    expect(toSolarHijri(d, 'UTC')).toEqual({ year: 1404, month: 12, day: 29 });
  });

  it('returns an empty string for an invalid date', () => {
    expect(formatDate('not a date', 'en')).toBe('');
  });
});
