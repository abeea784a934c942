// Locale-aware date formatting, pure (no DOM). Chromium and Node ship no Tajik or Pashto
// date data, and their Dari falls back to Iranian Persian month names, so we carry our own
// month names and compute the Solar Hijri (Hijri Shamsi) date ourselves.
import type { AppLocale } from './locales.ts';

export interface SolarHijriDate {
  year: number;
  /** 1 = Hamal (Farvardin) … 12 = Hut (Esfand) */
  month: number;
  day: number;
}

export interface CalendarDay {
  year: number;
  /** 1 = January */
  month: number;
  day: number;
}

/** Afghan (Dari) names of the Solar Hijri months (zodiac names, as used in Afghanistan). */
export const SOLAR_MONTHS_FA = [
  'حمل', 'ثور', 'جوزا', 'سرطان', 'اسد', 'سنبله', 'میزان', 'عقرب', 'قوس', 'جدی', 'دلو', 'حوت',
] as const;

/** Pashto names of the Solar Hijri months. */
export const SOLAR_MONTHS_PS = [
  'وری', 'غویی', 'غبرگولی', 'چنگاښ', 'زمری', 'وږی', 'تله', 'لړم', 'لیندۍ', 'مرغومی', 'سلواغه', 'کب',
] as const;

/** Latin transliteration of the Afghan month names (for English text and tests). */
export const SOLAR_MONTHS_LATIN = [
  'Hamal', 'Sawr', 'Jawza', 'Saratan', 'Asad', 'Sunbula', 'Mizan', 'Aqrab', 'Qaws', 'Jadi', 'Dalw', 'Hut',
] as const;

/** Tajik (Cyrillic) Gregorian month names. */
export const GREGORIAN_MONTHS_TG = [
  'январ', 'феврал', 'март', 'апрел', 'май', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр',
] as const;

/** Gregorian month names as written in Afghanistan (Dari). */
export const GREGORIAN_MONTHS_FA = [
  'جنوری', 'فبروری', 'مارچ', 'اپریل', 'می', 'جون', 'جولای', 'اگست', 'سپتمبر', 'اکتوبر', 'نومبر', 'دسمبر',
] as const;

/** Gregorian month names in Pashto. */
export const GREGORIAN_MONTHS_PS = [
  'جنوري', 'فبروري', 'مارچ', 'اپرېل', 'مۍ', 'جون', 'جولای', 'اګست', 'سپتمبر', 'اکتوبر', 'نومبر', 'دسمبر',
] as const;

const SOLAR_ERA: Record<'fa' | 'ps', string> = { fa: 'هـ.ش.', ps: 'لمریز' };
const GREGORIAN_ERA: Record<'fa' | 'ps', string> = { fa: 'م.', ps: 'زېږدیز' };

// ---------------------------------------------------------------------------------------
// Solar Hijri arithmetic (after Borkowski / jalaali-js): exact for the astronomical
// calendar between 1 and 3177 SH, integer-only, no dependency on the platform's ICU data.

const BREAKS = [
  -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178,
] as const;

const div = (a: number, b: number): number => Math.trunc(a / b);
const mod = (a: number, b: number): number => a - Math.trunc(a / b) * b;

function jalCal(jy: number): { leap: number; gy: number; march: number } {
  const gy = jy + 621;
  let leapJ = -14;
  let jp: number = BREAKS[0];
  let jump = 0;
  if (jy < jp || jy >= BREAKS[BREAKS.length - 1]!) throw new RangeError(`Solar Hijri year out of range: ${jy}`);
  for (let i = 1; i < BREAKS.length; i += 1) {
    const jm = BREAKS[i]!;
    jump = jm - jp;
    if (jy < jm) break;
    leapJ = leapJ + div(jump, 33) * 8 + div(mod(jump, 33), 4);
    jp = jm;
  }
  let n = jy - jp;
  leapJ = leapJ + div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
  if (mod(jump, 33) === 4 && jump - n === 4) leapJ += 1;
  const leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
  const march = 20 + leapJ - leapG;
  if (jump - n < 6) n = n - jump + div(jump + 4, 33) * 33;
  let leap = mod(mod(n + 1, 33) - 1, 4);
  if (leap === -1) leap = 4;
  return { leap, gy, march };
}

/** Julian day number of a Gregorian date. */
function g2d(gy: number, gm: number, gd: number): number {
  let d =
    div((gy + div(gm - 8, 6) + 100100) * 1461, 4) + div(153 * mod(gm + 9, 12) + 2, 5) + gd - 34840408;
  d = d - div(div(gy + 100100 + div(gm - 8, 6), 100) * 3, 4) + 752;
  return d;
}

function d2g(jdn: number): CalendarDay {
  let j = 4 * jdn + 139361631;
  j = j + div(div(4 * jdn + 183187720, 146097) * 3, 4) * 4 - 3908;
  const i = div(mod(j, 1461), 4) * 5 + 308;
  const day = div(mod(i, 153), 5) + 1;
  const month = mod(div(i, 153), 12) + 1;
  const year = div(j, 1461) - 100100 + div(8 - month, 6);
  return { year, month, day };
}

/** Convert a Gregorian calendar day to the Solar Hijri calendar. */
export function gregorianToSolarHijri(g: CalendarDay): SolarHijriDate {
  const jdn = g2d(g.year, g.month, g.day);
  let year = d2g(jdn).year - 621;
  const r = jalCal(year);
  const jdn1f = g2d(r.gy, 3, r.march);
  let k = jdn - jdn1f;
  if (k >= 0) {
    if (k <= 185) return { year, month: 1 + div(k, 31), day: mod(k, 31) + 1 };
    k -= 186;
  } else {
    year -= 1;
    k += 179;
    if (r.leap === 1) k += 1;
  }
  return { year, month: 7 + div(k, 30), day: mod(k, 30) + 1 };
}

/** Convert a Solar Hijri date back to the Gregorian calendar. */
export function solarHijriToGregorian(s: SolarHijriDate): CalendarDay {
  const r = jalCal(s.year);
  const jdn = g2d(r.gy, 3, r.march) + (s.month - 1) * 31 - div(s.month, 7) * (s.month - 7) + s.day - 1;
  return d2g(jdn);
}

/** The calendar day of an instant, in `timeZone` (IANA name) or else the runtime's zone. */
export function calendarDay(date: Date, timeZone?: string): CalendarDay {
  if (!timeZone) return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(date);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

export function toSolarHijri(date: Date, timeZone?: string): SolarHijriDate {
  return gregorianToSolarHijri(calendarDay(date, timeZone));
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** Write a number with Extended Arabic-Indic digits (as used for Dari and Pashto). */
export function toPersianDigits(value: number | string): string {
  return String(value).replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]!);
}

export interface DateFormatOptions {
  /** IANA time zone; default: the runtime's zone. */
  timeZone?: string;
  /** For fa/ps: 'arabext' (default) writes ۱۴۰۵, 'latn' writes 1405. */
  digits?: 'arabext' | 'latn';
}

/** "day month year era" as Dari and Pashto write it: Persian digits unless `digits: 'latn'`. */
function afghanDate(d: CalendarDay | SolarHijriDate, months: readonly string[], era: string, opts: DateFormatOptions): string {
  const num = opts.digits === 'latn' ? String : toPersianDigits;
  return `${num(d.day)} ${months[d.month - 1]!} ${num(d.year)} ${era}`;
}

/** Solar Hijri date with our own month names, e.g. "۱ حمل ۱۴۰۵ هـ.ش.". */
export function formatSolarHijri(date: Date, locale: 'fa' | 'ps', opts: DateFormatOptions = {}): string {
  const months = locale === 'fa' ? SOLAR_MONTHS_FA : SOLAR_MONTHS_PS;
  return afghanDate(toSolarHijri(date, opts.timeZone), months, SOLAR_ERA[locale], opts);
}

/** Gregorian date in the locale, with our own month names for tg, fa and ps. */
export function formatGregorian(date: Date, locale: AppLocale, opts: DateFormatOptions = {}): string {
  if (locale === 'en' || locale === 'ru') {
    return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', {
      timeZone: opts.timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(date);
  }
  const g = calendarDay(date, opts.timeZone);
  if (locale === 'tg') return `${g.day} ${GREGORIAN_MONTHS_TG[g.month - 1]!} ${g.year}`;
  return afghanDate(g, locale === 'fa' ? GREGORIAN_MONTHS_FA : GREGORIAN_MONTHS_PS, GREGORIAN_ERA[locale], opts);
}

/**
 * A date for display in `locale`. Dari and Pashto show the Solar Hijri date first and the
 * Gregorian date in parentheses; the other locales show the Gregorian date.
 */
export function formatDate(date: Date | string, locale: AppLocale, opts: DateFormatOptions = {}): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return '';
  if (locale === 'fa' || locale === 'ps') {
    return `${formatSolarHijri(d, locale, opts)} (${formatGregorian(d, locale, opts)})`;
  }
  return formatGregorian(d, locale, opts);
}
