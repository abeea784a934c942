import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { keyFingerprint } from './key-fingerprint.ts';
import { healthRule, peerHealth, type HealthInput } from './peer-health.ts';

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

  it('fingerprints a key as ssh does: SHA256 and unpadded base64 of the raw key bytes', () => {
    const raw = Buffer.alloc(32, 1);
    expect(keyFingerprint(raw.toString('base64'))).toBe(`SHA256:${createHash('sha256').update(raw).digest('base64').replace(/=+$/, '')}`);
    expect(keyFingerprint(raw.toString('base64'))).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(keyFingerprint(raw.toString('base64'))).not.toBe(keyFingerprint(Buffer.alloc(32, 2).toString('base64')));
  });
});
