import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, createRemoteJWKSet, exportJWK, exportPKCS8, generateKeyPair, importSPKI } from 'jose';
import { z } from 'zod';
import { ConfigError, env, readEnv } from '../config';
import type { VerificationKey } from './verify';

/** Issuer of the tokens signed with the development keys (`npm run token`). */
export const DEVELOPMENT_ISSUER = 'lavoro-graph-dev';
/** Audience of every token the graph accepts, unless `AUTH_AUDIENCE` says otherwise. */
export const DEFAULT_AUDIENCE = 'lavoro-graph';
/** Where `npm start` and `npm run token` keep the development key pair. */
export const DEFAULT_KEYS_DIR = 'data/keys';

/** The JSON stored next to the development key pair. */
export interface DevelopmentKeyMetadata {
  /** Key id: the RFC 7638 thumbprint of the public key, so it always matches the key. */
  kid: string;
  alg: 'ES256';
  iss: string;
  aud: string;
}

/** Files of the development key pair. */
export interface DevelopmentKeyPaths {
  /** PKCS8 PEM, mode 0600. */
  privateKeyPath: string;
  /** SPKI PEM. */
  publicKeyPath: string;
  /** {@link DevelopmentKeyMetadata} as JSON. */
  metadataPath: string;
}

/** The development key pair's files, its metadata, and whether this call created the key. */
export interface DevelopmentKeys extends DevelopmentKeyPaths {
  metadata: DevelopmentKeyMetadata;
  created: boolean;
}

/** The paths of the development key files in `dir`. */
export function developmentKeyPaths(dir = DEFAULT_KEYS_DIR): DevelopmentKeyPaths {
  return {
    privateKeyPath: join(dir, 'private.pem'),
    publicKeyPath: join(dir, 'public.pem'),
    metadataPath: join(dir, 'key.json'),
  };
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** Writes a file whole or not at all (temp file + rename), so a reader never sees half of it. */
async function writeAtomically(path: string, content: string, mode: number): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, content, { mode });
  await rename(temporary, path);
}

/**
 * Creates the development key pair in `dir` (default `data/keys`) unless it is there:
 * an ES256 private key (PKCS8 PEM, mode 0600), its public key (SPKI PEM) and a JSON with
 * `kid`, `iss` (`lavoro-graph-dev`) and `aud` (`lavoro-graph`). An existing private key
 * is never replaced; a missing public key or metadata file is derived from it again.
 * Safe when several processes start at once: the private key is published with an
 * exclusive link, so exactly one of them wins and the others use its key.
 */
export async function ensureDevelopmentKeys(dir = DEFAULT_KEYS_DIR): Promise<DevelopmentKeys> {
  const paths = developmentKeyPaths(dir);
  await mkdir(dir, { recursive: true, mode: 0o700 });

  let created = false;
  let privatePem = await readIfExists(paths.privateKeyPath);
  if (privatePem === undefined) {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const candidate = await exportPKCS8(privateKey);
    const temporary = `${paths.privateKeyPath}.${randomUUID()}.tmp`;
    await writeFile(temporary, candidate, { mode: 0o600, flag: 'wx' });
    try {
      await link(temporary, paths.privateKeyPath);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(temporary);
    }
    privatePem = await readFile(paths.privateKeyPath, 'utf8');
  }
  // The umask may have narrowed the mode but never widened it; make 0600 explicit anyway.
  if (created) await chmod(paths.privateKeyPath, 0o600);

  const publicKey = createPublicKey(createPrivateKey(privatePem));
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  if ((await readIfExists(paths.publicKeyPath)) === undefined) await writeAtomically(paths.publicKeyPath, publicPem, 0o644);

  const existing = await readIfExists(paths.metadataPath);
  let metadata: DevelopmentKeyMetadata;
  if (existing === undefined) {
    const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
    metadata = { kid, alg: 'ES256', iss: DEVELOPMENT_ISSUER, aud: DEFAULT_AUDIENCE };
    await writeAtomically(paths.metadataPath, `${JSON.stringify(metadata, null, 2)}\n`, 0o644);
  } else {
    metadata = JSON.parse(existing) as DevelopmentKeyMetadata;
  }
  return { ...paths, metadata, created };
}

/** Where the graph takes the keys that verify tokens, and what it expects in them. */
export interface AuthConfig {
  /** `AUTH_PUBLIC_KEY_PATH`: an SPKI PEM file (an RSA or P-256 key). */
  publicKeyPath?: string;
  /** `AUTH_JWKS_URL`: a JWKS served over HTTP(S), fetched and cached by jose. */
  jwksUrl?: string;
  /** `AUTH_ISSUER`, default `lavoro-graph-dev` (the development issuer). */
  issuer: string;
  /** `AUTH_AUDIENCE`, default `lavoro-graph`. */
  audience: string;
  /** `AUTH_CLOCK_TOLERANCE_SECONDS`, default 30. */
  clockToleranceSeconds: number;
}

/**
 * Reads the token-verification settings. Exactly one key source may be set; with none,
 * outside production, the development public key under `data/keys` is used (the one
 * `npm start` creates). In production a key source is required.
 * @throws ConfigError naming the bad variables.
 */
export function loadAuthConfig(source: NodeJS.ProcessEnv = process.env): AuthConfig {
  const values = readEnv(
    {
      AUTH_PUBLIC_KEY_PATH: z.string().min(1).optional(),
      AUTH_JWKS_URL: env.url().optional(),
      AUTH_ISSUER: z.string().min(1).default(DEVELOPMENT_ISSUER),
      AUTH_AUDIENCE: z.string().min(1).default(DEFAULT_AUDIENCE),
      AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
      NODE_ENV: env.nodeEnv(),
    },
    source,
  );
  if (values.AUTH_PUBLIC_KEY_PATH !== undefined && values.AUTH_JWKS_URL !== undefined) {
    throw new ConfigError([{ variable: 'AUTH_JWKS_URL', message: 'set either AUTH_PUBLIC_KEY_PATH or AUTH_JWKS_URL, not both' }]);
  }
  const keySource =
    values.AUTH_JWKS_URL !== undefined
      ? { jwksUrl: values.AUTH_JWKS_URL }
      : values.AUTH_PUBLIC_KEY_PATH !== undefined
        ? { publicKeyPath: values.AUTH_PUBLIC_KEY_PATH }
        : undefined;
  if (keySource === undefined && values.NODE_ENV === 'production') {
    throw new ConfigError([{ variable: 'AUTH_JWKS_URL', message: 'production needs AUTH_JWKS_URL or AUTH_PUBLIC_KEY_PATH' }]);
  }
  return {
    ...(keySource ?? { publicKeyPath: developmentKeyPaths().publicKeyPath }),
    issuer: values.AUTH_ISSUER,
    audience: values.AUTH_AUDIENCE,
    clockToleranceSeconds: values.AUTH_CLOCK_TOLERANCE_SECONDS,
  };
}

/**
 * The key that verifies tokens: the public key in `publicKeyPath` (an RSA key of at
 * least 2048 bits for RS256, or a P-256 key for ES256), or a remote key set at `jwksUrl`
 * (fetched on first use, cached, refetched when a token names an unknown `kid`).
 * @throws ConfigError when neither is given, or the file holds no usable public key.
 */
export async function loadVerificationKey(config: Pick<AuthConfig, 'publicKeyPath' | 'jwksUrl'>): Promise<VerificationKey> {
  if (config.jwksUrl !== undefined) {
    return createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  }
  if (config.publicKeyPath === undefined) {
    throw new ConfigError([{ variable: 'AUTH_PUBLIC_KEY_PATH', message: 'no verification key configured (AUTH_PUBLIC_KEY_PATH or AUTH_JWKS_URL)' }]);
  }
  const problem = (message: string) => new ConfigError([{ variable: 'AUTH_PUBLIC_KEY_PATH', message }]);
  let pem: string;
  try {
    pem = await readFile(config.publicKeyPath, 'utf8');
  } catch (error) {
    throw problem(isMissing(error) ? 'the file does not exist' : 'the file cannot be read');
  }
  let keyObject;
  try {
    keyObject = createPublicKey(pem);
  } catch {
    throw problem('the file does not hold a PEM public key');
  }
  const details = keyObject.asymmetricKeyDetails;
  if (keyObject.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') return importSPKI(keyObject.export({ type: 'spki', format: 'pem' }).toString(), 'ES256');
  if (keyObject.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048) return importSPKI(keyObject.export({ type: 'spki', format: 'pem' }).toString(), 'RS256');
  throw problem('the key must be a P-256 EC key (ES256) or an RSA key of at least 2048 bits (RS256)');
}
