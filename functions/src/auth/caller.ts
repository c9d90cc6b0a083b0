import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { HttpError } from '../http/HttpError.js';
import type { UserRecord, UserStore } from '../store/UserStore.js';
import { ACTION_LABELS, can, rolesFor, type Action } from './roles.js';

/**
 * The caller's id from the claims the JWT authorizer verified: Entra ID's `oid` (stable per user
 * across apps), else `sub`. Null when the event carries no verified claims.
 */
export function callerId(event: APIGatewayProxyEventV2WithJWTAuthorizer): string | null {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  const id = claims?.oid ?? claims?.sub;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

/**
 * Looks the caller up in the store: 401 without verified claims, 403 for an unregistered or
 * disabled account, and 403 `password_change_required` for an account that must first change its
 * password, unless `allowMustChange` (changing the password, signing out).
 */
export async function authenticate(
  users: UserStore,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  options: { allowMustChange?: boolean } = {},
): Promise<UserRecord> {
  const oid = callerId(event);
  if (!oid) throw new HttpError(401, 'unauthorized', '未登录或登录已失效，请重新登录。');
  const user = await users.get(oid);
  if (!user) {
    throw new HttpError(403, 'user_not_registered', `账号「${oid}」尚未开通，请联系管理员分配乡镇和角色。`);
  }
  if (user.state === 'disabled') throw accountDisabled();
  if (user.state === 'must_change_password' && !options.allowMustChange) {
    throw new HttpError(403, 'password_change_required', '首次登录或密码已被重置，请先修改密码。');
  }
  return user;
}

/** 403 for a disabled account. */
export function accountDisabled(): HttpError {
  return new HttpError(403, 'account_disabled', '账号已停用，请联系本镇秘书。');
}

/**
 * Looks the caller up in the store ({@link authenticate}) and checks that their role allows `action`:
 * 403 `forbidden_role` otherwise.
 */
export async function authorize(
  users: UserStore,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  action: Action,
): Promise<UserRecord> {
  const user = await authenticate(users, event);
  if (!can(user.role, action)) {
    throw new HttpError(
      403,
      'forbidden_role',
      `您的角色「${user.role}」无权${ACTION_LABELS[action]}，只有${rolesFor(action).join('、')}可以${ACTION_LABELS[action]}。`,
    );
  }
  return user;
}

/** 403 unless `town` is the caller's own town. */
export function assertTown(user: UserRecord, town: string, what = '考核数据'): void {
  if (user.town !== town) {
    throw new HttpError(403, 'forbidden_town', `您属于「${user.town}」，无权访问「${town}」的${what}。`);
  }
}
