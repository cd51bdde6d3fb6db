import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { subgraphUrlVariable } from '../gateway/config';
import { subgraphModules } from '../subgraphs';
import { DEFAULT_PORTS } from '../subgraphs/lib/config';
import { originOf, ProcessGroup } from '../scripts/processes';
import { seedIfEmpty } from '../scripts/seed/run';
import { developmentKeyPaths } from '../subgraphs/lib/auth/keys';
import { loadDevelopmentSigner, signCallerToken } from '../subgraphs/lib/auth/sign';
import { Purpose, Role } from '../subgraphs/lib/identity';
import { type LoadResult, percentile, postGraphQL, runLoad, scrapeCounter } from './load';
import { option } from './options';

/**
 * `npm run bench`: compiled code, NODE_ENV=production, four subgraphs and the gateway as
 * separate processes on loopback (ports 4100-4104), on a seeded SQLite data set under
 * `data/bench-<N>/`. Measures, side by side in one run and alternating rounds:
 *   - a one-subgraph query through the gateway and directly against the workers subgraph;
 *   - a query joining all four subgraphs through the gateway and as a client-side join
 *     (the same fetches the gateway makes, issued by the client);
 *   - the same join through a second graph (ports 4110-4114) whose subgraphs run with
 *     LOADER_BATCHING=false, to show what per-request batching saves;
 *   - a list of 500 people and the four-subgraph join on graphs with the access policy's
 *     field shield and the audit trail on (the main graph), shield off (4120), audit off
 *     (4130) and both off (4140), to show what each costs;
 * with throughput, p50/p99 latency, SQL statements and subgraph fetches per request.
 *   npm run bench -- [--workers 2000] [--seconds 8] [--connections 8] [--rounds 2] [--only TEXT ...]
 * `--only` keeps the scenarios whose name contains one of the texts (`--only "list of 500"`),
 * for a longer run of the comparisons that matter at the moment; every graph still starts.
 */
const ROOT = resolve(__dirname, '..', '..');
const BASE_PORT = 4100;

const PAGE = 20;
const ONE = `query Bench($first: Int!) { workers(first: $first, province: "015") { nodes {
  id fiscalCode lastName birthDate availabilityDeclaration { status statusDate } } } }`;
const JOIN = `query Bench($first: Int!) { workers(first: $first, province: "015") { nodes {
  id fiscalCode lastName availabilityDeclaration { status }
  employments { status startDate employer { name } }
  servicePacts { state programme }
  referrals { state } } } }`;
const LIST = `query Bench($first: Int!) { workers(first: $first, province: "015") { totalCount nodes {
  id fiscalCode firstName lastName sex birthDate birthPlace citizenship domicileMunicipality } } }`;
const LIST_SIZE = 500;
const DIRECT_ROOT = `query Bench($first: Int!) { workers(first: $first, province: "015") { nodes {
  id fiscalCode lastName availabilityDeclaration { status } } } }`;
const DIRECT_COMPANIES = `query Bench($r: [_Any!]!) { _entities(representations: $r) { ... on Worker { employments { status startDate employer { name } } } } }`;
const DIRECT_PACTS = `query Bench($r: [_Any!]!) { _entities(representations: $r) { ... on Worker { servicePacts { state programme } } } }`;
const DIRECT_REFERRALS = `query Bench($r: [_Any!]!) { _entities(representations: $r) { ... on Worker { referrals { state } } } }`;

interface Scenario {
  name: string;
  run: () => Promise<void>;
}

/** Every value of a repeatable text option. */
function textOptions(name: string): string[] {
  const values: string[] = [];
  process.argv.forEach((arg, index) => {
    if (arg !== `--${name}`) return;
    const value = process.argv[index + 1];
    if (value == null || value.startsWith('--')) throw new Error(`--${name} takes a text`);
    values.push(value);
  });
  return values;
}

interface Measured extends LoadResult {
  sqlPerRequest: number;
  fetchesPerRequest: number;
}

async function main(): Promise<void> {
  const workers = option('workers', 2000);
  const seconds = option('seconds', 8);
  const connections = option('connections', 8);
  const rounds = option('rounds', 2);
  process.chdir(ROOT);
  const dataDir = join('data', `bench-${workers}`);
  mkdirSync(dataDir, { recursive: true });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const databaseUrls = Object.fromEntries(subgraphModules.map((m) => [m.name, `file:${join(dataDir, `${m.name}.db`)}`]));
  await seedIfEmpty({ workers, databaseUrls, log: (line) => say(`seed: ${line}`) });

  const group = new ProcessGroup({
    root: ROOT,
    say,
    showOutput: false,
    onUnexpectedExit: (name, how) => {
      say(`${name} exited (${how}) during the benchmark`);
      void group.stopAll('stopping').then(() => process.exit(1));
    },
  });
  /** Starts four subgraphs and a gateway from `base`; returns the gateway and subgraph URLs. */
  const startGraph = async (base: number, extra: NodeJS.ProcessEnv) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...extra,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      GATEWAY_PORT: String(base),
      // The limits on extraction would refuse a load test at once: they stay on (their cost
      // is measured) but high. The 500-row list needs pages of 500.
      RATE_LIMIT_PER_MINUTE: '100000000',
      DAILY_PEOPLE_BUDGET: '100000000',
      DAILY_EMPLOYER_BUDGET: '100000000',
      MAX_PAGE_SIZE: String(LIST_SIZE),
      AUDIT_DATABASE_URL: `file:${join(dataDir, `audit-${base}.db`)}`,
      BENCHMARK_DIAGNOSTICS: 'true',
      // Production needs an explicit key source: the development key the bench signs with.
      AUTH_PUBLIC_KEY_PATH: developmentKeyPaths().publicKeyPath,
    };
    const urls: Record<string, string> = {};
    for (const module of subgraphModules) {
      const port = base + (DEFAULT_PORTS[module.name]! - 4000);
      env[`${module.name.toUpperCase()}_PORT`] = String(port);
      env[`${module.name.toUpperCase()}_DATABASE_URL`] = databaseUrls[module.name];
      urls[module.name] = `${originOf('127.0.0.1', port)}/graphql`;
      env[subgraphUrlVariable(module.name)] = urls[module.name];
    }
    for (const module of subgraphModules) {
      const child = group.run(`${module.name}@${base}`, `dist/subgraphs/${module.name}/main.js`, env);
      await group.waitReady(child, urls[module.name]!.replace(/graphql$/, 'readyz'));
    }
    const origin = originOf('127.0.0.1', base);
    await group.waitReady(group.run(base === BASE_PORT ? 'gateway' : `gateway@${base}`, 'dist/gateway/main.js', env), `${origin}/readyz`);
    return { gatewayUrl: `${origin}/graphql`, subgraphUrl: urls };
  };
  // Every request carries a development token and a purpose, as clients do; the gateway
  // and each subgraph verify it.
  const signer = await loadDevelopmentSigner();
  const token = await signCallerToken(
    { role: Role.CPI_OPERATOR, purposes: [Purpose.EMPLOYMENT_SERVICES], organisation: 'BENCH', subject: 'bench', territory: ['015'], employers: [], ttlSeconds: 3600, voucher: false },
    signer,
  );
  const auth = { authorization: `Bearer ${token}`, 'x-purpose': Purpose.EMPLOYMENT_SERVICES };
  const post = (url: string, query: string, variables: Record<string, unknown>) => postGraphQL(url, query, variables, auth);
  try {
    const { gatewayUrl, subgraphUrl } = await startGraph(BASE_PORT, {});
    const unbatched = await startGraph(BASE_PORT + 10, { LOADER_BATCHING: 'false' });
    const shieldOff = await startGraph(BASE_PORT + 20, { POLICY_FIELD_SHIELD: 'false' });
    const auditOff = await startGraph(BASE_PORT + 30, { AUDIT_TRAIL: 'false' });
    const bothOff = await startGraph(BASE_PORT + 40, { POLICY_FIELD_SHIELD: 'false', AUDIT_TRAIL: 'false' });
    const directJoin = async () => {
      const root = (await post(subgraphUrl.workers!, DIRECT_ROOT, { first: PAGE })) as { workers: { nodes: { id: string; fiscalCode: string }[] } };
      const nodes = root.workers.nodes;
      await Promise.all([
        post(subgraphUrl.companies!, DIRECT_COMPANIES, { r: nodes.map((n) => ({ __typename: 'Worker', fiscalCode: n.fiscalCode })) }),
        post(subgraphUrl.pacts!, DIRECT_PACTS, { r: nodes.map((n) => ({ __typename: 'Worker', id: n.id })) }),
        post(subgraphUrl.referrals!, DIRECT_REFERRALS, { r: nodes.map((n) => ({ __typename: 'Worker', id: n.id })) }),
      ]);
    };
    const every: Scenario[] = [
      { name: 'one subgraph, via gateway', run: async () => void (await post(gatewayUrl, ONE, { first: PAGE })) },
      { name: 'one subgraph, direct', run: async () => void (await post(subgraphUrl.workers!, ONE, { first: PAGE })) },
      { name: 'four subgraphs, via gateway', run: async () => void (await post(gatewayUrl, JOIN, { first: PAGE })) },
      { name: 'four subgraphs, client-side join', run: directJoin },
      { name: 'four subgraphs, batching off', run: async () => void (await post(unbatched.gatewayUrl, JOIN, { first: PAGE })) },
      { name: 'list of 500, shield+audit on', run: async () => void (await post(gatewayUrl, LIST, { first: LIST_SIZE })) },
      { name: 'list of 500, shield off', run: async () => void (await post(shieldOff.gatewayUrl, LIST, { first: LIST_SIZE })) },
      { name: 'list of 500, audit off', run: async () => void (await post(auditOff.gatewayUrl, LIST, { first: LIST_SIZE })) },
      { name: 'list of 500, both off', run: async () => void (await post(bothOff.gatewayUrl, LIST, { first: LIST_SIZE })) },
      { name: 'four subgraphs, shield off', run: async () => void (await post(shieldOff.gatewayUrl, JOIN, { first: PAGE })) },
      { name: 'four subgraphs, audit off', run: async () => void (await post(auditOff.gatewayUrl, JOIN, { first: PAGE })) },
      { name: 'four subgraphs, both off', run: async () => void (await post(bothOff.gatewayUrl, JOIN, { first: PAGE })) },
    ];
    const only = textOptions('only');
    const scenarios = only.length === 0 ? every : every.filter((scenario) => only.some((text) => scenario.name.includes(text)));
    if (scenarios.length === 0) throw new Error(`--only ${only.join(', ')}: no scenario matches; the scenarios are: ${every.map((s) => s.name).join('; ')}`);
    const graphOf = (name: string) =>
      name.includes('batching off') ? unbatched.subgraphUrl
      : name.includes('both off') ? bothOff.subgraphUrl
      : name.includes('shield off') ? shieldOff.subgraphUrl
      : name.includes('audit off') ? auditOff.subgraphUrl
      : subgraphUrl;

    const counters = async (urls: Record<string, string>) => {
      let sql = 0;
      let fetches = 0;
      for (const url of Object.values(urls)) {
        const metrics = url.replace(/graphql$/, 'metrics');
        sql += await scrapeCounter(metrics, 'sql_statements_total');
        fetches += await scrapeCounter(metrics, 'graphql_http_requests_total');
      }
      return { sql, fetches };
    };

    // Counts per request, measured on one request of each scenario (load adds none).
    const perRequest = new Map<string, { sql: number; fetches: number }>();
    for (const scenario of scenarios) {
      const urls = graphOf(scenario.name);
      await scenario.run();
      const before = await counters(urls);
      await scenario.run();
      const after = await counters(urls);
      perRequest.set(scenario.name, { sql: after.sql - before.sql, fetches: after.fetches - before.fetches });
    }

    const results = new Map<string, Measured>();
    for (let round = 1; round <= rounds; round += 1) {
      for (const scenario of round % 2 ? scenarios : [...scenarios].reverse()) {
        say(`round ${round}/${rounds}: ${scenario.name} (${connections} connections, ${seconds} s)`);
        const load = await runLoad(scenario.run, connections, seconds);
        const previous = results.get(scenario.name);
        const counts = perRequest.get(scenario.name)!;
        results.set(scenario.name, {
          requests: (previous?.requests ?? 0) + load.requests,
          errors: (previous?.errors ?? 0) + load.errors,
          seconds: (previous?.seconds ?? 0) + load.seconds,
          latencies: [...(previous?.latencies ?? []), ...load.latencies].sort((a, b) => a - b),
          sqlPerRequest: counts.sql,
          fetchesPerRequest: counts.fetches,
        });
      }
    }

    say('');
    say(`lavoro-graph benchmark: ${workers} workers (SQLite), page of ${PAGE}, ${connections} connections, ${rounds} x ${seconds} s per scenario, NODE_ENV=production`);
    say('scenario                           req/s    p50 ms   p99 ms  errors  SQL/req  subgraph fetches/req');
    for (const [name, r] of results) {
      say(
        `${name.padEnd(34)}${(r.requests / r.seconds).toFixed(0).padStart(6)}${percentile(r.latencies, 50).toFixed(1).padStart(10)}${percentile(r.latencies, 99).toFixed(1).padStart(9)}${String(r.errors).padStart(8)}${String(r.sqlPerRequest).padStart(9)}${String(r.fetchesPerRequest).padStart(12)}`,
      );
    }
    const ratio = (a: string, b: string) => {
      const x = results.get(a);
      const y = results.get(b);
      if (!x || !y) return 'not measured in this run (--only)';
      return `throughput ${(x.requests / x.seconds / (y.requests / y.seconds)).toFixed(2)}x, p50 ${(percentile(x.latencies, 50) / percentile(y.latencies, 50)).toFixed(2)}x, p99 ${(percentile(x.latencies, 99) / percentile(y.latencies, 99)).toFixed(2)}x`;
    };
    say('');
    say(`gateway / direct, one subgraph:    ${ratio('one subgraph, via gateway', 'one subgraph, direct')}`);
    say(`gateway / client join, four:       ${ratio('four subgraphs, via gateway', 'four subgraphs, client-side join')}`);
    say(`batching on / off, four:           ${ratio('four subgraphs, via gateway', 'four subgraphs, batching off')}`);
    say(`shield+audit on / both off, 500:   ${ratio('list of 500, shield+audit on', 'list of 500, both off')}`);
    say(`shield on / off (audit on), 500:   ${ratio('list of 500, shield+audit on', 'list of 500, shield off')}`);
    say(`audit on / off (shield on), 500:   ${ratio('list of 500, shield+audit on', 'list of 500, audit off')}`);
    say(`shield+audit on / both off, four:  ${ratio('four subgraphs, via gateway', 'four subgraphs, both off')}`);
    say(`shield on / off (audit on), four:  ${ratio('four subgraphs, via gateway', 'four subgraphs, shield off')}`);
    say(`audit on / off (shield on), four:  ${ratio('four subgraphs, via gateway', 'four subgraphs, audit off')}`);
  } finally {
    await group.stopAll('benchmark done');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exit(1);
});
