// Birth dates as officers type them: Gregorian (1985, 1985-03-13, 13.03.1985) everywhere, and
// for Dari/Pashto users also Solar Hijri (1363, 1363/12/22), in Latin or Persian digits.
// The API takes 'YYYY' or 'YYYY-MM-DD' (Gregorian); this turns the input into that.
import { solarHijriToGregorian, gregorianToSolarHijri, type CalendarDay } from './dates.ts';

export type ParsedBirthDate =
  | { ok: true; calendar: 'gregorian' | 'solar'; /** 'YYYY' or 'YYYY-MM-DD' */ value: string; day: CalendarDay | null }
  | { ok: false };

/** Latin digits for Extended Arabic-Indic (۰–۹) and Arabic-Indic (٠–٩) ones. */
export function latinDigits(s: string): string {
  return s.replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function daysInGregorianMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validGregorian(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= daysInGregorianMonth(y, m);
}

function validSolar(y: number, m: number, d: number): boolean {
  if (y < 1279 || y > 1479 || m < 1 || m > 12 || d < 1) return false;
  const max = m <= 6 ? 31 : m <= 11 ? 30 : 30;
  if (d > max) return false;
  // Esfand 30 exists in leap years only: the round trip tells.
  const g = solarHijriToGregorian({ year: y, month: m, day: d });
  const back = gregorianToSolarHijri(g);
  return back.year === y && back.month === m && back.day === d;
}

/**
 * Parse a typed birth date. Solar Hijri years (1279–1479 SH, i.e. 1900–2100) are recognised
 * only when `acceptSolar` is true; a bare Solar Hijri year maps to the Gregorian year in
 * which it starts (1 Hamal).
 */
export function parseBirthDate(input: string, acceptSolar: boolean): ParsedBirthDate {
  const s = latinDigits(input.trim()).replace(/\s+/g, '');
  if (s === '') return { ok: false };
  let m = /^(\d{4})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    if (y >= 1900 && y <= 2100) return { ok: true, calendar: 'gregorian', value: String(y), day: null };
    if (acceptSolar && y >= 1279 && y <= 1479) return { ok: true, calendar: 'solar', value: String(y + 621), day: null };
    return { ok: false };
  }
  m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validGregorian(y, mo, d)) return { ok: true, calendar: 'gregorian', value: `${y}-${pad(mo)}-${pad(d)}`, day: { year: y, month: mo, day: d } };
    if (acceptSolar && validSolar(y, mo, d)) {
      const g = solarHijriToGregorian({ year: y, month: mo, day: d });
      return { ok: true, calendar: 'solar', value: `${g.year}-${pad(g.month)}-${pad(g.day)}`, day: g };
    }
    return { ok: false };
  }
  // Day first, as written in Tajikistan and Russia: 13.03.1985 (Gregorian only).
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validGregorian(y, mo, d)) return { ok: true, calendar: 'gregorian', value: `${y}-${pad(mo)}-${pad(d)}`, day: { year: y, month: mo, day: d } };
  }
  return { ok: false };
}
