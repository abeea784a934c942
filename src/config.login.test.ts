import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('login settings in the configuration', () => {
  it('trusts no proxy and backs off from 1 s unless told otherwise', () => {
    const config = loadConfig({});
    expect(config.trustedProxies).toEqual([]);
    expect(config.loginBackoffBaseMs).toBe(1000);
  });

  it('reads SARHAD_TRUSTED_PROXIES as comma-separated IPs and CIDR ranges', () => {
    expect(loadConfig({ SARHAD_TRUSTED_PROXIES: ' 10.0.0.0/8, 127.0.0.1,::1 ,fd00::/8,' }).trustedProxies).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']);
  });

  it.each(['proxy.example', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129', '10.0.0.0/', '300.1.1.1'])('refuses "%s" as a trusted proxy, naming it', (entry) => {
    expect(() => loadConfig({ SARHAD_TRUSTED_PROXIES: `127.0.0.1,${entry}` })).toThrow(entry);
  });

  it.each(['0', '-5', '1.5', 'soon'])('refuses SARHAD_LOGIN_BACKOFF_MS=%s', (value) => {
    expect(() => loadConfig({ SARHAD_LOGIN_BACKOFF_MS: value })).toThrow(/SARHAD_LOGIN_BACKOFF_MS/);
  });
});
