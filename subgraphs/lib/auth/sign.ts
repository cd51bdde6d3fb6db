import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { importPKCS8, SignJWT, type CryptoKey, type KeyObject } from 'jose';
import type { Purpose, Role } from '../identity';
import { DEFAULT_KEYS_DIR, ensureDevelopmentKeys } from './keys';

/** What a token says about its holder (architecture.md §4). */
export interface TokenRequest {
  role: Role;
  /** Purposes the credential may declare; a voucher carries exactly one. */
  purposes: readonly Purpose[];
  /** `org` (or, in a voucher, `client_id`). */
  organisation: string;
  /** `sub`: the operator, or a citizen's fiscal code. */
  subject: string;
  /** ISTAT province or municipality codes. */
  territory: readonly string[];
  /** Employer fiscal codes. */
  employers: readonly string[];
  /** Lifetime in seconds from now. */
  ttlSeconds: number;
  /** A PDND-style voucher: single `purposeId` and `client_id` instead of `purposes` and `org`. */
  voucher: boolean;
  /** `jti`; a random UUID when absent. */
  tokenId?: string;
}

/** A private key and what to write in the token's header and standard claims. */
export interface TokenSigner {
  key: CryptoKey | KeyObject;
  alg: 'ES256' | 'RS256';
  kid?: string;
  issuer: string;
  audience: string;
}

/**
 * Signs a token for `request`. A voucher mirrors PDND's access token: header `typ:
 * at+jwt`, `client_id`, `purposeId`, and `nbf` equal to `iat`.
 * @throws Error when a voucher is asked for with other than one purpose.
 */
export async function signCallerToken(request: TokenRequest, signer: TokenSigner, now: Date = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const claims: Record<string, unknown> = { role: request.role };
  if (request.voucher) {
    if (request.purposes.length !== 1) throw new Error('a voucher carries exactly one purpose');
    claims.client_id = request.organisation;
    claims.purposeId = request.purposes[0];
  } else {
    claims.org = request.organisation;
    claims.purposes = [...request.purposes];
  }
  if (request.territory.length > 0) claims.territory = [...request.territory];
  if (request.employers.length > 0) claims.employers = [...request.employers];

  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: signer.alg, typ: request.voucher ? 'at+jwt' : 'JWT', ...(signer.kid ? { kid: signer.kid } : {}) })
    .setIssuer(signer.issuer)
    .setAudience(signer.audience)
    .setSubject(request.subject)
    .setJti(request.tokenId ?? randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + request.ttlSeconds);
  if (request.voucher) jwt.setNotBefore(iat);
  return jwt.sign(signer.key);
}

/** The signer of development tokens: the key pair in `dir`, created first when missing. */
export async function loadDevelopmentSigner(dir = DEFAULT_KEYS_DIR): Promise<TokenSigner> {
  const keys = await ensureDevelopmentKeys(dir);
  const key = await importPKCS8(await readFile(keys.privateKeyPath, 'utf8'), 'ES256');
  return { key, alg: 'ES256', kid: keys.metadata.kid, issuer: keys.metadata.iss, audience: keys.metadata.aud };
}
