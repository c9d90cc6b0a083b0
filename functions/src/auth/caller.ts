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
 * Looks the caller up in the store and checks that their role allows `action`.
 * 401 without verified claims, 403 for an unregistered user or a role without the permission.
 */
export async function authorize(
  users: UserStore,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  action: Action,
): Promise<UserRecord> {
  const oid = callerId(event);
  if (!oid) throw new HttpError(401, 'unauthorized', '未登录或登录已失效，请重新登录。');
  const user = await users.get(oid);
  if (!user) {
    throw new HttpError(403, 'user_not_registered', `账号「${oid}」尚未开通，请联系管理员分配乡镇和角色。`);
  }
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
export function assertTown(user: UserRecord, town: string): void {
  if (user.town !== town) {
    throw new HttpError(403, 'forbidden_town', `您属于「${user.town}」，无权访问「${town}」的考核数据。`);
  }
}
