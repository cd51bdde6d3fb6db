import { describe, expect, it } from 'vitest';
import { composeSubgraphs } from '../../gateway/compose';
import { loadGatewayConfig } from '../../gateway/config';
import { readinessUrlOf } from '../../gateway/gateway';
import { loadSupergraph } from '../../gateway/supergraph';
import { ConfigError } from '../../subgraphs/lib/config';

describe('gateway configuration', () => {
  it('defaults to port 4000, the committed supergraph and the supergraph URLs', () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', supergraphPath: 'schema/supergraph.graphql', subgraphUrls: {}, nodeEnv: 'development', readinessTimeoutMs: 2000 });
  });

  it('reads the port and each subgraph URL from the environment', () => {
    const config = loadGatewayConfig({ GATEWAY_PORT: '8080', WORKERS_URL: 'http://workers.internal:9000/graphql', REFERRALS_URL: 'https://referrals.internal/graphql' });
    expect(config.port).toBe(8080);
    expect(config.subgraphUrls).toEqual({ workers: 'http://workers.internal:9000/graphql', referrals: 'https://referrals.internal/graphql' });
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadGatewayConfig({ GATEWAY_PORT: 'eighty', PACTS_URL: 'not a url', NODE_ENV: 'staging', READINESS_TIMEOUT_MS: '-1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['GATEWAY_PORT', 'NODE_ENV', 'PACTS_URL', 'READINESS_TIMEOUT_MS']);
  });

  it('rejects a subgraph URL that is not http(s)', () => {
    expect(() => loadGatewayConfig({ COMPANIES_URL: 'ftp://companies/graphql' })).toThrow(/COMPANIES_URL/);
  });
});

describe('supergraph URLs', () => {
  const sdl = (name: string) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])\ntype Query { ${name}: String }`;
  const { supergraphSdl } = composeSubgraphs([
    { name: 'alpha', sdl: sdl('a'), url: 'http://localhost:4001/graphql' },
    { name: 'beta', sdl: sdl('b'), url: 'http://localhost:4002/graphql' },
  ]);

  it('are read from the supergraph', () => {
    expect(loadSupergraph(supergraphSdl).urls).toEqual({ alpha: 'http://localhost:4001/graphql', beta: 'http://localhost:4002/graphql' });
  });

  it('are replaced only for the subgraphs the configuration names', () => {
    expect(loadSupergraph(supergraphSdl, { beta: 'http://10.0.0.2:7000/graphql' }).urls).toEqual({
      alpha: 'http://localhost:4001/graphql',
      beta: 'http://10.0.0.2:7000/graphql',
    });
  });

  it("lead to each subgraph's /readyz beside its /graphql", () => {
    expect(readinessUrlOf('http://localhost:4001/graphql')).toBe('http://localhost:4001/readyz');
    expect(readinessUrlOf('https://host/api/workers/graphql')).toBe('https://host/api/workers/readyz');
  });
});
