// Birth dates as officers type them: Gregorian (1985, 1985-03-13, 13.03.1985) everywhere, and
// for Dari/Pashto users also Solar Hijri (1363, 1363/12/22), in Latin or Persian digits.
// The API takes 'YYYY' or 'YYYY-MM-DD' (Gregorian); this turns the input into that.
import { formatGregorianDate, parseGregorianDate } from '../../domain/names/birth-date.ts';
import { solarHijriToGregorian, gregorianToSolarHijri, type CalendarDay } from './dates.ts';

export type ParsedBirthDate =
  | { ok: true; calendar: 'gregorian' | 'solar'; /** 'YYYY' or 'YYYY-MM-DD' */ value: string; day: CalendarDay | null }
  | { ok: false };

/** Latin digits for Extended Arabic-Indic (۰–۹) and Arabic-Indic (٠–٩) ones. */
export function latinDigits(s: string): string {
  return s.replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

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
  const g = parseGregorianDate(s);
  // a year, or a whole date: the API takes no month-only dates
  if (g && g.month === null) return { ok: true, calendar: 'gregorian', value: formatGregorianDate(g), day: null };
  if (g && g.day !== null) return { ok: true, calendar: 'gregorian', value: formatGregorianDate(g), day: { year: g.year, month: g.month!, day: g.day } };
  if (!acceptSolar) return { ok: false };
  let m = /^(\d{4})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    return y >= 1279 && y <= 1479 ? { ok: true, calendar: 'solar', value: String(y + 621), day: null } : { ok: false };
  }
  m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m && validSolar(Number(m[1]), Number(m[2]), Number(m[3]))) {
    const g2 = solarHijriToGregorian({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
    return { ok: true, calendar: 'solar', value: `${g2.year}-${pad(g2.month)}-${pad(g2.day)}`, day: g2 };
  }
  return { ok: false };
}
