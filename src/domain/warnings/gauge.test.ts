import { describe, expect, it } from 'vitest';
import { judgeReading, levelOf, type AlarmState } from './gauge.ts';

const T = { watchCm: 250, warningCm: 300, dangerCm: 380 };
const at = (h: number) => new Date(Date.UTC(2026, 3, 1, h)).toISOString();

describe('gauge alarm', () => {
  it('levels', () => {
    expect([100, 250, 300, 379, 380].map((cm) => levelOf(T, cm))).toEqual(['normal', 'watch', 'warning', 'warning', 'danger']);
  });

  it('raises once per crossing, re-arms below the warning level, ignores readings older than the last judged', () => {
    let s: AlarmState = { armed: true, lastAt: null };
    const raised: number[] = [];
    const series: [number, number][] = [[0, 200], [1, 310], [2, 390], [3, 305], [1.5 * 0 + 2, 999], [4, 290], [5, 300], [6, 500]];
    series.forEach(([h, cm], i) => {
      const d = judgeReading(s, T, { at: at(h), levelCm: cm });
      if (d.raise) raised.push(i);
      s = d.next;
    });
    expect(raised).toEqual([1, 6]);
  });
});
