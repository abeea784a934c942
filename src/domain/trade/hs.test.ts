import { describe, expect, it } from 'vitest';
import { expandHeadingRuns, hsCodeProblem, hsDeclaredHeadingCount, hsHeadingCount, isHsCode } from './hs.ts';

/**
 * The heading list is exact: every level-4 row of datasets/harmonized-system
 * data/harmonized-system.csv (HS 2022), chapters 01–97. These cases were checked against that
 * file row by row (datasets/hs2022/README.md says how the JSON was made).
 */
describe('HS 2022 headings, exact per the source', () => {
  it('holds the 1,228 headings of HS 2022 and no more', () => {
    expect(hsHeadingCount()).toBe(1228);
    expect(hsDeclaredHeadingCount()).toBe(1228);
  });

  it('accepts headings the source lists, including those new in HS 2022', () => {
    const present = [
      '2939', // alkaloids
      '3004', // medicaments, retail
      '8471', // computers
      '8703', // motor cars
      '9403', // furniture
      '3827', // mixtures of halogenated methane/ethane/propane — new in HS 2022
      '8485', // additive-manufacturing machines — new in HS 2022
      '8524', // flat panel display modules — new in HS 2022
      '8549', // e-waste — new in HS 2022
      '8806', // unmanned aircraft — new in HS 2022
      '2404', // nicotine products — new in HS 2022
      '6815', '7019', '8112', '9620', '9706', '4421', '5911', '6310',
    ];
    for (const h of present) expect(isHsCode(h), h).toBe(true);
    expect(isHsCode('2939.72')).toBe(true);
    expect(isHsCode('8471.30.00.00')).toBe(true);
  });

  it('refuses headings the source does not list (deleted in HS 2022 or earlier editions)', () => {
    const absent = [
      '8469', // typewriters — deleted in HS 2022
      '6908', // glazed ceramic tiles — merged into 6907 in HS 2017
      '8107', // cadmium — deleted in HS 2022 (now 8112.6)
      '8520', '8803', '9009', '4204', '7012', '9203', '9204', '9501', '9502',
      '4108', '4109', '4110', '4111', '4815', '5304', '6503', '7414', '7416', '7417',
      '7803', '7805', '7906', '8004', '8005', '8006', '9502',
      '3828', '8488', '8550', '8717', '9034', '9621', '9707', // past each chapter's last heading
      '0503', '2838', '2848', '2851', // chapters 01–28, as before
    ];
    for (const h of absent) expect(hsCodeProblem(h), h).toMatch(new RegExp(`heading ${h} does not exist in HS 2022`));
  });

  it('has the heading counts per chapter that the source has', () => {
    const count = (ch: string) => {
      let n = 0;
      for (let h = 1; h <= 99; h++) if (isHsCode(ch + String(h).padStart(2, '0'))) n++;
      return n;
    };
    expect(count('29')).toBe(42);
    expect(count('38')).toBe(27);
    expect(count('69')).toBe(13);
    expect(count('81')).toBe(12);
    expect(count('84')).toBe(86);
    expect(count('85')).toBe(48);
    expect(count('88')).toBe(6);
    expect(count('90')).toBe(32);
    expect(count('95')).toBe(6);
  });

  it('refuses the Comtrade-only chapter 99 that the source file also carries', () => {
    expect(hsCodeProblem('9999')).toMatch(/chapter 99 does not exist/);
  });

  it('reads runs of headings strictly', () => {
    expect(expandHeadingRuns('01-03,05')).toEqual(['01', '02', '03', '05']);
    expect(() => expandHeadingRuns('05-03')).toThrow(/descending/);
    expect(() => expandHeadingRuns('1-3')).toThrow(/malformed/);
    expect(() => expandHeadingRuns('00')).toThrow(/empty/);
  });
});
