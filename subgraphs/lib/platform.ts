import { type CallerVerifier } from './auth/verify';
import { type AuditStore, loadAuditConfig, openAuditStore, securityEvent } from './audit';
import { ConfigError, env, readEnv } from './config';
import { type Logger } from './logger';
import { createSuspensionList, type SuspensionList, withSuspensions } from './security/suspension';

/**
 * A switch that turns a safeguard off to measure what it costs (`POLICY_FIELD_SHIELD`,
 * `AUDIT_TRAIL`). Default on. Production refuses it off, unless the process is a
 * benchmark run that says so explicitly (`BENCHMARK_DIAGNOSTICS=true`, set only by
 * `npm run bench`, which measures production builds).
 */
export function diagnosticSwitch(variable: string, production: boolean, source: NodeJS.ProcessEnv = process.env): boolean {
  const values = readEnv({ [variable]: env.flag(true), BENCHMARK_DIAGNOSTICS: env.flag(false) }, source) as Record<string, boolean>;
  const enabled = values[variable]!;
  if (!enabled && production && !values.BENCHMARK_DIAGNOSTICS) {
    throw new ConfigError([{ variable, message: 'must not be false in production (it is a benchmark diagnostic)' }]);
  }
  return enabled;
}

/** What every process of the graph shares: the platform store, its audit trail and the suspended credentials. */
export interface ProcessPlatform {
  /** The shared store (`AUDIT_DATABASE_URL`): audit trail and credential suspensions. */
  store: AuditStore;
  /** The trail to write request records to; null under the `AUDIT_TRAIL=false` diagnostic. */
  audit: AuditStore | null;
  /** Suspended credentials, refreshed every `SUSPENSION_REFRESH_MS`. */
  suspensions: SuspensionList;
  /** `verifier` that also refuses suspended credentials (and records the refusal as a security event). */
  guardVerifier: (verifier: CallerVerifier, writer: string) => CallerVerifier;
  close: () => Promise<void>;
}

/**
 * Opens the platform of one process (gateway or subgraph): the shared store, with its
 * migrations, writing its per-person index on a timer; the list of suspended credentials, loaded before the process serves (a
 * list that never loaded refuses every caller).
 */
export async function openProcessPlatform(production: boolean, logger: Logger, source: NodeJS.ProcessEnv = process.env): Promise<ProcessPlatform> {
  const auditing = diagnosticSwitch('AUDIT_TRAIL', production, source);
  const config = loadAuditConfig(source);
  const store = await openAuditStore({ databaseUrl: config.databaseUrl });
  store.startIndexing(config.indexIntervalMs, (error) => logger.error({ err: { message: (error as Error).message } }, 'audit subject index not written; retrying'));
  const suspensions = createSuspensionList(store, { env: source, logger });
  await suspensions.start();
  return {
    store,
    audit: auditing ? store : null,
    suspensions,
    guardVerifier: (verifier, writer) =>
      withSuspensions(verifier, suspensions, {
        onRefused: (caller) =>
          void store
            .append(securityEvent(caller, writer, 'suspended-credential', 'CREDENTIAL_SUSPENDED'))
            .catch((error: unknown) => logger.error({ err: { message: (error as Error).message } }, 'security event not recorded')),
      }),
    close: async () => {
      suspensions.stop();
      await store.close();
    },
  };
}
