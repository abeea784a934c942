/**
 * Gregorian birth dates as people write them: 1985, 1985-03, 1985-03-13, 1985/3/13, and
 * day first as on Tajik and Afghan documents, 13.03.1985. Pure; shared by the CSV reader
 * of `sarhad screen` and the web forms (which add Solar Hijri on top).
 */
export interface GregorianDate { year: number; month: number | null; day: number | null }

const valid = (y: number, m: number, d: number): boolean => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** The date, or undefined if it is not a real date between 1900 and 2100. */
export function parseGregorianDate(input: string): GregorianDate | undefined {
  const s = input.trim();
  let x: RegExpExecArray | null;
  let r: GregorianDate;
  if ((x = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(s))) r = { year: +x[1]!, month: x[2] ? +x[2] : null, day: x[3] ? +x[3] : null };
  else if ((x = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) r = { year: +x[3]!, month: +x[2]!, day: +x[1]! };
  else return undefined;
  if (r.year < 1900 || r.year > 2100) return undefined;
  if (r.month !== null && (r.month < 1 || r.month > 12)) return undefined;
  if (r.day !== null && !valid(r.year, r.month!, r.day)) return undefined;
  return r;
}

/** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
export function formatGregorianDate(d: GregorianDate): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return d.month === null ? String(d.year) : d.day === null ? `${d.year}-${p(d.month)}` : `${d.year}-${p(d.month)}-${p(d.day)}`;
}
