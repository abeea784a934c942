import { describe, expect, it } from 'vitest';
import { latinDigits, parseBirthDate } from './dateInput.ts';

describe('parseBirthDate', () => {
  it('takes Gregorian years and dates in every locale', () => {
    expect(parseBirthDate('1985', false)).toMatchObject({ ok: true, calendar: 'gregorian', value: '1985' });
    expect(parseBirthDate('1985-03-13', false)).toMatchObject({ ok: true, value: '1985-03-13' });
    expect(parseBirthDate('1985/3/13', false)).toMatchObject({ ok: true, value: '1985-03-13' });
    expect(parseBirthDate('13.03.1985', false)).toMatchObject({ ok: true, value: '1985-03-13' });
  });

  it('converts Solar Hijri dates only when asked to', () => {
    expect(parseBirthDate('1363/12/22', true)).toMatchObject({ ok: true, calendar: 'solar', value: '1985-03-13' });
    expect(parseBirthDate('۱۳۶۳/۱۲/۲۲', true)).toMatchObject({ ok: true, calendar: 'solar', value: '1985-03-13' });
    expect(parseBirthDate('1363/01/01', true)).toMatchObject({ ok: true, value: '1984-03-21' });
    expect(parseBirthDate('1363', true)).toMatchObject({ ok: true, calendar: 'solar', value: '1984' });
    expect(parseBirthDate('1363/12/22', false)).toEqual({ ok: false });
    expect(parseBirthDate('1363', false)).toEqual({ ok: false });
  });

  it('refuses impossible dates', () => {
    expect(parseBirthDate('1985-02-30', true)).toEqual({ ok: false });
    expect(parseBirthDate('1363/07/31', true)).toEqual({ ok: false }); // Mizan has 30 days
    expect(parseBirthDate('1363/12/30', true)).toEqual({ ok: false }); // 1363 is not leap
    expect(parseBirthDate('1362/12/30', true)).toMatchObject({ ok: true, value: '1984-03-20' }); // 1362 is leap
    expect(parseBirthDate('abc', true)).toEqual({ ok: false });
    expect(parseBirthDate('', true)).toEqual({ ok: false });
  });

  it('reads Persian and Arabic-Indic digits', () => {
    expect(latinDigits('۱۴۰۵-٠١')).toBe('1405-01');
  });
});
