import { exportSPKI, generateKeyPair } from 'jose';
import { type CallerVerifier, createCallerVerifier } from '../../subgraphs/lib/auth/verify';
import { signCallerToken, type TokenRequest, type TokenSigner } from '../../subgraphs/lib/auth/sign';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { LOMBARDY } from './callers';

/** The issuer and audience of the test graph's tokens. */
export const TEST_ISSUER = 'lavoro-graph-test';
export const TEST_AUDIENCE = 'lavoro-graph';

let keys: Promise<{ signer: TokenSigner; verifier: CallerVerifier; publicPem: string }> | undefined;

/** One key pair per test process: a signer for tokens and the verifier that trusts it. */
export function testKeys() {
  keys ??= (async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const signer: TokenSigner = { key: privateKey, alg: 'ES256', kid: 'test', issuer: TEST_ISSUER, audience: TEST_AUDIENCE };
    const verifier = createCallerVerifier({ key: publicKey, issuer: TEST_ISSUER, audience: TEST_AUDIENCE });
    return { signer, verifier, publicPem: await exportSPKI(publicKey as never) };
  })();
  return keys;
}

/** A verifier trusting the test keys (what the gateway and subgraphs of a test graph use). */
export async function testVerifier(): Promise<CallerVerifier> {
  return (await testKeys()).verifier;
}

/** A signed test token; defaults: a job-centre operator of the whole of Lombardy (the test people live in several provinces) for employment services. */
export async function tokenFor(request: Partial<TokenRequest> = {}): Promise<string> {
  const { signer } = await testKeys();
  return signCallerToken(
    {
      role: Role.CPI_OPERATOR,
      purposes: [Purpose.EMPLOYMENT_SERVICES],
      organisation: 'TEST-ORG',
      subject: 'test-operator',
      territory: [...LOMBARDY],
      employers: [],
      ttlSeconds: 600,
      voucher: false,
      ...request,
    },
    signer,
  );
}

/** `Authorization` and `X-Purpose` headers for a request declaring the first of the token's purposes. */
export async function authHeaders(request: Partial<TokenRequest> = {}): Promise<Record<string, string>> {
  const purposes = request.purposes ?? [Purpose.EMPLOYMENT_SERVICES];
  return { authorization: `Bearer ${await tokenFor({ ...request, purposes })}`, 'x-purpose': purposes[0]! };
}

