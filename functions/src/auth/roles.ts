/**
 * Roles and what they may do (SPEC §6). Kept in the service's table, never read from a workbook.
 * 秘书 computes and finalises; a compute answers the results and issues, so 秘书 may also
 * validate and read what it computed, and manages the town's accounts. 组长 validates and reads;
 * 书记/镇长 read and finalise.
 */
export const ROLES = ['秘书', '组长', '书记', '镇长'] as const;
export type Role = (typeof ROLES)[number];

export type Action = 'validate' | 'compute' | 'finalize' | 'read' | 'manage_accounts';

const PERMISSIONS: Record<Role, readonly Action[]> = {
  秘书: ['compute', 'finalize', 'validate', 'read', 'manage_accounts'],
  组长: ['validate', 'read'],
  书记: ['read', 'finalize'],
  镇长: ['read', 'finalize'],
};

/** Chinese name of an action, for messages. */
export const ACTION_LABELS: Record<Action, string> = {
  validate: '校验',
  compute: '计算考核',
  finalize: '定稿',
  read: '查看考核结果',
  manage_accounts: '管理本镇账号',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether `role` may perform `action`. */
export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}

/** The roles allowed to perform `action`, for the 403 message. */
export function rolesFor(action: Action): Role[] {
  return ROLES.filter((role) => can(role, action));
}
