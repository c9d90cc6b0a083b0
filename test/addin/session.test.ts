import { describe, expect, it } from 'vitest';
import { ApiError, createTransport } from '../../addin/src/api/client.js';
import { createLocalSession, type LocalSession } from '../../addin/src/auth/session.js';
import { SignInError } from '../../addin/src/auth/signInError.js';
import { FakeIdentityService } from './fakeIdentityService.js';
import { memoryStorage } from './memoryStorage.js';

const API = 'https://kaohe.example.cn';

/** A session against `service`, on the service's clock, with its own two storages. */
function sessionOf(service: FakeIdentityService, partition?: string, storage = { persistent: memoryStorage(), session: memoryStorage() }) {
  const session = createLocalSession({ apiUrl: () => API, storage, partition, fetch: service.fetch, now: () => service.now });
  return { session, storage };
}

/** A protected request through the add-in's transport, with the session's token. */
const ping = (service: FakeIdentityService, session: LocalSession) =>
  createTransport({ baseUrl: API, token: (options) => session.token(options), fetch: service.fetch })<{ login: string }>('GET', '/v1/ping');

const paths = (service: FakeIdentityService) => service.requests.map((r) => r.path);

describe('signing in with the service’s accounts', () => {
  it('keeps the session in localStorage with 记住我, namespaced by partition and user', async () => {
    // Prepare
    const service = new FakeIdentityService();
    service.add('王芳', 'Huaqiao2026');
    const { session, storage } = sessionOf(service, 'doc-7');
    const seen: (string | undefined)[] = [];
    session.subscribe(() => seen.push(session.user()?.login));

    // Act
    const user = await session.signIn(' 王芳 ', 'Huaqiao2026', true);
    const answered = await ping(service, session);

    // Assess
    expect(user).toEqual({ login: '王芳', name: '王芳', role: '秘书', town: '花桥街镇' });
    expect(answered).toEqual({ login: '王芳' });
    expect(service.requests[0]!.body).toEqual({ login: '王芳', password: 'Huaqiao2026' });
    expect(service.requests[1]!.authorization).toMatch(/^Bearer at-/);
    expect(seen).toEqual(['王芳']);
    expect(storage.persistent.getItem('doc-7/kh.auth.current')).toBe('王芳');
    expect(JSON.parse(storage.persistent.getItem('doc-7/kh.auth.user.王芳')!)).toMatchObject({ refreshToken: expect.stringMatching(/^f\d+\.rt-/) });
    expect(storage.session.length).toBe(0);
    expect(sessionOf(service, 'doc-8', storage).session.user()).toBeNull();
    expect(sessionOf(service, 'doc-7', storage).session.user()).toEqual(user);
  });

  it('keeps the session of this pane only without 记住我, and never a password', async () => {
    // Prepare
    const service = new FakeIdentityService();
    service.add('王芳', 'Huaqiao2026');
    const { session, storage } = sessionOf(service);

    // Act
    await session.signIn('王芳', 'Huaqiao2026', false);

    // Assess
    expect(storage.session.getItem('kh.auth.current')).toBe('王芳');
    expect(storage.persistent.getItem('kh.auth.current')).toBeNull();
    expect(storage.persistent.getItem('kh.auth.last')).toBe('王芳');
    const everything = [storage.session, storage.persistent].flatMap((s) => Array.from({ length: s.length }, (_, i) => s.getItem(s.key(i)!)));
    expect(everything.join('\n')).not.toContain('Huaqiao2026');
    expect(sessionOf(service, undefined, { persistent: storage.persistent, session: memoryStorage() }).session.user()).toBeNull();
  });

  it('says the same for an unknown name and a wrong password, with the attempts left', async () => {
    // Prepare
    const service = new FakeIdentityService();
    service.add('王芳', 'Huaqiao2026');
    const { session } = sessionOf(service);

    // Act
    const wrong = await session.signIn('王芳', 'wrong', false).catch((e: unknown) => e);
    const unknown = await session.signIn('李四', 'wrong', false).catch((e: unknown) => e);

    // Assess
    expect(wrong).toBeInstanceOf(SignInError);
    expect(wrong).toMatchObject({ problem: 'credentials', message: '登录名或密码不正确。再输错 4 次，账号将被锁定 15 分钟。' });
    expect(unknown).toMatchObject({ problem: 'credentials' });
    expect(session.user()).toBeNull();
  });

  it('shows a lockout with the minutes left, from the body or from Retry-After', async () => {
    // Prepare
    const service = new FakeIdentityService();
    service.add('王芳', 'Huaqiao2026');
    const { session } = sessionOf(service);
    for (let i = 0; i < 5; i += 1) await session.signIn('王芳', 'wrong', false).catch(() => undefined);
    service.now += 4 * 60_000;
    const headerOnly = createLocalSession({
      apiUrl: () => API,
      storage: { persistent: memoryStorage(), session: memoryStorage() },
      fetch: (async () => new Response('{}', { status: 423, headers: { 'retry-after': '61' } })) as typeof fetch,
    });

    // Act
    const locked = await session.signIn('王芳', 'Huaqiao2026', false).catch((e: unknown) => e);
    const fromHeader = await headerOnly.signIn('王芳', 'x', false).catch((e: unknown) => e);

    // Assess
    expect(locked).toMatchObject({ problem: 'locked', minutesLeft: 11 });
    expect((locked as Error).message).toBe('密码连续输错次数过多，账号已暂时锁定，请 11 分钟后再试；忘记密码请找党政办秘书重置。');
    expect(fromHeader).toMatchObject({ problem: 'locked', minutesLeft: 2 });
  });
});

describe('the access token', () => {
  it('is renewed through the refresh token once for concurrent requests when it expires', async () => {
    // Prepare
    const service = new FakeIdentityService();
    service.add('王芳', 'Huaqiao2026');
    const { session, storage } = sessionOf(service);
    await session.signIn('王芳', 'Huaqiao2026', true);
    const first = await session.token();
    const firstRefresh = JSON.parse(storage.persistent.getItem('kh.auth.user.王芳')!).refreshToken as string;
    const user = session.user();
    service.now += 3600_000 - 30_000;

    // Act
    const tokens = await Promise.all([session.token(), session.token(), ping(service, session)]);

    // Assess
    expect(paths(service).filter((p) => p === '/v1/auth/refresh')).toHaveLength(1);
    expect(tokens[0]).not.toBe(first);
    expect(tokens[1]).toBe(tokens[0]);
    expect(tokens[2]).toEqual({ login: '王芳' });
    expect(service.requests.find((r) => r.path === '/v1/auth/refresh')!.body).toEqual({ refreshToken: firstRefresh });
    expect(JSON.parse(storage.persistent.getItem('kh.auth.user.王芳')!).refreshToken).not.toBe(firstRefresh);
    expect(session.user()).toBe(user);
  });

  it('is renewed and the request retried once when the service answers 401 before its time', async () => {
    // Prepare
    const service = new FakeIdentityService();
    service.add('王芳', 'Huaqiao2026');
    const { session } = sessionOf(service);
    await session.signIn('王芳', 'Huaqiao2026', false);
    service.revokeAccessTokens();

    // Act
    const answered = await ping(service, session);

    // Assess
    expect(answered).toEqual({ login: '王芳' });
    expect(paths(service)).toEqual(['/v1/auth/login', '/v1/ping', '/v1/auth/refresh', '/v1/ping']);
  });

  it('retries a 401 only once', async () => {
    // Prepare
    const service = new FakeIdentityService();
    const asked: (boolean | undefined)[] = [];
    const call = createTransport({
      baseUrl: API,
      token: async (options) => (asked.push(options?.renew), 'never-valid'),
      fetch: service.fetch,
    });

    // Act
    const error = await call('GET', '/v1/ping').catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, message: '未登录或登录已失效，请重新登录。' });
    expect(asked).toEqual([undefined, true]);
    expect(paths(service)).toEqual(['/v1/ping', '/v1/ping']);
  });

  it('ends the session when the refresh token was reused elsewhere, telling the pane', async () => {
    // Prepare
    const service = new FakeIdentityService();
    service.add('王芳', 'Huaqiao2026');
    const { session, storage } = sessionOf(service);
    await session.signIn('王芳', 'Huaqiao2026', true);
    const stolen = JSON.parse(storage.persistent.getItem('kh.auth.user.王芳')!).refreshToken as string;
    await service.fetch(`${API}/v1/auth/refresh`, { method: 'POST', body: JSON.stringify({ refreshToken: stolen }) });
    service.now += 3600_000;
    let told = 0;
    session.subscribe(() => (told += 1));

    // Act
    const error = await ping(service, session).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(SignInError);
    expect(error).toMatchObject({ problem: 'expired', message: '登录已过期或已在别处退出，请重新登录。' });
    expect(session.user()).toBeNull();
    expect(storage.persistent.getItem('kh.auth.user.王芳')).toBeNull();
    expect(told).toBe(1);
  });

  it('is refused before sign-in without asking the service', async () => {
    // Prepare
    const service = new FakeIdentityService();
    const { session } = sessionOf(service);

    // Act
    const error = await session.token().catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'SignInError', problem: 'required' });
    expect(service.requests).toHaveLength(0);
  });
});

describe('a one-time password', () => {
  it('must be changed before anything else, then the pane signs in again with the new one', async () => {
    // Prepare
    const service = new FakeIdentityService();
    service.add('李明', 'k7PqR2xZ9mWa', '组长', true);
    const { session, storage } = sessionOf(service);
    await session.signIn('李明', 'k7PqR2xZ9mWa', true);

    // Act
    const blocked = await session.token().catch((e: unknown) => e);
    const weak = await session.changePassword('k7PqR2xZ9mWa', 'short').catch((e: unknown) => e);
    await session.changePassword('k7PqR2xZ9mWa', 'Liming2026');
    const answered = await ping(service, session);

    // Assess
    expect(blocked).toMatchObject({ problem: 'must_change_password' });
    expect(weak).toMatchObject({ status: 422, message: '新密码至少 8 个字符。' });
    expect(session.mustChangePassword()).toBe(false);
    expect(answered).toEqual({ login: '李明' });
    const change = service.requests.find((r) => r.path === '/v1/auth/password' && r.body?.newPassword === 'Liming2026')!;
    expect(change.body).toEqual({ currentPassword: 'k7PqR2xZ9mWa', newPassword: 'Liming2026' });
    expect(change.authorization).toMatch(/^Bearer at-/);
    expect(paths(service).slice(-3)).toEqual(['/v1/auth/password', '/v1/auth/login', '/v1/ping']);
    expect(storage.persistent.getItem('kh.auth.current')).toBe('李明');
  });
});

describe('signing out', () => {
  it('revokes the refresh token at the service and forgets the session', async () => {
    // Prepare
    const service = new FakeIdentityService();
    service.add('王芳', 'Huaqiao2026');
    const { session, storage } = sessionOf(service);
    await session.signIn('王芳', 'Huaqiao2026', true);
    const refreshToken = JSON.parse(storage.persistent.getItem('kh.auth.user.王芳')!).refreshToken as string;

    // Act
    await session.signOut();
    const reused = await service.fetch(`${API}/v1/auth/refresh`, { method: 'POST', body: JSON.stringify({ refreshToken }) });

    // Assess
    expect(service.requests.find((r) => r.path === '/v1/auth/logout')).toMatchObject({ body: { refreshToken }, authorization: expect.stringMatching(/^Bearer /) });
    expect(reused.status).toBe(401);
    expect(session.user()).toBeNull();
    expect(storage.persistent.getItem('kh.auth.current')).toBeNull();
    expect(session.lastLogin()).toBe('王芳');
  });

  it('forgets the session also when the service cannot be reached', async () => {
    // Prepare
    const service = new FakeIdentityService();
    service.add('王芳', 'Huaqiao2026');
    let online = true;
    const storage = { persistent: memoryStorage(), session: memoryStorage() };
    const session = createLocalSession({
      apiUrl: () => API,
      storage,
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        if (!online) throw new TypeError('Failed to fetch');
        return service.fetch(input, init);
      }) as typeof fetch,
    });
    await session.signIn('王芳', 'Huaqiao2026', false);
    online = false;

    // Act
    await session.signOut();

    // Assess
    expect(session.user()).toBeNull();
    expect(storage.session.length).toBe(0);
  });
});
