/** `POST /v1/auth/logout` — `{ refreshToken }` → 204; the sign-in's refresh tokens are revoked. */
import { authenticate } from '../auth/caller.js';
import { readJsonBody } from '../http/requestBody.js';
import { parseRequest, refreshTokenSchema } from '../http/schemas.js';
import { httpHandler } from './httpHandler.js';
import { identityContext, sourceIpOf } from './identityContext.js';

export const handler = httpHandler('POST /v1/auth/logout', async ({ event, ctx }) => {
  const user = await authenticate(ctx.users, event, { allowMustChange: true });
  const { refreshToken } = parseRequest(refreshTokenSchema, await readJsonBody(event, ctx.maxBodyBytes, ctx.maxJsonBytes));
  const { auth } = await identityContext(ctx);
  await auth.logout(user, refreshToken, sourceIpOf(event));
  return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
});
