/**
 * Accounts and sign-in for the browser tests: a town's account created through the service's own
 * account route (as a 秘书 would in the 账号 tab), its one-time password changed through the API, and
 * the pane's sign-in form filled in like a user does.
 */
import type { Page } from 'playwright-core';
import type { Role } from '../../functions/src/auth/roles.js';
import type { LocalStack } from '../../functions/src/server/localStack.js';

/** The registered 秘书 whose test-only token creates the accounts (the suite's stand-in for `npm run users`). */
const SEED = 'seed-secretary';

async function post(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** Creates an account of `town` and answers its one-time password. */
export async function createAccount(stack: LocalStack, town: string, login: string, role: Role): Promise<string> {
  await stack.addUser(SEED, town, '秘书');
  const answer = await post(`${stack.url}/v1/towns/${encodeURIComponent(town)}/accounts`, { login, role }, await stack.devToken(SEED));
  return answer.oneTimePassword as string;
}

/** Creates an account and replaces its one-time password by `password`, as its first sign-in would. */
export async function createSignedUpAccount(stack: LocalStack, town: string, login: string, role: Role, password: string): Promise<void> {
  const oneTime = await createAccount(stack, town, login, role);
  const session = await post(`${stack.url}/v1/auth/login`, { login, password: oneTime });
  await post(`${stack.url}/v1/auth/password`, { currentPassword: oneTime, newPassword: password }, session.accessToken as string);
}

/** Fills in the pane's sign-in form and submits it. */
export async function fillSignIn(page: Page, login: string, password: string, remember = false): Promise<void> {
  const form = page.getByRole('form', { name: '登录' });
  await form.getByLabel('登录名').fill(login);
  await form.getByLabel('密码').fill(password);
  if (remember) await form.getByText(/^记住我/).click();
  await form.getByRole('button', { name: '登录' }).click();
}

/** Fills in the forced change of a one-time password and submits it. */
export async function fillPasswordChange(page: Page, oneTime: string, password: string): Promise<void> {
  const form = page.getByRole('form', { name: '修改初始密码' });
  await form.getByLabel('初始密码').fill(oneTime);
  await form.getByLabel(/^新密码/).fill(password);
  await form.getByLabel('再次输入新密码').fill(password);
  await form.getByRole('button', { name: '保存新密码' }).click();
}
