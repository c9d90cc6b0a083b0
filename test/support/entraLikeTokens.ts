/** Test support: tokens shaped like Entra ID v2 tokens, signed with a local RSA key (verifyToken tests). */
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { JwtAuthorizerConfig } from '../../functions/src/auth/verifyToken.js';

/** Issuer and audience of the development tokens `npm start` signs (shaped like Entra ID v2 tokens). */
export const DEV_ISSUER = 'https://login.local.mubiao-kaohe/dev/v2.0';
export const DEV_AUDIENCE = 'api://mubiao-kaohe-local';

/** Overrides for crafting tokens in tests (an expired one, another audience…). */
export interface DevTokenOptions {
  name?: string;
  /** Lifetime in seconds from now (default 8 hours); negative makes an expired token. */
  expiresInSeconds?: number;
  audience?: string;
  issuer?: string;
  notBeforeSeconds?: number;
}

/** Signs development tokens with a local RSA key and verifies them like the HTTP API would. */
export interface DevTokenIssuer {
  authorizer: JwtAuthorizerConfig;
  /** The public key set (what an issuer publishes at its jwks_uri). */
  jwks: { keys: JWK[] };
  sign(oid: string, options?: DevTokenOptions): Promise<string>;
}

/**
 * Loads the local signing key from `<dataDir>/dev-jwt-key.json`, creating it on first use;
 * without `dataDir` the key lives only in memory (tests).
 */
export async function loadDevTokenIssuer(dataDir?: string): Promise<DevTokenIssuer> {
  const privateJwk = await loadOrCreateKey(dataDir);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const privateKey = await importJWK(privateJwk, 'RS256');
  const jwks = { keys: [publicJwk] };
  return {
    jwks,
    authorizer: { issuer: DEV_ISSUER, audience: [DEV_AUDIENCE], keys: createLocalJWKSet(jwks) },
    async sign(oid, options = {}) {
      const nowSeconds = Math.floor(Date.now() / 1000);
      const issuedAt = nowSeconds + Math.min(0, options.expiresInSeconds ?? 0) - 60;
      return new SignJWT({ oid, name: options.name ?? oid, tid: 'local-dev', ver: '2.0' })
        .setProtectedHeader({ alg: 'RS256', kid: publicJwk.kid ?? 'dev', typ: 'JWT' })
        .setIssuer(options.issuer ?? DEV_ISSUER)
        .setAudience(options.audience ?? DEV_AUDIENCE)
        .setSubject(oid)
        .setIssuedAt(issuedAt)
        .setNotBefore(options.notBeforeSeconds === undefined ? issuedAt : nowSeconds + options.notBeforeSeconds)
        .setExpirationTime(nowSeconds + (options.expiresInSeconds ?? 8 * 60 * 60))
        .sign(privateKey);
    },
  };
}

async function loadOrCreateKey(dataDir: string | undefined): Promise<JWK> {
  const path = dataDir === undefined ? undefined : join(dataDir, 'dev-jwt-key.json');
  if (path) {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as JWK;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: `dev-${randomUUID().slice(0, 8)}` };
  if (path && dataDir) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(path, JSON.stringify(jwk), { mode: 0o600 });
    await chmod(path, 0o600);
  }
  return jwk;
}
