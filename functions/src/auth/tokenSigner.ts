/**
 * The one seam through which access tokens are signed: a key file locally and in tests
 * ({@link LocalTokenSigner}), a KMS asymmetric key in AWS (kmsTokenSigner.ts). Tokens are RS256
 * because the HTTP API's JWT authorizer verifies only RSA signatures (docs/identity.md).
 */
import { createHash, createPrivateKey, generateKeyPairSync, randomUUID, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';

export const TOKEN_ALGORITHM = 'RS256';
/** The audience of the service's access tokens (`aud`). */
export const SERVICE_AUDIENCE = 'mubiao-kaohe';
/** Lifetime of an access token in seconds (at most 1 hour, SPEC §6). */
export const ACCESS_TOKEN_SECONDS = 3600;

/** Signs RS256 (RSASSA-PKCS1-v1_5 with SHA-256) and publishes its public key. */
export interface TokenSigner {
  /** The signature of `data` (the JWS signing input). */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** The public key as a JWK with `kid`, `alg` and `use`. */
  publicJwk(): Promise<JWK>;
}

/** The public part of an RSA key as published in the JWKS, `kid` being its RFC 7638 thumbprint. */
export async function publishedJwk(jwk: JWK): Promise<JWK> {
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e) throw new Error('the signing key is not an RSA key');
  const key = { kty: 'RSA', n: jwk.n, e: jwk.e };
  return { ...key, kid: await calculateJwkThumbprint(key), alg: TOKEN_ALGORITHM, use: 'sig' };
}

const segment = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** What an access token says. */
export interface AccessTokenClaims {
  issuer: string;
  audience: string;
  subject: string;
  /** Seconds since the epoch. */
  issuedAt: number;
  lifetimeSeconds?: number;
}

/** A compact JWS (JWT) with `sub`, `iss`, `aud`, `iat`, `exp`, `jti`, signed through `signer`. */
export async function signAccessToken(signer: TokenSigner, claims: AccessTokenClaims): Promise<string> {
  const { kid } = await signer.publicJwk();
  const header = { alg: TOKEN_ALGORITHM, typ: 'JWT', kid };
  const payload = {
    iss: claims.issuer,
    sub: claims.subject,
    aud: claims.audience,
    iat: claims.issuedAt,
    exp: claims.issuedAt + (claims.lifetimeSeconds ?? ACCESS_TOKEN_SECONDS),
    jti: randomUUID(),
  };
  const input = `${segment(header)}.${segment(payload)}`;
  const signature = await signer.sign(Buffer.from(input));
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}

/** The signer's key set, as `GET /.well-known/jwks.json` answers it. */
export async function jwksOf(signer: TokenSigner): Promise<{ keys: JWK[] }> {
  return { keys: [await signer.publicJwk()] };
}

/** An RSA key kept in a JSON file (private JWK, mode 600), created on first use. */
export class LocalTokenSigner implements TokenSigner {
  private constructor(
    private readonly privateKey: KeyObject,
    private readonly jwk: JWK,
  ) {}

  /** Loads the key from `path`, creating a 2048-bit key there when the file does not exist. */
  static async fromFile(path: string): Promise<LocalTokenSigner> {
    let jwk: JWK;
    try {
      jwk = JSON.parse(await readFile(path, 'utf8')) as JWK;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      jwk = privateKey.export({ format: 'jwk' }) as JWK;
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, JSON.stringify(jwk), { mode: 0o600 });
      await chmod(path, 0o600);
    }
    return new LocalTokenSigner(createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }), await publishedJwk(jwk));
  }

  async sign(data: Uint8Array): Promise<Uint8Array> {
    return sign('sha256', data, this.privateKey);
  }

  async publicJwk(): Promise<JWK> {
    return this.jwk;
  }
}

/** SHA-256 of a text, base64url (refresh-token secrets are stored only so). */
export function sha256Base64url(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
