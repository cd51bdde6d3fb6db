import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Purpose, Role } from '../../../subgraphs/lib/identity';
import { loadAuthConfig, loadVerificationKey } from '../../../subgraphs/lib/auth/keys';
import { signCallerToken } from '../../../subgraphs/lib/auth/sign';
import { createCallerVerifier } from '../../../subgraphs/lib/auth/verify';

let server: Server;
let url: string;
let privateKey: CryptoKey;
let requests = 0;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' }] });
  server = createServer((req, res) => {
    requests++;
    res.writeHead(req.url === '/jwks.json' ? 200 : 404, { 'content-type': 'application/json' }).end(req.url === '/jwks.json' ? jwks : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const request = { role: Role.SOCIAL_WORKER, purposes: [Purpose.SOCIAL_INCLUSION], organisation: 'COMUNE-1', subject: 'case-manager', territory: ['015146'], employers: [], ttlSeconds: 60, voucher: false };

describe('verification against a JWKS URL (AUTH_JWKS_URL)', () => {
  it('verifies a token whose kid is in the key set, fetching the set once', async () => {
    const config = loadAuthConfig({ AUTH_JWKS_URL: url, AUTH_ISSUER: 'idp' });
    const verify = createCallerVerifier({ key: await loadVerificationKey(config), issuer: config.issuer, audience: config.audience });
    const signer = { key: privateKey, alg: 'ES256' as const, kid: 'key-1', issuer: 'idp', audience: 'lavoro-graph' };
    const before = requests;
    for (let i = 0; i < 3; i++) {
      const caller = await verify({ authorization: `Bearer ${await signCallerToken(request, signer)}`, 'x-purpose': 'SOCIAL_INCLUSION' });
      expect(caller).toMatchObject({ organisation: 'COMUNE-1', territory: ['015146'] });
    }
    expect(requests - before).toBe(1);
  });

  it('refuses a token whose kid is not in the key set', async () => {
    const verify = createCallerVerifier({ key: await loadVerificationKey({ jwksUrl: url }), issuer: 'idp', audience: 'lavoro-graph' });
    const token = await signCallerToken(request, { key: (await generateKeyPair('ES256')).privateKey, alg: 'ES256', kid: 'unknown', issuer: 'idp', audience: 'lavoro-graph' });
    const error = await verify({ authorization: `Bearer ${token}`, 'x-purpose': 'SOCIAL_INCLUSION' }).catch((e: { extensions: { code: string }; message: string }) => e);
    expect(error).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/no trusted key matches/) });
  });

  it('refuses an HS256 token before fetching any key', async () => {
    const verify = createCallerVerifier({ key: await loadVerificationKey({ jwksUrl: url.replace('/jwks.json', '/jwks.json?fresh') }), issuer: 'idp', audience: 'lavoro-graph' });
    const token = await new SignJWT({ role: 'CPI_OPERATOR' }).setProtectedHeader({ alg: 'HS256', kid: 'key-1' }).setExpirationTime('1m').sign(new Uint8Array(32));
    const before = requests;
    const error = await verify({ authorization: `Bearer ${token}`, 'x-purpose': 'SOCIAL_INCLUSION' }).catch((e: { extensions: { code: string }; message: string }) => e);
    expect(error).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/Unsupported signing algorithm/) });
    expect(requests).toBe(before);
  });

  it('fails closed with UNAUTHENTICATED when the key set cannot be fetched', async () => {
    const verify = createCallerVerifier({ key: await loadVerificationKey({ jwksUrl: url.replace('/jwks.json', '/missing.json') }), issuer: 'idp', audience: 'lavoro-graph' });
    const token = await signCallerToken(request, { key: privateKey, alg: 'ES256', kid: 'key-1', issuer: 'idp', audience: 'lavoro-graph' });
    const error = await verify({ authorization: `Bearer ${token}`, 'x-purpose': 'SOCIAL_INCLUSION' }).catch((e: { extensions: { code: string }; message: string }) => e);
    expect(error).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/key set is unavailable/) });
  });
});
