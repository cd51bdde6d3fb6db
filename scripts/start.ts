import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { composeSupergraph } from '../gateway/compose';
import { loadGatewayConfig, subgraphUrlVariable } from '../gateway/config';
import { subgraphModules } from '../subgraphs';
import { loadSubgraphConfig } from '../subgraphs/lib/config';
import { originOf, ProcessGroup } from './processes';
import { eventsOriginVariable, type EventRecipient } from '../subgraphs/lib/outbox/internal-events';
import { seedIfEmpty } from './seed/run';
import { loadAuditConfig, openAuditStore } from '../subgraphs/lib/audit';
import { DEFAULT_KEYS_DIR, ensureDevelopmentKeys } from '../subgraphs/lib/auth/keys';

/**
 * `npm start`: the whole graph on this machine with the embedded databases in `data/`.
 * Seeds the demo data on the first start, runs every registered subgraph and the gateway
 * as child processes (output prefixed with the process name), waits until each is
 * ready and prints the gateway URL. Ctrl-C or SIGTERM stops every child cleanly; if a
 * child dies, the others are stopped and the exit code is non-zero. Data is kept
 * between starts.
 */
const ROOT = resolve(__dirname, '..', '..');

function say(line: string, who = 'start'): void {
  process.stdout.write(`${who.padEnd(10)}| ${line}\n`);
}

const group = new ProcessGroup({
  root: ROOT,
  say,
  onUnexpectedExit: (name, how) => void stopAll(`${name} exited (${how}); stopping the others`, 1),
});

async function stopAll(reason: string, exitCode: number): Promise<void> {
  if (group.stopping) return;
  await group.stopAll(reason);
  process.exit(exitCode);
}

/** Warns when schema/supergraph.graphql no longer matches the registered subgraphs. */
async function warnIfSupergraphStale(path: string): Promise<void> {
  let committed = '';
  try {
    committed = readFileSync(resolve(ROOT, path), 'utf8');
  } catch {
    throw new Error(`${path} is missing: run npm run compose`);
  }
  const fresh = await composeSupergraph(subgraphModules);
  if (fresh.supergraphSdl !== committed) say(`WARNING: ${path} differs from the registered subgraphs; run npm run compose`);
}

/** A development secret kept beside the signing key (`data/keys/<name>`), created on first use. */
function developmentSecret(name: string): string {
  const path = join(ROOT, DEFAULT_KEYS_DIR, name);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(path, 'utf8').trim();
}

async function main(): Promise<void> {
  process.chdir(ROOT);
  process.once('SIGINT', () => void stopAll('stopping (SIGINT)', 0));
  process.once('SIGTERM', () => void stopAll('stopping (SIGTERM)', 0));

  const subgraphs = subgraphModules.map((m) => loadSubgraphConfig(m.name));
  const gatewayConfig = loadGatewayConfig();
  await warnIfSupergraphStale(gatewayConfig.supergraphPath);

  mkdirSync(join(ROOT, 'data'), { recursive: true });
  // Development credentials: the subgraphs and the gateway trust data/keys/public.pem unless
  // AUTH_PUBLIC_KEY_PATH or AUTH_JWKS_URL says otherwise; npm run token signs with it.
  const keys = await ensureDevelopmentKeys();
  say(`${keys.created ? 'created' : 'using'} the development signing key ${keys.publicKeyPath}`);
  say('seeding the demo data set if the databases are empty');
  await seedIfEmpty({ workers: 2000, log: (line) => say(line, 'seed') });
  // The shared audit store is created and migrated once here, before the processes that
  // all open it start together (a fresh SQLite file must not be migrated by five at once).
  await (await openAuditStore({ databaseUrl: loadAuditConfig().databaseUrl })).close();

  // Subgraphs pass events to one another (the companies outbox keeps the workers' employment
  // links in sync), signed with a development secret kept beside the signing key.
  const internalEnv: NodeJS.ProcessEnv = { ...process.env, INTERNAL_EVENTS_SECRET: process.env.INTERNAL_EVENTS_SECRET ?? developmentSecret('events.secret') };
  // Bulk exports: the subgraphs sign and check the download links the gateway routes to them.
  internalEnv.EXPORT_LINK_SECRET ??= developmentSecret('export-links.secret');
  const workersConfig = subgraphs.find((s) => s.name === 'workers');
  if (workersConfig) internalEnv.WORKERS_EVENTS_URL ??= `${originOf(workersConfig.host, workersConfig.port)}/events/employment.link`;
  // The pacts and referrals outboxes reach the other subgraphs at <origin>/events/<topic>.
  for (const config of subgraphs) internalEnv[eventsOriginVariable(config.name as EventRecipient)] ??= originOf(config.host, config.port);
  const gatewayEnv: NodeJS.ProcessEnv = { ...process.env };
  const started = [];
  for (const config of subgraphs) {
    const origin = originOf(config.host, config.port);
    started.push({ child: group.run(config.name, `dist/subgraphs/${config.name}/main.js`, internalEnv), readyUrl: `${origin}/readyz` });
    // The gateway follows the ports the subgraphs were given, unless told otherwise.
    gatewayEnv[subgraphUrlVariable(config.name)] ??= `${origin}/graphql`;
  }
  for (const { child, readyUrl } of started) await group.waitReady(child, readyUrl);

  const gatewayOrigin = originOf(gatewayConfig.host, gatewayConfig.port);
  const gateway = group.run('gateway', 'dist/gateway/main.js', gatewayEnv);
  await group.waitReady(gateway, `${gatewayOrigin}/readyz`);

  const shown = ['127.0.0.1', '0.0.0.0', '::'].includes(gatewayConfig.host) ? `http://localhost:${gatewayConfig.port}` : gatewayOrigin;
  say(`ready: ${shown}/graphql (subgraphs: ${subgraphs.map((s) => `${s.name} :${s.port}`).join(', ')}); Ctrl-C stops everything`);
  say(`try: TOKEN=$(npm run -s token -- --role CPI_OPERATOR --purpose EMPLOYMENT_SERVICES --territory 015)`);
  say(`     curl -s ${shown}/graphql -H "authorization: Bearer $TOKEN" -H 'x-purpose: EMPLOYMENT_SERVICES' -H 'content-type: application/json' -d '{"query":"{ workers(first: 3) { totalCount nodes { id domicileProvince } } }"}'`);
}

main().catch((error: unknown) => {
  void stopAll(`cannot start: ${(error as Error).message}`, 1);
});
