/** `POST /v1/auth/refresh` (public) — `{ refreshToken }` → new tokens; the old refresh token is spent. */
import { readJsonBody } from '../http/requestBody.js';
import { jsonResponse } from '../http/responses.js';
import { parseRequest, refreshTokenSchema } from '../http/schemas.js';
import { httpHandler } from './httpHandler.js';
import { identityContext, sourceIpOf } from './identityContext.js';

export const handler = httpHandler('POST /v1/auth/refresh', async ({ event, ctx }) => {
  const { refreshToken } = parseRequest(refreshTokenSchema, await readJsonBody(event, ctx.maxBodyBytes, ctx.maxJsonBytes));
  const { auth } = await identityContext(ctx);
  return jsonResponse(200, await auth.refresh(refreshToken, sourceIpOf(event)));
});
