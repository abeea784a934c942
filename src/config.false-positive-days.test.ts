import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('SARHAD_FALSE_POSITIVE_DAYS', () => {
  it('defaults to 180 days and accepts 0 (decisions never suppress) up to ten years', () => {
    expect(loadConfig({}).falsePositiveDays).toBe(180);
    expect(loadConfig({ SARHAD_FALSE_POSITIVE_DAYS: '0' }).falsePositiveDays).toBe(0);
    expect(loadConfig({ SARHAD_FALSE_POSITIVE_DAYS: '3650' }).falsePositiveDays).toBe(3650);
    expect(loadConfig({ SARHAD_FALSE_POSITIVE_DAYS: '' }).falsePositiveDays).toBe(180);
  });

  it.each(['-1', '1.5', 'forever', '3651', '1e9'])('refuses %j', (value) => {
    expect(() => loadConfig({ SARHAD_FALSE_POSITIVE_DAYS: value })).toThrow(/SARHAD_FALSE_POSITIVE_DAYS/);
  });
});
