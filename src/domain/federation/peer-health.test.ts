import { describe, expect, it } from 'vitest';
import { healthRule, keyFingerprint, peerHealth, type HealthInput } from './peer-health.ts';

const now = new Date('2026-12-03T09:00:00.000Z');
const ago = (min: number) => new Date(now.getTime() - min * 60_000).toISOString();
const base: HealthInput = { now, lastContactAt: ago(1), failures: 0, refusalsRecent: 0, oldestUnackedSentAt: null };
const rule = healthRule(60);

describe('peer health rule', () => {
  it.each([
    ['recent contact, nothing wrong', {}, 'ok', []],
    ['never contacted', { lastContactAt: null }, 'down', ['NEVER_CONTACTED']],
    ['never contacted, the first pull failed', { lastContactAt: null, failures: 1 }, 'down', ['UNREACHABLE']],
    ['pulls failing, silent for 16 min', { lastContactAt: ago(16), failures: 3 }, 'down', ['UNREACHABLE']],
    ['pull failed, heard from 2 min ago', { lastContactAt: ago(2), failures: 1 }, 'degraded', ['LAST_PULL_FAILED']],
    ['silent but no failed attempt', { lastContactAt: ago(600) }, 'ok', []],
    ['a refusal in the last hour', { refusalsRecent: 2 }, 'degraded', ['RECENT_REFUSALS']],
    ['a record waiting 20 min for its receipt', { oldestUnackedSentAt: ago(20) }, 'degraded', ['UNACKED_WAITING']],
    ['a record waiting 2 min', { oldestUnackedSentAt: ago(2) }, 'ok', []],
  ] as const)('%s', (_name, over, health, reasons) => {
    expect(peerHealth({ ...base, ...over }, rule)).toEqual({ health, reasons });
  });

  it('waits three sync rounds when the interval is long', () => {
    expect(healthRule(600).downAfterMs).toBe(30 * 60_000);
    expect(healthRule(0).downAfterMs).toBe(15 * 60_000);
  });

  it('fingerprints a key as 8 groups of 4 hex digits', () => {
    expect(keyFingerprint(Buffer.alloc(32, 1).toString('base64'))).toMatch(/^([0-9a-f]{4}:){7}[0-9a-f]{4}$/);
    expect(keyFingerprint(Buffer.alloc(32, 1).toString('base64'))).not.toBe(keyFingerprint(Buffer.alloc(32, 2).toString('base64')));
  });
});
