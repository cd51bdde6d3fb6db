import type { IncomingHttpHeaders } from 'node:http';
import { jwtVerify, type CryptoKey, type JWTVerifyGetKey, type KeyObject } from 'jose';
import { forbidden, unauthenticated } from '../errors';
import type { Caller, Purpose } from '../identity';
import { isPurpose, readCredentialClaims } from './claims';

/** The only signing algorithms accepted (issue 3 point 1): never `none`, never a shared secret. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256'] as const;

/** A public key, or a key resolver such as jose's `createRemoteJWKSet` for a JWKS URL. */
export type VerificationKey = CryptoKey | KeyObject | JWTVerifyGetKey;

/** What a caller verifier checks tokens against. */
export interface CallerVerifierOptions {
  key: VerificationKey;
  /** Expected `iss`. */
  issuer: string;
  /** Expected `aud` (the token's `aud` may be a list that contains it). */
  audience: string;
  /** Clock skew allowed on `exp`, `nbf` and `iat`, in seconds (default 30). */
  clockToleranceSeconds?: number;
}

/** Turns the headers of one request into its verified {@link Caller}, or throws a coded GraphQL error. */
export type CallerVerifier = (headers: IncomingHttpHeaders) => Promise<Caller>;

export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Every value of one header, however it arrived (a list, or Node's comma-joined repeats). */
function headerValues(headers: IncomingHttpHeaders, name: string): string[] {
  let raw = headers[name];
  if (raw === undefined) {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
    raw = key === undefined ? undefined : headers[key];
  }
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

function bearerToken(headers: IncomingHttpHeaders): string {
  const values = headerValues(headers, 'authorization');
  if (values.length === 0) throw unauthenticated('Missing Authorization header: send "Authorization: Bearer <token>"');
  if (values.length > 1) throw unauthenticated('Several Authorization headers: send exactly one Bearer token');
  const match = /^Bearer +(\S+)$/i.exec(values[0]!);
  if (!match) throw unauthenticated('The Authorization header is not a Bearer token');
  const token = match[1]!;
  if (!COMPACT_JWS.test(token)) throw unauthenticated('The token is malformed: not a signed JWT in compact form');
  return token;
}

/**
 * Maps a jose failure to a message that says what is wrong. jose's own messages are not
 * passed on: the caller gets a fixed sentence per case, never a token or claim value.
 */
function verificationFailure(error: unknown): Error {
  const code = (error as { code?: unknown }).code;
  const claim = (error as { claim?: unknown }).claim;
  const reason = (error as { reason?: unknown }).reason;
  switch (code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return unauthenticated('Bad token signature: it was not signed by a trusted key');
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return unauthenticated('Bad token signature: no trusted key matches the token (kid)');
    case 'ERR_JWT_EXPIRED':
      return unauthenticated('The token has expired');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return unauthenticated(`Unsupported signing algorithm: only ${ACCEPTED_ALGORITHMS.join(' and ')} are accepted`);
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (reason === 'missing') return unauthenticated(`The token is missing the required claim "${String(claim)}"`);
      if (claim === 'iss') return unauthenticated('Wrong token issuer (iss)');
      if (claim === 'aud') return unauthenticated('Wrong token audience (aud)');
      if (claim === 'nbf') return unauthenticated('The token is not valid yet (nbf)');
      return unauthenticated(`Invalid token claim "${String(claim)}"`);
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return unauthenticated('The token is malformed');
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return unauthenticated('Bad token signature: no trusted key with the token\'s kid verifies it');
    default:
      if (error instanceof KeySetUnavailable) {
        // Failing closed: the request is refused, and the message says the fault is not the token's.
        return unauthenticated('The token cannot be verified now: the trusted key set is unavailable');
      }
      // jose throws a plain TypeError when the token's algorithm does not fit the key (an
      // RS256 token against an EC key): the token was not signed by the trusted key.
      return unauthenticated('Bad token signature: the token could not be verified with a trusted key');
  }
}

/** The key resolver (a JWKS) failed for a reason other than the token: fetch, timeout, bad key set. */
class KeySetUnavailable extends Error {
  override name = 'KeySetUnavailable';
}

/** Tells a failure of the key set itself apart from a token no trusted key matches. */
function guardKeyResolver(resolve: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await resolve(header, token);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw error;
      throw new KeySetUnavailable('the trusted key set is unavailable', { cause: error });
    }
  };
}

/** The one purpose declared for the request (`X-Purpose`, or the voucher's `purposeId`). */
function declaredPurpose(headers: IncomingHttpHeaders, held: readonly Purpose[], voucherPurpose: string | undefined): Purpose {
  const declared = headerValues(headers, 'x-purpose');
  if (declared.length > 1) {
    throw forbidden(`Exactly one purpose must be declared per request; X-Purpose carries ${declared.length}`);
  }
  let purpose = declared[0];
  if (voucherPurpose !== undefined) {
    if (purpose !== undefined && purpose !== voucherPurpose) {
      throw forbidden("The X-Purpose header differs from the voucher's purposeId: declare the voucher's purpose");
    }
    purpose = voucherPurpose;
  }
  if (purpose === undefined) throw forbidden('No purpose declared: send the X-Purpose header with one purpose of the catalogue');
  // An unknown value is not repeated: it is free text from the caller, not a code.
  if (!isPurpose(purpose)) {
    throw forbidden(voucherPurpose !== undefined ? "The voucher's purposeId is not a purpose of the catalogue" : 'The declared purpose (X-Purpose) is not a purpose of the catalogue');
  }
  if (!held.includes(purpose)) throw forbidden(`The credential does not hold the declared purpose ${purpose}`);
  return purpose;
}

/**
 * Builds the verifier of every request's caller (architecture.md §4, issue 3 points 1
 * and 3). It accepts only `Authorization: Bearer <JWT>` signed with RS256 or ES256 by
 * the given key, with the expected issuer and audience and an `exp`; `nbf` and `iat`
 * are honoured. Token problems throw `UNAUTHENTICATED`; purpose problems (none, unknown,
 * several, or not held by the credential) throw `FORBIDDEN`. Messages say what is wrong
 * and never contain the token or a claim value.
 */
export function createCallerVerifier(options: CallerVerifierOptions): CallerVerifier {
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const key = typeof options.key === 'function' ? guardKeyResolver(options.key) : options.key;
  const verifyOptions = {
    algorithms: [...ACCEPTED_ALGORITHMS],
    issuer: options.issuer,
    audience: options.audience,
    clockTolerance: tolerance,
    requiredClaims: ['exp'],
  };

  return async (headers) => {
    const token = bearerToken(headers);
    // The `algorithms` option refuses `none`, HS256 and any other algorithm before a key is
    // looked up, so a JWKS is never fetched for such a token.
    let payload: Record<string, unknown>;
    try {
      // One call per key form, so that TypeScript picks the matching overload.
      const result =
        typeof key === 'function' ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, key, verifyOptions);
      payload = result.payload as Record<string, unknown>;
    } catch (error) {
      throw verificationFailure(error);
    }
    // jose checks `iat` only together with maxTokenAge; a token issued in the future is refused here.
    if (payload.iat !== undefined) {
      if (typeof payload.iat !== 'number' || !Number.isFinite(payload.iat)) throw unauthenticated('Invalid token claim "iat"');
      if (payload.iat > Date.now() / 1000 + tolerance) throw unauthenticated('The token is issued in the future (iat)');
    }

    const read = readCredentialClaims(payload);
    if (!read.ok) throw unauthenticated(`Invalid token claims: ${read.problems.join('; ')}`);
    const claims = read.claims;
    const purpose = declaredPurpose(headers, claims.purposes, claims.voucherPurpose);

    // The tracking evidence (AgID ModI AUDIT_REST_01) is kept for the audit trail as sent.
    // It is NOT verified yet: its signer and its binding to the voucher (AUDIT_REST_02
    // `digest`) are checked in a later step; until then it only attributes, never authorises.
    const evidence = headerValues(headers, 'agid-jwt-trackingevidence');
    if (evidence.length > 1 || (evidence.length === 1 && !COMPACT_JWS.test(evidence[0]!))) {
      throw unauthenticated('The Agid-JWT-TrackingEvidence header must be one JWS in compact form');
    }

    return {
      subject: claims.subject,
      organisation: claims.organisation,
      role: claims.role,
      purpose,
      purposes: claims.purposes,
      territory: claims.territory,
      employers: claims.employers,
      ...(claims.tokenId !== undefined ? { tokenId: claims.tokenId } : {}),
      ...(evidence.length === 1 ? { trackingEvidence: evidence[0]! } : {}),
    };
  };
}
