import { toPersianDigits } from '../../i18n/dates.ts';
import { numberingSystemOf, useLocale } from '../../util.ts';

/** "3 December 2026, 08:15 UTC" in the UI language and its digits; `fallback` for null. */
export function useWhen(fallback: string) {
  const loc = useLocale();
  return (iso: string | null | undefined): string => {
    if (!iso) return fallback;
    const hhmm = iso.slice(11, 16);
    const time = numberingSystemOf(loc.lang) === 'arabext' ? toPersianDigits(hhmm) : hhmm;
    return `${loc.date(iso)}${listSeparator(loc.dir)}${time} UTC`;
  };
}

/** The comma of the script: Dari and Pashto write "،". */
export const listSeparator = (dir: 'ltr' | 'rtl') => (dir === 'rtl' ? '، ' : ', ');
