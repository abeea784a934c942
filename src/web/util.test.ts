import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent, numberingSystemOf } from './util.ts';
import { formatDate } from './i18n/dates.ts';

describe('digits: one rule per locale', () => {
  it('Dari and Pashto write Extended Arabic-Indic digits, the others Latin digits', () => {
    expect(formatNumber(1234, 'fa')).toBe('۱٬۲۳۴');
    expect(formatNumber(1234, 'ps')).toBe('۱٬۲۳۴');
    expect(formatPercent(0.42, 'ps')).toMatch(/^۴۲/);
    expect(formatNumber(1234, 'en')).toBe('1,234');
    expect(formatNumber(1234, 'ru')).toMatch(/^1\s234$/);
    expect(formatNumber(1234, 'tg')).toMatch(/^1\s234$/);
    expect(numberingSystemOf('fa')).toBe('arabext');
    expect(numberingSystemOf('tg')).toBe('latn');
  });

  it('dates follow the same rule', () => {
    const d = new Date(Date.UTC(2025, 2, 21, 12));
    for (const lang of ['fa', 'ps'] as const) expect(formatDate(d, lang)).not.toMatch(/[0-9]/);
    for (const lang of ['en', 'ru', 'tg'] as const) expect(formatDate(d, lang)).not.toMatch(/[۰-۹]/);
  });
});
