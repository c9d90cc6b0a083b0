/**
 * A 秘书 manages her town's accounts (docs/identity.md):
 * `GET|POST /v1/towns/{town}/accounts`, `POST /v1/towns/{town}/accounts/{login}/{reset|disable|enable}`
 * and the account and sign-in audit trail `GET /v1/towns/{town}/audit?limit=`.
 */
import * as z from 'zod/mini';
import { assertTown, authorize } from '../auth/caller.js';
import { ROLES } from '../auth/roles.js';
import { HttpError } from '../http/HttpError.js';
import { readJsonBody } from '../http/requestBody.js';
import { jsonResponse } from '../http/responses.js';
import { parseRequest } from '../http/schemas.js';
import { httpHandler } from './httpHandler.js';
import { accountAdmin, sourceIpOf } from './identityContext.js';
import { townPath } from './pathParams.js';

const createSchema = z.object({
  login: z.string({ error: '请填写登录名' }).check(z.minLength(1, { error: '请填写登录名' }), z.maxLength(64, { error: '登录名过长' })),
  name: z.optional(z.string({ error: '姓名应为文本' }).check(z.maxLength(32, { error: '姓名不能超过 32 个字符' }))),
  role: z.enum(ROLES, { error: `角色应为 ${ROLES.join('、')} 之一` }),
});
const actionSchema = z.object({
  login: z.string().check(z.minLength(1)),
  action: z.enum(['reset', 'disable', 'enable'], { error: '操作应为 reset、disable 或 enable' }),
});
const auditQuerySchema = z.object({
  limit: z.optional(
    z.string().check(z.regex(/^([1-9]\d{0,2})$/, { error: '条数 limit 应为 1–500 的整数' }), z.refine((v) => Number(v) <= 500, { error: '条数 limit 应为 1–500 的整数' })),
  ),
});

export const handler = httpHandler('accounts', async ({ event, ctx }) => {
  const user = await authorize(ctx.users, event, 'manage_accounts');
  const town = townPath(event);
  assertTown(user, town, '账号');
  const admin = accountAdmin(ctx);
  const audit = { actor: user.oid, sourceIp: sourceIpOf(event) };
  switch (event.routeKey) {
    case 'GET /v1/towns/{town}/accounts':
      return jsonResponse(200, { town, accounts: await admin.listAccounts(town) });
    case 'POST /v1/towns/{town}/accounts': {
      const body = parseRequest(createSchema, await readJsonBody(event, ctx.maxBodyBytes, ctx.maxJsonBytes));
      return jsonResponse(201, await admin.createAccount(town, body, audit));
    }
    case 'POST /v1/towns/{town}/accounts/{login}/{action}': {
      const { login, action } = parseRequest(actionSchema, event.pathParameters ?? {}, '路径参数');
      if (action === 'reset') return jsonResponse(200, await admin.resetPassword(town, login, audit));
      return jsonResponse(200, { account: await admin.setDisabled(town, login, action === 'disable', audit) });
    }
    case 'GET /v1/towns/{town}/audit': {
      const { limit } = parseRequest(auditQuerySchema, event.queryStringParameters ?? {}, '查询参数');
      return jsonResponse(200, { town, entries: await admin.listAudit(town, Number(limit ?? 100)) });
    }
    default:
      throw new HttpError(404, 'not_found', `没有这个接口：${event.routeKey}`);
  }
});
