import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../subgraphs/lib/config';
import { Purpose, Role } from '../../../subgraphs/lib/identity';
import { ensureDevelopmentKeys, loadAuthConfig, loadVerificationKey } from '../../../subgraphs/lib/auth/keys';
import { loadDevelopmentSigner, signCallerToken } from '../../../subgraphs/lib/auth/sign';
import { createCallerVerifier } from '../../../subgraphs/lib/auth/verify';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lavoro-keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const request = { role: Role.CPI_OPERATOR, purposes: [Purpose.EMPLOYMENT_SERVICES], organisation: 'ORG', subject: 'op', territory: [], employers: [], ttlSeconds: 60, voucher: false };

describe('development keys', () => {
  it('creates an ES256 pair once, with the private key readable by its owner only', async () => {
    const keys = await ensureDevelopmentKeys(join(dir, 'keys'));
    expect(keys.created).toBe(true);
    expect((await stat(keys.privateKeyPath)).mode & 0o777).toBe(0o600);
    expect(await readFile(keys.privateKeyPath, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(await readFile(keys.publicKeyPath, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(keys.metadata).toEqual({ kid: expect.stringMatching(/^[\w-]{43}$/), alg: 'ES256', iss: 'lavoro-graph-dev', aud: 'lavoro-graph' });
    expect(JSON.parse(await readFile(keys.metadataPath, 'utf8'))).toEqual(keys.metadata);
  });

  it('reuses the pair on a second call and never overwrites it', async () => {
    const first = await ensureDevelopmentKeys(dir);
    const before = await Promise.all([first.privateKeyPath, first.publicKeyPath, first.metadataPath].map((p) => readFile(p, 'utf8')));
    const second = await ensureDevelopmentKeys(dir);
    const after = await Promise.all([second.privateKeyPath, second.publicKeyPath, second.metadataPath].map((p) => readFile(p, 'utf8')));
    expect(second.created).toBe(false);
    expect(after).toEqual(before);
  });

  it('gives one pair to several processes starting at once', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => ensureDevelopmentKeys(dir)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.metadata.kid)).size).toBe(1);
  });

  it('derives a lost public key again from the private key', async () => {
    const first = await ensureDevelopmentKeys(dir);
    const publicPem = await readFile(first.publicKeyPath, 'utf8');
    await unlink(first.publicKeyPath);
    await ensureDevelopmentKeys(dir);
    expect(await readFile(first.publicKeyPath, 'utf8')).toBe(publicPem);
  });

  it('signs tokens that the public key file verifies', async () => {
    const signer = await loadDevelopmentSigner(dir);
    const keys = await ensureDevelopmentKeys(dir);
    const key = await loadVerificationKey({ publicKeyPath: keys.publicKeyPath });
    const verify = createCallerVerifier({ key, issuer: keys.metadata.iss, audience: keys.metadata.aud });
    const token = await signCallerToken(request, signer);
    await expect(verify({ authorization: `Bearer ${token}`, 'x-purpose': 'EMPLOYMENT_SERVICES' })).resolves.toMatchObject({ subject: 'op', organisation: 'ORG' });
  });
});

describe('verification keys', () => {
  it('verifies RS256 tokens against an RSA public key file', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const path = join(dir, 'rsa.pem');
    await writeFile(path, publicKey.export({ type: 'spki', format: 'pem' }));
    const verify = createCallerVerifier({ key: await loadVerificationKey({ publicKeyPath: path }), issuer: 'idp', audience: 'lavoro-graph' });
    const token = await signCallerToken(request, { key: privateKey, alg: 'RS256', issuer: 'idp', audience: 'lavoro-graph' });
    await expect(verify({ authorization: `Bearer ${token}`, 'x-purpose': 'EMPLOYMENT_SERVICES' })).resolves.toMatchObject({ role: Role.CPI_OPERATOR });
  });

  it('refuses a key file that is missing, not a public key, or a weak RSA key, naming the variable', async () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
    await writeFile(join(dir, 'weak.pem'), weak);
    await writeFile(join(dir, 'junk.pem'), 'not a key');
    for (const [file, message] of [['absent.pem', /does not exist/], ['junk.pem', /PEM public key/], ['weak.pem', /at least 2048 bits/]] as const) {
      const error = await loadVerificationKey({ publicKeyPath: join(dir, file) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toMatch(/AUTH_PUBLIC_KEY_PATH/);
      expect((error as ConfigError).message).toMatch(message);
    }
  });
});

describe('authentication settings', () => {
  it('defaults to the development public key outside production', () => {
    expect(loadAuthConfig({})).toEqual({ publicKeyPath: join('data', 'keys', 'public.pem'), issuer: 'lavoro-graph-dev', audience: 'lavoro-graph', clockToleranceSeconds: 30 });
  });

  it('takes a JWKS URL, issuer, audience and tolerance from the environment', () => {
    const config = loadAuthConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks.json', AUTH_ISSUER: 'idp', AUTH_AUDIENCE: 'api', AUTH_CLOCK_TOLERANCE_SECONDS: '10' });
    expect(config).toEqual({ jwksUrl: 'https://idp.example/jwks.json', issuer: 'idp', audience: 'api', clockToleranceSeconds: 10 });
  });

  it('refuses both key sources at once, and none in production', () => {
    expect(() => loadAuthConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks.json', AUTH_PUBLIC_KEY_PATH: 'k.pem' })).toThrow(/not both/);
    expect(() => loadAuthConfig({ NODE_ENV: 'production' })).toThrow(/production needs AUTH_JWKS_URL or AUTH_PUBLIC_KEY_PATH/);
  });
});
