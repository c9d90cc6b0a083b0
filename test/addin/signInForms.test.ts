import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { accountStateText, createAccountsApi } from '../../addin/src/api/accounts.js';
import { ApiError, createTransport } from '../../addin/src/api/client.js';
import { createAuth, type EntraAuth } from '../../addin/src/auth/auth.js';
import { loginProblem, newPasswordProblem, signInProblem } from '../../addin/src/auth/forms.js';
import { SignInError } from '../../addin/src/auth/signInError.js';
import { describeFailure } from '../../addin/src/common/failure.js';
import { loadRuntimeConfig } from '../../addin/src/common/runtimeConfig.js';

const msal = vi.hoisted(() => ({
  created: [] as string[],
  silent: vi.fn(),
  popup: vi.fn(),
}));

// MSAL itself needs a browser; what matters here is which of its clients the add-in makes and when it goes interactive.
vi.mock('@azure/msal-browser', () => {
  const pca = () => ({
    getActiveAccount: () => null,
    getAllAccounts: () => [],
    setActiveAccount: () => undefined,
    acquireTokenSilent: msal.silent,
    acquireTokenPopup: msal.popup,
  });
  return {
    createNestablePublicClientApplication: async () => (msal.created.push('nestable'), pca()),
    createStandardPublicClientApplication: async () => (msal.created.push('standard'), pca()),
  };
});

const CLIENT = '8d2e4f60-1a3b-4c5d-8e9f-0a1b2c3d4e5f';
const PANE = 'https://d111111abcdef8.cloudfront.net/taskpane.html';

describe('the sign-in forms', () => {
  it('ask for what is missing before anything is sent', () => {
    // Assess
    expect(signInProblem(' ', 'x')).toBe('请填写登录名。');
    expect(signInProblem('王芳', '')).toBe('请填写密码。');
    expect(signInProblem('王芳', 'x')).toBeNull();
    expect(newPasswordProblem('', 'Abcdefg1', 'Abcdefg1')).toBe('请填写当前密码。');
    expect(newPasswordProblem('k7PqR2xZ9mWa', 'Abcdefg1', 'Abcdefg2')).toBe('两次输入的新密码不一致。');
    expect(newPasswordProblem('Abcdefg1', 'Abcdefg1', 'Abcdefg1')).toBe('新密码不能与当前密码相同。');
    expect(newPasswordProblem('k7PqR2xZ9mWa', 'Abcdefg1', 'Abcdefg1')).toBeNull();
    expect(loginProblem('王 芳')).toBe('登录名不能含空格、“/”或“\\”。');
    expect(loginProblem('hq\\wf')).toBe('登录名不能含空格、“/”或“\\”。');
    expect(loginProblem('花'.repeat(33))).toBe('登录名最长 32 个字符。');
    expect(loginProblem(' 王芳2 ')).toBeNull();
  });

  it('name an account’s state in Chinese, with a lockout’s minutes', () => {
    // Assess
    expect(accountStateText({ state: 'active', lockedMinutesLeft: null })).toBe('正常');
    expect(accountStateText({ state: 'must_change_password', lockedMinutesLeft: null })).toBe('待改初始密码');
    expect(accountStateText({ state: 'active', lockedMinutesLeft: 12 })).toBe('正常（锁定中，还剩 12 分钟）');
    expect(accountStateText({ state: 'disabled', lockedMinutesLeft: null })).toBe('已停用');
  });
});

describe('what the pane says when an action fails', () => {
  it('reports a token failure as a sign-in problem, never as a workbook one', () => {
    // Act
    const failed = describeFailure(new SignInError('failed', '登录失败：AADSTS50011'));
    const required = describeFailure(new SignInError('required', '请点击“登录”'));

    // Assess
    expect(failed.title).toBe('登录失败');
    expect(required.title).toBe('请先登录');
    expect([failed.title, required.title]).not.toContain('读写工作簿失败');
  });

  it('passes on the service’s refusal of a role, and a pending password change', () => {
    // Prepare
    const refused = new ApiError(403, 'forbidden_role', '您的角色「组长」无权计算考核，只有秘书可以计算考核。');

    // Act
    const role = describeFailure(refused);
    const change = describeFailure(new ApiError(403, 'password_change_required', '首次登录或密码已被重置，请先修改密码。'));

    // Assess
    expect(role).toEqual({ title: '没有权限', message: '您的角色「组长」无权计算考核，只有秘书可以计算考核。' });
    expect(change.title).toBe('请先修改初始密码');
  });
});

describe('the accounts API', () => {
  it('calls the town’s account routes with the bearer token', async () => {
    // Prepare
    const sent: [string, string, string | undefined, string][] = [];
    const account = { login: '李明', name: '李明', role: '组长', town: '花桥街镇', state: 'must_change_password', lockedMinutesLeft: null };
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = init?.headers as Record<string, string>;
      sent.push([init?.method ?? 'GET', String(input), init?.body as string | undefined, headers.authorization!]);
      const path = String(input);
      const body = path.endsWith('/accounts') && init?.method === 'GET' ? { town: '花桥街镇', accounts: [account] } : { account, oneTimePassword: 'k7PqR2xZ9mWa' };
      return new Response(JSON.stringify(body), { status: 200 });
    }) as typeof globalThis.fetch;
    const api = createAccountsApi(createTransport({ baseUrl: 'https://kaohe.example.cn', token: async () => 'T', fetch }));

    // Act
    const listed = await api.list('花桥街镇');
    const created = await api.create('花桥街镇', { login: '李明', role: '组长' });
    const reset = await api.reset('花桥街镇', '李明');
    const disabled = await api.disable('花桥街镇', '李明');
    await api.enable('花桥街镇', '李明');

    // Assess
    expect(listed).toEqual([account]);
    expect(created.oneTimePassword).toBe('k7PqR2xZ9mWa');
    expect(reset.account).toEqual(account);
    expect(disabled).toEqual(account);
    const base = 'https://kaohe.example.cn/v1/towns/%E8%8A%B1%E6%A1%A5%E8%A1%97%E9%95%87/accounts';
    expect(sent).toEqual([
      ['GET', base, undefined, 'Bearer T'],
      ['POST', base, JSON.stringify({ login: '李明', role: '组长' }), 'Bearer T'],
      ['POST', `${base}/%E6%9D%8E%E6%98%8E/reset`, '{}', 'Bearer T'],
      ['POST', `${base}/%E6%9D%8E%E6%98%8E/disable`, '{}', 'Bearer T'],
      ['POST', `${base}/%E6%9D%8E%E6%98%8E/enable`, '{}', 'Bearer T'],
    ]);
  });
});

/** A stand-in for Office.context: NestedAppAuth as given; the dialog answers `reply` (or reports it closed). */
function officeContext(nested: boolean, reply: string | null) {
  const opened: [string, Office.DialogOptions][] = [];
  const asked: [string, string | undefined][] = [];
  const context = {
    requirements: {
      isSetSupported: (name: string, version?: string) => (asked.push([name, version]), nested),
    },
    ui: {
      displayDialogAsync: ((url: string, options: Office.DialogOptions, callback: (result: unknown) => void) => {
        opened.push([url, options]);
        const handlers = new Map<string, (arg: unknown) => void>();
        callback({ status: 'succeeded', value: { addEventHandler: (type: string, handler: (arg: unknown) => void) => handlers.set(type, handler), close: () => undefined } });
        if (reply === null) handlers.get('dialogEventReceived')!({ error: 12006 });
        else handlers.get('dialogMessageReceived')!({ message: reply });
      }) as unknown as Office.UI['displayDialogAsync'],
    },
  };
  return { context, opened, asked };
}

describe('Entra ID sign-in', () => {
  beforeEach(async () => {
    vi.stubGlobal('location', { href: PANE, origin: new URL(PANE).origin });
    vi.stubGlobal('Office', { AsyncResultStatus: { Succeeded: 'succeeded' }, EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' } });
    const config = { apiBaseUrl: 'https://api.example.cn', identity: 'entra', entra: { clientId: CLIENT } };
    await loadRuntimeConfig((async () => new Response(JSON.stringify(config))) as typeof fetch);
    msal.created.length = 0;
    msal.silent.mockReset();
    msal.popup.mockReset();
  });

  afterEach(async () => {
    await loadRuntimeConfig((async () => new Response('', { status: 404 })) as typeof fetch);
    vi.unstubAllGlobals();
  });

  it('uses nested app authentication where the host has NestedAppAuth 1.1, silently, never a popup on its own', async () => {
    // Prepare
    const office = officeContext(true, null);
    msal.silent.mockResolvedValueOnce({ accessToken: 'naa-token', account: { name: '王芳' } }).mockRejectedValueOnce(new Error('interaction_required'));
    const auth = createAuth({ host: 'office', apiUrl: () => '', office: office.context }) as EntraAuth;

    // Act
    const token = await auth.token();
    const refused = await auth.token().catch((e: unknown) => e);

    // Assess
    expect(office.asked).toEqual([['NestedAppAuth', '1.1']]);
    expect(msal.created).toEqual(['nestable']);
    expect(token).toBe('naa-token');
    expect(auth.user()).toEqual({ name: '王芳' });
    expect(refused).toMatchObject({ name: 'SignInError', problem: 'required' });
    expect(msal.popup).not.toHaveBeenCalled();
    expect(office.opened).toHaveLength(0);
  });

  it('signs in through the Office dialog without NestedAppAuth, and only when asked', async () => {
    // Prepare
    const expiresOn = Date.now() + 3_600_000;
    const office = officeContext(false, JSON.stringify({ ok: true, accessToken: 'dialog-token', expiresOn, name: '王芳' }));
    const auth = createAuth({ host: 'office', apiUrl: () => '', office: office.context }) as EntraAuth;

    // Act
    const before = await auth.token().catch((e: unknown) => e);
    const user = await auth.signIn();
    const token = await auth.token();

    // Assess
    expect(before).toMatchObject({ name: 'SignInError', problem: 'required' });
    expect(office.opened).toEqual([['https://d111111abcdef8.cloudfront.net/dialog.html', { height: 60, width: 30, promptBeforeOpen: false }]]);
    expect(user).toEqual({ name: '王芳' });
    expect(token).toBe('dialog-token');
    expect(msal.created).toEqual([]);
  });

  it('reports the dialog’s failure and its closing as sign-in problems', async () => {
    // Prepare
    const failing = createAuth({ host: 'office', apiUrl: () => '', office: officeContext(false, JSON.stringify({ ok: false, message: 'AADSTS50011: redirect URI mismatch' })).context }) as EntraAuth;
    const closed = createAuth({ host: 'office', apiUrl: () => '', office: officeContext(false, null).context }) as EntraAuth;

    // Act
    const failure = await failing.signIn().catch((e: unknown) => e);
    const dismissed = await closed.signIn().catch((e: unknown) => e);

    // Assess
    expect(failure).toBeInstanceOf(SignInError);
    expect((failure as Error).message).toContain('登录失败：AADSTS50011: redirect URI mismatch');
    expect(describeFailure(failure).title).toBe('登录失败');
    expect(dismissed).toMatchObject({ problem: 'required', message: '登录窗口已关闭，未登录。' });
  });
});
