/**
 * `GET /.well-known/openid-configuration` and `GET /.well-known/jwks.json` (public): where the HTTP
 * API's JWT authorizer (and anyone) finds the keys that sign the service's access tokens.
 */
import { jwksOf, TOKEN_ALGORITHM } from '../auth/tokenSigner.js';
import { jsonResponse } from '../http/responses.js';
import { httpHandler } from './httpHandler.js';
import { identityContext } from './identityContext.js';

/** Keys change rarely; API Gateway caches them itself. */
const CACHE = { 'cache-control': 'public, max-age=300' };

export const handler = httpHandler('well-known', async ({ event, ctx }) => {
  const { signer, issuer } = await identityContext(ctx);
  if (event.routeKey === 'GET /.well-known/jwks.json') return jsonResponse(200, await jwksOf(signer), CACHE);
  return jsonResponse(
    200,
    {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [TOKEN_ALGORITHM],
    },
    CACHE,
  );
});
