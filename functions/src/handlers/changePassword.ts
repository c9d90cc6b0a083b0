/**
 * `POST /v1/auth/password` — `{ currentPassword, newPassword }`; the one route a
 * must-change-password account may call besides sign-out. Revokes the account's refresh tokens.
 */
import * as z from 'zod/mini';
import { authenticate } from '../auth/caller.js';
import { readJsonBody } from '../http/requestBody.js';
import { jsonResponse } from '../http/responses.js';
import { parseRequest } from '../http/schemas.js';
import { httpHandler } from './httpHandler.js';
import { identityContext, sourceIpOf } from './identityContext.js';

const passwordSchema = z.object({
  currentPassword: z.string({ error: '请填写当前密码' }).check(z.minLength(1, { error: '请填写当前密码' }), z.maxLength(256)),
  newPassword: z.string({ error: '请填写新密码' }).check(z.minLength(1, { error: '请填写新密码' }), z.maxLength(256)),
});

export const handler = httpHandler('POST /v1/auth/password', async ({ event, ctx }) => {
  const user = await authenticate(ctx.users, event, { allowMustChange: true });
  const body = parseRequest(passwordSchema, await readJsonBody(event, ctx.maxBodyBytes, ctx.maxJsonBytes));
  const { auth } = await identityContext(ctx);
  const changed = await auth.changePassword(user, body.currentPassword, body.newPassword, sourceIpOf(event));
  return jsonResponse(200, { user: changed, mustChangePassword: false });
});
