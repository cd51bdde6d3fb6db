import { generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import type { GraphQLError } from 'graphql';
import type { IncomingHttpHeaders } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeNumericFiscalCode, encodePersonalFiscalCode } from '../../../subgraphs/lib/codes';
import { Purpose, Role } from '../../../subgraphs/lib/identity';
import { signCallerToken, type TokenSigner } from '../../../subgraphs/lib/auth/sign';
import { createCallerVerifier, type CallerVerifier } from '../../../subgraphs/lib/auth/verify';

const ISSUER = 'test-issuer';
const AUDIENCE = 'lavoro-graph';
// Synthetic codes, computed by the algorithm: no real person or company.
const EMPLOYER = encodeNumericFiscalCode('1234567', '015');
const CITIZEN_CODE = encodePersonalFiscalCode({ lastName: 'Prova', firstName: 'Utente', birthDate: '1985-12-10', sex: 'M', birthPlace: 'F205' });

let signer: TokenSigner;
let otherKey: CryptoKey;
let verify: CallerVerifier;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  signer = { key: pair.privateKey, alg: 'ES256', kid: 'test-key', issuer: ISSUER, audience: AUDIENCE };
  otherKey = (await generateKeyPair('ES256')).privateKey;
  verify = createCallerVerifier({ key: pair.publicKey, issuer: ISSUER, audience: AUDIENCE, clockToleranceSeconds: 5 });
});

const now = () => Math.floor(Date.now() / 1000);

/** Signs any claims, standard ones included, so that each test can break exactly one. */
function sign(claims: JWTPayload, options: { key?: CryptoKey | Uint8Array; alg?: string } = {}): Promise<string> {
  return new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'operator-1', iat: now(), exp: now() + 600, jti: 'token-1', org: 'ORG-1', role: 'CPI_OPERATOR', purposes: ['EMPLOYMENT_SERVICES'], ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'ES256' })
    .sign(options.key ?? signer.key);
}

function headers(token: string, extra: IncomingHttpHeaders = { 'x-purpose': 'EMPLOYMENT_SERVICES' }): IncomingHttpHeaders {
  return { authorization: `Bearer ${token}`, ...extra };
}

async function refusal(promise: Promise<unknown>): Promise<GraphQLError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as GraphQLError,
  );
  if (error === undefined) throw new Error('expected the request to be refused');
  return error;
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('a valid token', () => {
  it('gives the caller with every claim and the declared purpose', async () => {
    const token = await signCallerToken(
      {
        role: Role.EMPLOYER,
        purposes: [Purpose.MANDATORY_NOTICE, Purpose.EMPLOYMENT_SERVICES],
        organisation: 'CONSULTANT-1',
        subject: 'operator-7',
        territory: ['015', '015146'],
        employers: [EMPLOYER],
        ttlSeconds: 600,
        voucher: false,
        tokenId: 'jti-42',
      },
      signer,
    );
    const caller = await verify(headers(token, { 'x-purpose': 'MANDATORY_NOTICE', 'agid-jwt-trackingevidence': 'aaa.bbb.ccc' }));
    expect(caller).toEqual({
      subject: 'operator-7',
      organisation: 'CONSULTANT-1',
      role: Role.EMPLOYER,
      purpose: Purpose.MANDATORY_NOTICE,
      purposes: [Purpose.MANDATORY_NOTICE, Purpose.EMPLOYMENT_SERVICES],
      territory: ['015', '015146'],
      employers: [EMPLOYER],
      tokenId: 'jti-42',
      trackingEvidence: 'aaa.bbb.ccc',
    });
  });

  it('accepts a lower-case bearer scheme, as RFC 7235 makes schemes case-insensitive', async () => {
    const token = await sign({});
    const caller = await verify({ authorization: `bearer ${token}`, 'x-purpose': 'EMPLOYMENT_SERVICES' });
    expect(caller.purpose).toBe(Purpose.EMPLOYMENT_SERVICES);
    expect(caller.trackingEvidence).toBeUndefined();
  });

  it("normalises a citizen's fiscal code in sub", async () => {
    const token = await sign({ role: 'CITIZEN', sub: CITIZEN_CODE.toLowerCase(), purposes: ['SELF_SERVICE'] });
    const caller = await verify(headers(token, { 'x-purpose': 'SELF_SERVICE' }));
    expect(caller.subject).toBe(CITIZEN_CODE);
  });
});

describe('tokens that are refused with UNAUTHENTICATED', () => {
  it('refuses a request without Authorization header', async () => {
    const error = await refusal(verify({ 'x-purpose': 'EMPLOYMENT_SERVICES' }));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(/missing Authorization header/i);
  });

  it('refuses an Authorization header that is not a Bearer token', async () => {
    const token = await sign({});
    const error = await refusal(verify({ authorization: `Basic ${token}`, 'x-purpose': 'EMPLOYMENT_SERVICES' }));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(/not a Bearer token/);
    expect(error.message).not.toContain(token);
  });

  it('refuses a Bearer value that is not a JWT', async () => {
    const error = await refusal(verify({ authorization: 'Bearer opaque-secret-value', 'x-purpose': 'EMPLOYMENT_SERVICES' }));
    expect(error.message).toMatch(/malformed/);
    expect(error.message).not.toContain('opaque-secret-value');
  });

  // Each case breaks one thing; the message must say which, and carry neither the token
  // nor the value of the claim that was wrong.
  const cases: [string, () => Promise<string>, RegExp, string?][] = [
    ['a signature by another key', () => sign({}, { key: otherKey }), /bad token signature/i],
    ['alg: none, crafted by hand', async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ iss: ISSUER, aud: AUDIENCE, sub: 'x', exp: now() + 600, org: 'O', role: 'CPI_OPERATOR', purposes: ['EMPLOYMENT_SERVICES'] })}.`, /unsupported signing algorithm/i],
    ['HS256 with a shared secret', () => sign({}, { key: new TextEncoder().encode('a-shared-secret-of-32-bytes-long!'), alg: 'HS256' }), /unsupported signing algorithm/i],
    ['a wrong issuer', () => sign({ iss: 'evil-issuer' }), /wrong token issuer/i, 'evil-issuer'],
    ['a wrong audience', () => sign({ aud: 'other-api' }), /wrong token audience/i, 'other-api'],
    ['an expired token', () => sign({ iat: now() - 7200, exp: now() - 3600 }), /expired/i],
    ['a token not valid yet', () => sign({ nbf: now() + 3600 }), /not valid yet/i],
    ['a token issued in the future', () => sign({ iat: now() + 3600, exp: now() + 7200 }), /issued in the future/i],
    ['a token without exp', () => sign({ exp: undefined }), /missing the required claim "exp"/],
  ];

  it.each(cases)('refuses %s', async (_name, makeToken, message, claimValue) => {
    const token = await makeToken();
    const error = await refusal(verify(headers(token)));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain(token.split('.')[1]);
    if (claimValue) expect(error.message).not.toContain(claimValue);
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    const token = await sign({ iat: now() - 600, exp: now() - 2 });
    await expect(verify(headers(token))).resolves.toMatchObject({ subject: 'operator-1' });
  });
});

describe('claims of the wrong shape are refused with UNAUTHENTICATED naming the claim', () => {
  const cases: [string, JWTPayload, RegExp, string][] = [
    ['an unknown role', { role: 'SUPERUSER' }, /claim "role" is not a role/, 'SUPERUSER'],
    ['a malformed territory', { territory: ['15'] }, /claim "territory\[0\]"/, '"15"'],
    ['a municipality code with serial 000', { territory: ['015000'] }, /claim "territory\[0\]"/, '015000'],
    ['an invalid employer fiscal code', { employers: [EMPLOYER.slice(0, 10) + ((Number(EMPLOYER[10]) + 1) % 10)] }, /claim "employers\[0\]" is not a valid fiscal code/, EMPLOYER.slice(0, 10)],
    ['an unknown purpose in purposes', { purposes: ['MARKETING'] }, /claim "purposes\[0\]" is not a purpose/, 'MARKETING'],
    ['no organisation', { org: undefined }, /claim "org" is missing/, 'ORG'],
    ['a CITIZEN whose sub is not a fiscal code', { role: 'CITIZEN', sub: 'someone', purposes: ['SELF_SERVICE'] }, /claim "sub" of a CITIZEN/, 'someone'],
  ];

  it.each(cases)('refuses %s', async (_name, claims, message, value) => {
    const error = await refusal(verify(headers(await sign(claims))));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(value);
  });

  it('names every bad claim at once', async () => {
    const error = await refusal(verify(headers(await sign({ role: 'SUPERUSER', territory: ['x'] }))));
    expect(error.message).toMatch(/"role"/);
    expect(error.message).toMatch(/"territory\[0\]"/);
  });
});

describe('the declared purpose is checked with FORBIDDEN', () => {
  it('refuses a request without X-Purpose', async () => {
    const error = await refusal(verify(headers(await sign({}), {})));
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/No purpose declared/);
  });

  it('refuses an unknown purpose without repeating it', async () => {
    const error = await refusal(verify(headers(await sign({}), { 'x-purpose': 'MARKETING' })));
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/not a purpose of the catalogue/);
    expect(error.message).not.toContain('MARKETING');
  });

  it.each([
    ['as a list', ['EMPLOYMENT_SERVICES', 'REFERRAL']],
    ['comma-joined, as Node joins repeated headers', 'EMPLOYMENT_SERVICES, REFERRAL'],
  ])('refuses two X-Purpose values %s', async (_how, value) => {
    const token = await sign({ purposes: ['EMPLOYMENT_SERVICES', 'REFERRAL'] });
    const error = await refusal(verify(headers(token, { 'x-purpose': value })));
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/Exactly one purpose.*carries 2/);
  });

  it('refuses a purpose the credential does not hold, naming it', async () => {
    const error = await refusal(verify(headers(await sign({}), { 'x-purpose': 'REGULARITY_CHECK' })));
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/does not hold the declared purpose REGULARITY_CHECK/);
  });

  it('checks the token before the purpose: a bad token is UNAUTHENTICATED even without X-Purpose', async () => {
    const error = await refusal(verify(headers(await sign({}, { key: otherKey }), {})));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('PDND-style vouchers', () => {
  const voucher = (purpose: Purpose) =>
    signCallerToken(
      { role: Role.CASSA_EDILE, purposes: [purpose], organisation: 'client-7', subject: 'client-7', territory: [], employers: [], ttlSeconds: 300, voucher: true },
      signer,
    );

  it("accepts a voucher and takes the declared purpose from its purposeId, the organisation from client_id", async () => {
    const caller = await verify(headers(await voucher(Purpose.REGULARITY_CHECK), {}));
    expect(caller).toMatchObject({ organisation: 'client-7', role: Role.CASSA_EDILE, purpose: Purpose.REGULARITY_CHECK, purposes: [Purpose.REGULARITY_CHECK] });
  });

  it('prefers consumerId, which names the organisation, over client_id', async () => {
    const token = await sign({ org: undefined, purposes: undefined, client_id: 'client-7', consumerId: 'consumer-org', purposeId: 'REFERRAL', role: 'SOCIAL_WORKER' });
    const caller = await verify(headers(token, {}));
    expect(caller.organisation).toBe('consumer-org');
  });

  it('accepts an X-Purpose equal to the voucher purpose and refuses a different one', async () => {
    const token = await voucher(Purpose.REGULARITY_CHECK);
    await expect(verify(headers(token, { 'x-purpose': 'REGULARITY_CHECK' }))).resolves.toMatchObject({ purpose: Purpose.REGULARITY_CHECK });
    const error = await refusal(verify(headers(token, { 'x-purpose': 'TRAINING_RECORD' })));
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/differs from the voucher's purposeId/);
  });

  it('refuses a voucher whose purposeId is not a purpose of the catalogue', async () => {
    const token = await sign({ org: undefined, purposes: undefined, client_id: 'client-7', purposeId: '8d1c2f40-0000-4000-8000-000000000000' });
    const error = await refusal(verify(headers(token, {})));
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/voucher's purposeId is not a purpose/);
  });

  it('refuses a token carrying both purposes and purposeId', async () => {
    const error = await refusal(verify(headers(await sign({ purposeId: 'EMPLOYMENT_SERVICES' }), {})));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(/must not carry "purposes"/);
  });
});

describe('Agid-JWT-TrackingEvidence', () => {
  it('refuses a value that is not one compact JWS, without echoing it', async () => {
    const error = await refusal(verify(headers(await sign({}), { 'x-purpose': 'EMPLOYMENT_SERVICES', 'agid-jwt-trackingevidence': 'user=someone' })));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.message).not.toContain('someone');
  });
});
