/** The checks the sign-in, password and account forms make before asking the service (which checks again). */

/** The password rules of the service (docs/identity.md), as the forms state them. */
export const PASSWORD_RULES = '8–64 个字符，须同时包含字母和数字，不能与登录名相同。';

/** What keeps the sign-in form from being sent, or null. */
export function signInProblem(login: string, password: string): string | null {
  if (!login.trim()) return '请填写登录名。';
  if (!password) return '请填写密码。';
  return null;
}

/** What keeps the password form from being sent, or null. */
export function newPasswordProblem(current: string, next: string, confirmation: string): string | null {
  if (!current) return '请填写当前密码。';
  if (!next) return '请填写新密码。';
  if (next !== confirmation) return '两次输入的新密码不一致。';
  if (next === current) return '新密码不能与当前密码相同。';
  return null;
}

/** What is wrong with a new account's login name, or null (1–32 characters, no spaces, slashes or backslashes). */
export function loginProblem(login: string): string | null {
  const trimmed = login.trim();
  if (!trimmed) return '请填写登录名。';
  if ([...trimmed].length > 32) return '登录名最长 32 个字符。';
  if (/[\s/\\]/.test(trimmed)) return '登录名不能含空格、“/”或“\\”。';
  return null;
}
