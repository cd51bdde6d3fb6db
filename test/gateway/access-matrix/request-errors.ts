/**
 * Whole-request refusals at the gateway (issue 3 points 1 and 3): a table of headers and
 * the answer expected, before anything is read (no subgraph request at all).
 */
import { base64url, generateKeyPair, SignJWT } from 'jose';
import { signCallerToken, type TokenRequest } from '../../../subgraphs/lib/auth/sign';
import { Purpose, Role } from '../../../subgraphs/lib/identity';
import { TEST_AUDIENCE, TEST_ISSUER, testKeys } from '../../utils/auth';

export interface RequestErrorCase {
  name: string;
  headers: () => Promise<Record<string, string>>;
  status: 401 | 403;
  code: 'UNAUTHENTICATED' | 'FORBIDDEN';
  /** What the message must say (the problem, named). */
  message: RegExp;
}

const REQUEST: TokenRequest = {
  role: Role.CPI_OPERATOR,
  purposes: [Purpose.EMPLOYMENT_SERVICES],
  organisation: 'matrix-org',
  subject: 'matrix-operator-errors',
  territory: ['015'],
  employers: [],
  ttlSeconds: 600,
  voucher: false,
};

async function signed(request: Partial<TokenRequest> = {}, signer: Partial<Awaited<ReturnType<typeof testKeys>>['signer']> = {}): Promise<string> {
  const { signer: trusted } = await testKeys();
  return signCallerToken({ ...REQUEST, ...request }, { ...trusted, ...signer });
}

const bearer = (token: string, purpose: string | null = Purpose.EMPLOYMENT_SERVICES): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  ...(purpose === null ? {} : { 'x-purpose': purpose }),
});

/** The claims of a valid token, unsigned (`alg: none`). */
function unsigned(): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  const payload = base64url.encode(
    JSON.stringify({ role: REQUEST.role, org: REQUEST.organisation, purposes: REQUEST.purposes, territory: REQUEST.territory, iss: TEST_ISSUER, aud: TEST_AUDIENCE, sub: REQUEST.subject, iat: now, exp: now + 600, jti: 'matrix-none' }),
  );
  return `${header}.${payload}.`;
}

/** A token signed with HS256, the verifier's public key used as the shared secret (algorithm confusion). */
async function hmacWithPublicKey(): Promise<string> {
  const { publicPem } = await testKeys();
  return new SignJWT({ role: REQUEST.role, org: REQUEST.organisation, purposes: REQUEST.purposes, territory: REQUEST.territory })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(TEST_ISSUER)
    .setAudience(TEST_AUDIENCE)
    .setSubject(REQUEST.subject)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(publicPem));
}

export const REQUEST_ERROR_CASES: RequestErrorCase[] = [
  // point 1: the credential
  { name: 'no token', headers: async () => ({ 'x-purpose': Purpose.EMPLOYMENT_SERVICES }), status: 401, code: 'UNAUTHENTICATED', message: /Missing Authorization header/ },
  { name: 'a credential that is not a Bearer token', headers: async () => ({ authorization: 'Basic bWF0cml4Om1hdHJpeA==', 'x-purpose': Purpose.EMPLOYMENT_SERVICES }), status: 401, code: 'UNAUTHENTICATED', message: /not a Bearer token/ },
  {
    name: 'a bad signature (a key the gateway does not trust)',
    headers: async () => {
      const { privateKey } = await generateKeyPair('ES256');
      return bearer(await signed({}, { key: privateKey }));
    },
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /Bad token signature/,
  },
  {
    name: 'a tampered payload (claims changed after signing)',
    headers: async () => {
      const [header, , signature] = (await signed()).split('.');
      const now = Math.floor(Date.now() / 1000);
      const payload = base64url.encode(JSON.stringify({ role: 'PLATFORM_ADMIN', org: 'x', purposes: ['EMPLOYMENT_SERVICES'], iss: TEST_ISSUER, aud: TEST_AUDIENCE, sub: 'x', iat: now, exp: now + 600 }));
      return bearer(`${header}.${payload}.${signature}`);
    },
    status: 401,
    code: 'UNAUTHENTICATED',
    message: /Bad token signature/,
  },
  { name: 'alg: none (an unsigned token)', headers: async () => bearer(unsigned()), status: 401, code: 'UNAUTHENTICATED', message: /Unsupported signing algorithm/ },
  { name: 'alg: HS256 with the public key as secret', headers: async () => bearer(await hmacWithPublicKey()), status: 401, code: 'UNAUTHENTICATED', message: /Unsupported signing algorithm/ },
  { name: 'a wrong issuer', headers: async () => bearer(await signed({}, { issuer: 'someone-else' })), status: 401, code: 'UNAUTHENTICATED', message: /Wrong token issuer/ },
  { name: 'a wrong audience', headers: async () => bearer(await signed({}, { audience: 'another-api' })), status: 401, code: 'UNAUTHENTICATED', message: /Wrong token audience/ },
  { name: 'an expired token', headers: async () => bearer(await signed({ ttlSeconds: -120 })), status: 401, code: 'UNAUTHENTICATED', message: /has expired/ },
  // point 3: the declared purpose
  { name: 'no declared purpose', headers: async () => bearer(await signed(), null), status: 403, code: 'FORBIDDEN', message: /No purpose declared/ },
  { name: 'an unknown purpose', headers: async () => bearer(await signed(), 'CURIOSITY'), status: 403, code: 'FORBIDDEN', message: /not a purpose of the catalogue/ },
  { name: 'a purpose the credential does not hold', headers: async () => bearer(await signed(), Purpose.STATISTICS), status: 403, code: 'FORBIDDEN', message: /does not hold the declared purpose STATISTICS/ },
  {
    name: 'two declared purposes',
    headers: async () => bearer(await signed({ purposes: [Purpose.EMPLOYMENT_SERVICES, Purpose.REFERRAL] }), 'EMPLOYMENT_SERVICES, REFERRAL'),
    status: 403,
    code: 'FORBIDDEN',
    message: /Exactly one purpose must be declared/,
  },
  {
    name: "an X-Purpose that differs from the voucher's purposeId",
    headers: async () => bearer(await signed({ voucher: true }), Purpose.REFERRAL),
    status: 403,
    code: 'FORBIDDEN',
    message: /differs from the voucher's purposeId/,
  },
];
