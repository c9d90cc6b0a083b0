/**
 * Sign-in in headless Chromium (Debian's /usr/bin/chromium) against the local stack: the browser mode
 * signs in with a one-time password, changes it, computes the example and signs out; a 秘书 creates a
 * 组长 account in the 账号 tab, and the 组长's 计算考核 is refused with a clear Chinese message; five
 * wrong passwords lock the account, shown with the minutes left. Screenshots go to
 * test/.tmp/screenshots/ (ignored by git).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../functions/src/server/localStack.js';
import { createAccount, fillPasswordChange, fillSignIn } from './signInSteps.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const screenshots = resolve(root, 'test/.tmp/screenshots');
const TOWN = '花桥街镇';
const EXAMPLE = resolve(root, 'examples/花桥街镇-2015.xlsx');

let stack: LocalStack;
let context: BrowserContext;
let work: string;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** The page at a desktop browser's width, or at a task pane's. */
async function openPane(width = 1024): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${stack.url}/taskpane.html`);
  await page.getByText('目标管理考核 · 网页版').waitFor();
  return page;
}

/** Drops the example workbook in and clicks 计算考核. */
async function computeExample(page: Page): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(EXAMPLE);
  await page.getByText('已打开：花桥街镇-2015.xlsx').waitFor();
  await page.getByRole('button', { name: '计算考核' }).click();
}

// Building the add-in, DynamoDB Local, Chromium and a few scrypt hashes: minutes on a loaded machine.
beforeAll(async () => {
  execFileSync('npx', ['vite', 'build', '--config', 'addin/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'pipe' });
  stack = await startLocalStack({ inMemory: true, addinDir: resolve(root, 'dist/addin') });
  work = mkdtempSync(join(tmpdir(), 'signin-e2e-'));
  mkdirSync(screenshots, { recursive: true });
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    permissions: ['clipboard-read', 'clipboard-write'],
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 300_000);

afterAll(async () => {
  await context?.close();
  await stack?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('signing in to the browser mode', () => {
  it('signs in with a one-time password, forces its change, computes the example and signs out', async () => {
    // Prepare
    const oneTime = await createAccount(stack, TOWN, '王芳', '秘书');
    const page = await openPane();
    await shot(page, 'signin-1-form');

    // Act
    await fillSignIn(page, '王芳', oneTime);
    await page.getByRole('form', { name: '修改初始密码' }).waitFor();
    await shot(page, 'signin-2-change-password');
    await fillPasswordChange(page, oneTime, 'Huaqiao2026');
    await page.getByText('王芳（秘书）').waitFor();
    await computeExample(page);
    await page.getByText('计算考核完成').waitFor({ timeout: 30_000 });
    await shot(page, 'signin-3-computed');
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('form', { name: '登录' }).waitFor();
    await shot(page, 'signin-4-signed-out');

    // Assess
    const stored = await page.evaluate(() => ({ ...localStorage, ...sessionStorage }));
    expect(Object.keys(stored).filter((key) => key.startsWith('kh.auth.user.'))).toEqual([]);
    expect(JSON.stringify(stored)).not.toContain('Huaqiao2026');
    expect(await page.context().cookies()).toEqual([]);
    await expect(page.getByLabel('登录名').inputValue()).resolves.toBe('王芳');
    const again = await fetch(`${stack.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: '王芳', password: oneTime }),
    });
    expect(again.status).toBe(401);
  });

  it('lets the 秘书 create a 组长 account whose 计算考核 is refused in Chinese', async () => {
    // Prepare
    const page = await openPane(360);
    await fillSignIn(page, '王芳', 'Huaqiao2026', true);
    await page.getByText('王芳（秘书）').waitFor();

    // Act
    await page.getByRole('tab', { name: '账号' }).click();
    await page.getByRole('list', { name: '账号列表' }).getByText('王芳（秘书）').waitFor();
    const create = page.getByRole('form', { name: '新建账号' });
    await create.getByLabel('登录名').fill('李明');
    await create.getByLabel('角色').selectOption('组长');
    await create.getByRole('button', { name: '创建账号' }).click();
    const issued = page.getByLabel('初始密码');
    await issued.waitFor();
    await issued.getByRole('button', { name: '复制' }).click();
    await issued.getByRole('button', { name: '已复制' }).waitFor();
    await shot(page, 'signin-5-account-created');
    const leaderOneTime = await page.evaluate(() => navigator.clipboard.readText());
    await issued.getByRole('button', { name: '我已记下' }).click();
    await page.getByRole('button', { name: '退出' }).click();
    await fillSignIn(page, '李明', leaderOneTime);
    await fillPasswordChange(page, leaderOneTime, 'Liming2026');
    await page.getByText('李明（组长）').waitFor();
    await computeExample(page);
    const refusal = page.getByText('您的角色「组长」无权计算考核，只有秘书可以计算考核。');
    await refusal.waitFor({ timeout: 30_000 });
    await shot(page, 'signin-6-leader-refused');

    // Assess
    expect(leaderOneTime).toMatch(/^[A-Za-z2-9]{12}$/);
    await expect(page.getByText('没有权限').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('tab', { name: '账号' }).count()).resolves.toBe(0);
    await expect(page.getByText('读写工作簿失败').count()).resolves.toBe(0);
  });

  it('shows a lockout after five wrong passwords with the minutes left', async () => {
    // Prepare
    const oneTime = await createAccount(stack, TOWN, '赵强', '组长');
    const page = await openPane();

    // Act
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await fillSignIn(page, '赵强', `wrong-${attempt}`);
      // A refused password is cleared from the form.
      await expect.poll(() => page.getByLabel('密码').inputValue(), { timeout: 20_000 }).toBe('');
    }
    await fillSignIn(page, '赵强', oneTime);
    await page.getByText('请 15 分钟后再试', { exact: false }).waitFor();
    await shot(page, 'signin-7-locked');

    // Assess
    await expect(page.getByText('账号已锁定', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('form', { name: '修改初始密码' }).count()).resolves.toBe(0);
  });
});
