import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** What the HTTP API's JWT authorizer is configured with. */
export interface JwtAuthorizerConfig {
  issuer: string;
  /** Accepted audiences: the token's `aud` (or, without `aud`, its `client_id`) must be one of them. */
  audience: readonly string[];
  /** The issuer's signing keys (its JWKS). */
  keys: JWTVerifyGetKey;
}

/** Claims as the authorizer hands them to the integration. */
export type VerifiedClaims = Record<string, string | number | boolean | string[]>;

/** Why a token was refused; `message` is Chinese, `description` the English text AWS puts in `www-authenticate`. */
export class TokenError extends Error {
  override readonly name = 'TokenError';

  constructor(
    message: string,
    readonly description: string,
  ) {
    super(message);
  }
}

const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'];

/**
 * Verifies a bearer token the way API Gateway's HTTP API JWT authorizer does for Entra ID:
 * a `kid` header naming one of the issuer's RSA keys, a valid signature, `iss` equal to the
 * issuer, `aud` (or `client_id` when there is no `aud`) among the audiences, `exp` in the
 * future, `nbf` and `iat` not in the future. Throws {@link TokenError}.
 */
export async function verifyBearerToken(
  authorization: string | undefined,
  config: JwtAuthorizerConfig,
  now: Date = new Date(),
): Promise<VerifiedClaims> {
  const token = authorization?.replace(/^Bearer\s+/i, '').trim();
  if (!token) throw new TokenError('缺少登录令牌（Authorization: Bearer …），请先登录。', 'missing token');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new TokenError('登录令牌格式不正确，请重新登录。', 'malformed token');
  }
  if (!header.kid) throw new TokenError('登录令牌缺少密钥标识（kid），请重新登录。', 'token has no kid');
  if (!header.alg || !RSA_ALGORITHMS.includes(header.alg)) {
    throw new TokenError('登录令牌的签名算法不受支持，请重新登录。', 'unsupported signing algorithm');
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, config.keys, {
      issuer: config.issuer,
      algorithms: RSA_ALGORITHMS,
      requiredClaims: ['exp'],
      currentDate: now,
    }));
  } catch (error) {
    throw tokenError(error);
  }
  const audiences = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const presented = audiences.length > 0 ? audiences : typeof payload.client_id === 'string' ? [payload.client_id] : [];
  if (!presented.some((aud) => config.audience.includes(aud))) {
    throw new TokenError('登录令牌不是签发给本服务的（受众 aud 不符），请重新登录。', 'the token does not have a valid audience');
  }
  if (typeof payload.iat === 'number' && payload.iat > Math.floor(now.getTime() / 1000)) {
    throw new TokenError('登录令牌的签发时间在未来，请检查电脑时间后重新登录。', 'the token is not yet valid');
  }
  return payload as VerifiedClaims;
}

function tokenError(error: unknown): TokenError {
  if (error instanceof errors.JWTExpired) return new TokenError('登录令牌已过期，请重新登录。', 'the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new TokenError('登录令牌的签发者不正确，请重新登录。', 'the token does not have a valid issuer');
    if (error.claim === 'nbf') return new TokenError('登录令牌尚未生效，请稍后再试。', 'the token is not yet valid');
    return new TokenError(`登录令牌缺少或含有无效的声明「${error.claim}」，请重新登录。`, `invalid claim ${error.claim}`);
  }
  if (error instanceof errors.JWKSNoMatchingKey) return new TokenError('登录令牌的签名密钥未知，请重新登录。', 'no matching key');
  if (error instanceof errors.JWSSignatureVerificationFailed) return new TokenError('登录令牌签名无效，请重新登录。', 'signature verification failed');
  return new TokenError('登录令牌无效，请重新登录。', 'invalid token');
}
