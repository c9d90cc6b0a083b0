/** `POST /v1/auth/login` (public) — `{ login, password }` → tokens (docs/identity.md). */
import * as z from 'zod/mini';
import { readJsonBody } from '../http/requestBody.js';
import { jsonResponse } from '../http/responses.js';
import { parseRequest } from '../http/schemas.js';
import { httpHandler } from './httpHandler.js';
import { identityContext, sourceIpOf } from './identityContext.js';

const loginSchema = z.object({
  login: z.string({ error: '请填写登录名' }).check(z.minLength(1, { error: '请填写登录名' }), z.maxLength(64, { error: '登录名过长' })),
  password: z.string({ error: '请填写密码' }).check(z.minLength(1, { error: '请填写密码' }), z.maxLength(256, { error: '密码过长' })),
});

export const handler = httpHandler('POST /v1/auth/login', async ({ event, ctx }) => {
  const { login, password } = parseRequest(loginSchema, await readJsonBody(event, ctx.maxBodyBytes, ctx.maxJsonBytes));
  const { auth } = await identityContext(ctx);
  return jsonResponse(200, await auth.login(login, password, sourceIpOf(event)));
});
