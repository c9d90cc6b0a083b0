import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEV_AUDIENCE, DEV_ISSUER, loadDevTokenIssuer, type DevTokenIssuer } from '../support/entraLikeTokens.js';
import { TokenError, verifyBearerToken } from '../../functions/src/auth/verifyToken.js';

let issuer: DevTokenIssuer;

beforeAll(async () => {
  issuer = await loadDevTokenIssuer();
});

async function refusal(authorization: string | undefined): Promise<TokenError> {
  try {
    await verifyBearerToken(authorization, issuer.authorizer);
  } catch (error) {
    if (error instanceof TokenError) return error;
    throw error;
  }
  throw new Error('expected the token to be refused');
}

describe('verifyBearerToken', () => {
  it('accepts a valid token with or without the Bearer prefix and returns its claims', async () => {
    // Prepare
    const token = await issuer.sign('oid-1', { name: '王秘书' });

    // Act
    const withPrefix = await verifyBearerToken(`Bearer ${token}`, issuer.authorizer);
    const bare = await verifyBearerToken(token, issuer.authorizer);

    // Assess
    expect(withPrefix).toMatchObject({ oid: 'oid-1', sub: 'oid-1', name: '王秘书', iss: DEV_ISSUER, aud: DEV_AUDIENCE });
    expect(bare.oid).toBe('oid-1');
  });

  it('refuses a missing, expired, not yet valid, wrong-audience or wrong-issuer token', async () => {
    // Prepare
    const expired = await issuer.sign('oid-1', { expiresInSeconds: -60 });
    const early = await issuer.sign('oid-1', { notBeforeSeconds: 3600 });
    const otherAudience = await issuer.sign('oid-1', { audience: 'api://another-app' });
    const otherIssuer = await issuer.sign('oid-1', { issuer: 'https://login.microsoftonline.com/other/v2.0' });

    // Act
    const answers = await Promise.all([undefined, expired, early, otherAudience, otherIssuer].map((t) => refusal(t && `Bearer ${t}`)));

    // Assess
    expect(answers.map((e) => e.description)).toEqual([
      'missing token',
      'the token has expired',
      'the token is not yet valid',
      'the token does not have a valid audience',
      'the token does not have a valid issuer',
    ]);
    expect(answers[1]?.message).toBe('登录令牌已过期，请重新登录。');
  });

  it('refuses a token signed by another key, and one without kid or with an HMAC algorithm', async () => {
    // Prepare
    const stranger = await loadDevTokenIssuer();
    const forged = await stranger.sign('oid-1');
    const { privateKey } = await generateKeyPair('RS256');
    const noKid = await new SignJWT({ oid: 'oid-1' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    const hmac = await new SignJWT({ oid: 'oid-1' })
      .setProtectedHeader({ alg: 'HS256', kid: issuer.jwks.keys[0]?.kid ?? '' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a shared secret of at least 32 bytes!'));

    // Act
    const answers = await Promise.all([forged, noKid, hmac, 'not.a.jwt'].map((t) => refusal(t)));

    // Assess
    expect(answers.map((e) => e.description)).toEqual([
      'no matching key',
      'token has no kid',
      'unsupported signing algorithm',
      'malformed token',
    ]);
  });

  it('accepts client_id as the audience only when the token has no aud, as API Gateway does', async () => {
    // Prepare
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    const config = { issuer: DEV_ISSUER, audience: ['app-client'], keys: createLocalJWKSet({ keys: [jwk] }) };
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(DEV_ISSUER).setExpirationTime('1h').sign(privateKey);

    // Act
    const viaClientId = await verifyBearerToken(await sign({ sub: 's1', client_id: 'app-client' }), config);
    const audWins = await verifyBearerToken(await sign({ sub: 's1', aud: 'other', client_id: 'app-client' }), config).catch((e: TokenError) => e);

    // Assess
    expect(viaClientId.sub).toBe('s1');
    expect(audWins).toBeInstanceOf(TokenError);
  });
});
