import { describe, expect, it } from 'vitest';
import { ConfigError, loadSubgraphConfig } from '../../../subgraphs/lib/config';

describe('subgraph configuration', () => {
  it('has working defaults for the embedded graph', () => {
    expect(loadSubgraphConfig('pacts', {})).toEqual({
      name: 'pacts',
      port: 4003,
      host: '127.0.0.1',
      databaseUrl: 'file:data/pacts.db',
      logLevel: 'info',
      nodeEnv: 'development',
      maxPageSize: 100,
    });
  });

  it('reads the variables of its own subgraph', () => {
    const config = loadSubgraphConfig('workers', { WORKERS_PORT: '5001', WORKERS_DATABASE_URL: 'postgres://app@db:5432/workers', MAX_PAGE_SIZE: '50', NODE_ENV: 'production' });
    expect(config).toMatchObject({ port: 5001, databaseUrl: 'postgres://app@db:5432/workers', maxPageSize: 50, nodeEnv: 'production' });
  });

  it('names every wrong variable at once', () => {
    let error: unknown;
    try {
      loadSubgraphConfig('companies', { COMPANIES_PORT: '70000', COMPANIES_DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', MAX_PAGE_SIZE: '0' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(variables).toEqual(['COMPANIES_DATABASE_URL', 'COMPANIES_PORT', 'LOG_LEVEL', 'MAX_PAGE_SIZE']);
    expect((error as Error).message).toMatch(/^Invalid configuration: /);
  });

  it('treats an empty variable as unset', () => {
    expect(loadSubgraphConfig('referrals', { REFERRALS_PORT: '' }).port).toBe(4004);
  });
});
