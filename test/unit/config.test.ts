import { describe, expect, it } from 'vitest';
import { ConfigError, loadLambdaConfig, loadLocalConfig } from '../../shared/config.ts';

describe('loadLocalConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadLocalConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.VERBATIM_DATA_DIR).toBe('./.verbatim');
    expect(config.VERBATIM_ALLOW_PRIVATE_HOSTS).toEqual([]);
    expect(config.VERBATIM_ALLOWED_PORTS).toEqual([80, 443]);
  });

  it('parses the private-host allowance as a list of hosts and CIDRs', () => {
    const config = loadLocalConfig({ VERBATIM_ALLOW_PRIVATE_HOSTS: '127.0.0.1, 10.0.0.0/8,' });
    expect(config.VERBATIM_ALLOW_PRIVATE_HOSTS).toEqual(['127.0.0.1', '10.0.0.0/8']);
  });

  it('names the variable when a value is invalid', () => {
    expect(() => loadLocalConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadLocalConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadLocalConfig({ VERBATIM_ALLOWED_PORTS: '80,http' })).toThrow(/VERBATIM_ALLOWED_PORTS/);
  });
});

describe('loadLambdaConfig', () => {
  it('fails fast, naming each missing resource variable', () => {
    expect(() => loadLambdaConfig({})).toThrow(/VERBATIM_BUCKET[\s\S]*VERBATIM_TABLE/);
  });

  it('reads the resource names the stack sets', () => {
    const config = loadLambdaConfig({ VERBATIM_BUCKET: 'b', VERBATIM_TABLE: 't' });
    expect(config).toMatchObject({ VERBATIM_BUCKET: 'b', VERBATIM_TABLE: 't' });
  });
});
