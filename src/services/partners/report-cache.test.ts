import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportCache, scopeKey, type CacheKey } from './report-cache.ts';

const hex = (c: string) => c.repeat(32);
const key = (over: Partial<CacheKey> = {}): CacheKey => ({ from: '2026-01-01', to: '2026-07-01', lang: 'en', scope: hex('a'), fingerprint: hex('1'), ...over });
const pdf = (s: string) => Buffer.from(`%PDF-1.7 ${s}`);

describe('progress report PDF cache (files on disk)', () => {
  const dirs: string[] = [];
  const cacheIn = (max: number) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarhad-cache-test-'));
    dirs.push(dir);
    return new ReportCache(path.join(dir, 'cache', 'reports'), max);
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('prints once per key: miss, then hit with the same bytes; concurrent askers share one printing', async () => {
    const cache = cacheIn(10);
    let printed = 0;
    const make = async () => pdf(`n${++printed}`);
    const [a, b] = await Promise.all([cache.get(key(), make), cache.get(key(), make)]);
    expect(printed).toBe(1);
    expect([a.cache, b.cache]).toEqual(['miss', 'miss']);
    const c = await cache.get(key(), make);
    expect(c.cache).toBe('hit');
    expect(c.pdf.equals(a.pdf)).toBe(true);
    expect((await cache.get(key({ scope: hex('b') }), make)).cache).toBe('miss');
    expect(printed).toBe(2);
  });

  it('a new fingerprint replaces the older file of the same period, language and scope; the rest is kept to the newest N', async () => {
    const cache = cacheIn(2);
    await cache.get(key(), async () => pdf('v1'));
    await cache.get(key({ fingerprint: hex('2') }), async () => pdf('v2'));
    expect(fs.readdirSync(cache.dir)).toEqual([`progress_2026-01-01_2026-07-01_en_${hex('a')}_${hex('2')}.pdf`]);
    await cache.get(key({ scope: hex('b') }), async () => pdf('b'));
    await new Promise((r) => setTimeout(r, 20));
    await cache.get(key({ fingerprint: hex('2') }), async () => pdf('unused')); // a hit: now the most recently used
    await new Promise((r) => setTimeout(r, 20));
    await cache.get(key({ scope: hex('c') }), async () => pdf('c'));
    expect(fs.readdirSync(cache.dir).sort()).toEqual([`progress_2026-01-01_2026-07-01_en_${hex('a')}_${hex('2')}.pdf`, `progress_2026-01-01_2026-07-01_en_${hex('c')}_${hex('1')}.pdf`]);
  });

  it('a failed printing stores nothing; a malformed key never becomes a path; 0 files turns the cache off', async () => {
    const cache = cacheIn(5);
    await expect(cache.get(key(), async () => Promise.reject(new Error('chromium died')))).rejects.toThrow('chromium died');
    expect(fs.existsSync(cache.dir)).toBe(false);
    await expect(cache.get(key({ lang: '../x' }), async () => pdf('x'))).rejects.toThrow('malformed key');
    const off = cacheIn(0);
    expect((await off.get(key(), async () => pdf('x'))).cache).toBe('miss');
    expect((await off.get(key(), async () => pdf('x'))).cache).toBe('miss');
    expect(fs.existsSync(off.dir)).toBe(false);
  });

  it('scopes differ with the person, a role or the unit, and not with the order of roles', () => {
    const s = { userId: 'u1', roles: ['analyst', 'commander'] as const, stateCode: 'TJ', agencyId: 'ag', unitId: null };
    const k = scopeKey('node', { ...s, roles: [...s.roles] });
    expect(scopeKey('node', { ...s, roles: ['commander', 'analyst'] })).toBe(k);
    expect(scopeKey('node', { ...s, roles: ['analyst'] })).not.toBe(k);
    expect(scopeKey('node', { ...s, roles: [...s.roles], userId: 'u2' })).not.toBe(k);
    expect(scopeKey('node', { ...s, roles: [...s.roles], unitId: 'x' })).not.toBe(k);
  });
});
