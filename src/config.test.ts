import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('binds to loopback unless SARHAD_HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ SARHAD_HOST: '' }).host).toBe('127.0.0.1');
    expect(loadConfig({ SARHAD_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ SARHAD_HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
  });

  it('keeps /metrics closed by default and reads its token and listener', () => {
    expect(loadConfig({})).toMatchObject({ metricsToken: null, metricsPort: null, metricsHost: '127.0.0.1' });
    expect(loadConfig({ SARHAD_METRICS_TOKEN: 'a-long-enough-token', SARHAD_METRICS_PORT: '9464', SARHAD_METRICS_HOST: '10.0.0.5' })).toMatchObject({
      metricsToken: 'a-long-enough-token',
      metricsPort: 9464,
      metricsHost: '10.0.0.5',
    });
  });

  it('refuses a short metrics token and bad ports', () => {
    expect(() => loadConfig({ SARHAD_METRICS_TOKEN: 'short' })).toThrow(/at least 16/);
    expect(() => loadConfig({ SARHAD_METRICS_PORT: 'ninety' })).toThrow(/SARHAD_METRICS_PORT/);
    expect(() => loadConfig({ SARHAD_PORT: '70000' })).toThrow(/SARHAD_PORT/);
  });
});
