import { loadAuthConfig, loadVerificationKey } from './keys';
import { type CallerVerifier, createCallerVerifier } from './verify';

/**
 * The caller verifier a process builds at start from its environment (`AUTH_*`
 * variables; outside production the development key under `data/keys` by default).
 * @throws ConfigError naming bad variables, or an error when the key cannot be read.
 */
export async function verifierFromEnvironment(source: NodeJS.ProcessEnv = process.env): Promise<CallerVerifier> {
  const config = loadAuthConfig(source);
  return createCallerVerifier({
    key: await loadVerificationKey(config),
    issuer: config.issuer,
    audience: config.audience,
    clockToleranceSeconds: config.clockToleranceSeconds,
  });
}
