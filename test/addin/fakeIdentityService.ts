/**
 * The sign-in routes of docs/identity.md as a `fetch`, for the pane's token module: login with the
 * 5-wrong-passwords lockout, rotating refresh tokens with reuse detection, password change revoking
 * every refresh token, logout, and one protected route (`GET /v1/ping`) that checks the bearer token.
 * The real routes are tested against DynamoDB Local in the service's own suites; this stands in for them
 * where the pane's behaviour is under test.
 */

interface FakeAccount {
  login: string;
  name: string;
  role: string;
  town: string;
  password: string;
  mustChangePassword: boolean;
  failures: number;
  lockedUntil: number;
}

export interface Request {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown> | null;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  status === 204
    ? new Response(null, { status })
    : new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export class FakeIdentityService {
  readonly requests: Request[] = [];
  /** Epoch milliseconds of the service's clock. */
  now = Date.parse('2026-12-02T08:00:00Z');
  /** Seconds an access token lives. */
  accessSeconds = 3600;
  private readonly accounts = new Map<string, FakeAccount>();
  /** Access tokens by value: login and expiry. */
  private readonly access = new Map<string, { login: string; exp: number }>();
  /** Refresh tokens by value: family, spent. */
  private readonly refresh = new Map<string, { login: string; family: string; spent: boolean }>();
  private readonly revokedFamilies = new Set<string>();
  private counter = 0;

  add(login: string, password: string, role = '秘书', mustChangePassword = false): void {
    this.accounts.set(login, { login, name: login, role, town: '花桥街镇', password, mustChangePassword, failures: 0, lockedUntil: 0 });
  }

  /** Ends every access token now (as a new signing key would). */
  revokeAccessTokens(): void {
    this.access.clear();
  }

  private issue(account: FakeAccount, family = `f${(this.counter += 1)}`) {
    const accessToken = `at-${(this.counter += 1)}`;
    const refreshToken = `${family}.rt-${(this.counter += 1)}`;
    this.access.set(accessToken, { login: account.login, exp: this.now + this.accessSeconds * 1000 });
    this.refresh.set(refreshToken, { login: account.login, family, spent: false });
    const { login, name, role, town } = account;
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.accessSeconds,
      refreshToken,
      refreshExpiresIn: 2_592_000,
      mustChangePassword: account.mustChangePassword,
      user: { login, name, role, town },
    };
  }

  private bearer(request: Request): FakeAccount | null {
    const token = request.authorization?.replace(/^Bearer /, '') ?? '';
    const found = this.access.get(token);
    return found && found.exp > this.now ? (this.accounts.get(found.login) ?? null) : null;
  }

  private revokeAll(login: string): void {
    for (const [token, entry] of this.refresh) if (entry.login === login) this.refresh.delete(token);
  }

  readonly fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const request: Request = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      authorization: headers.authorization,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null,
    };
    this.requests.push(request);
    return this.answer(request);
  }) as typeof fetch;

  private answer(request: Request): Response {
    const body = request.body ?? {};
    switch (request.path) {
      case '/v1/auth/login': {
        const account = this.accounts.get(String(body.login));
        if (account && account.lockedUntil > this.now) {
          const minutesLeft = Math.ceil((account.lockedUntil - this.now) / 60_000);
          return json(423, { code: 'account_locked', message: `密码连续输错 5 次，账号已锁定，请 ${minutesLeft} 分钟后再试。`, minutesLeft });
        }
        if (!account || account.password !== body.password) {
          if (account) {
            account.failures += 1;
            if (account.failures >= 5) account.lockedUntil = this.now + 15 * 60_000;
          }
          return json(401, { code: 'invalid_credentials', message: '登录名或密码不正确。', attemptsLeft: Math.max(0, 5 - (account?.failures ?? 0)) });
        }
        account.failures = 0;
        return json(200, this.issue(account));
      }
      case '/v1/auth/refresh': {
        const entry = this.refresh.get(String(body.refreshToken));
        if (!entry || this.revokedFamilies.has(entry.family)) return json(401, { code: 'invalid_refresh_token', message: '登录已失效，请重新登录。' });
        if (entry.spent) {
          this.revokedFamilies.add(entry.family);
          return json(401, { code: 'refresh_token_reused', message: '登录凭据被重复使用，已全部失效，请重新登录。' });
        }
        entry.spent = true;
        return json(200, this.issue(this.accounts.get(entry.login)!, entry.family));
      }
      case '/v1/auth/password': {
        const account = this.bearer(request);
        if (!account) return json(401, { code: 'unauthorized', message: '未登录或登录已失效，请重新登录。' });
        if (account.password !== body.currentPassword) return json(401, { code: 'invalid_credentials', message: '当前密码不正确。' });
        if (String(body.newPassword).length < 8) return json(422, { code: 'weak_password', message: '新密码至少 8 个字符。' });
        account.password = String(body.newPassword);
        account.mustChangePassword = false;
        this.revokeAll(account.login);
        return json(200, { user: { login: account.login }, mustChangePassword: false });
      }
      case '/v1/auth/logout': {
        if (!this.bearer(request)) return json(401, { code: 'unauthorized', message: '未登录或登录已失效，请重新登录。' });
        const entry = this.refresh.get(String(body.refreshToken));
        if (entry) this.revokedFamilies.add(entry.family);
        return json(204, null);
      }
      case '/v1/ping': {
        const account = this.bearer(request);
        if (!account) return json(401, { code: 'unauthorized', message: '未登录或登录已失效，请重新登录。' });
        if (account.mustChangePassword) return json(403, { code: 'password_change_required', message: '首次登录或密码已被重置，请先修改密码。' });
        return json(200, { login: account.login });
      }
      default:
        return json(404, { code: 'not_found', message: '没有这个地址。' });
    }
  }
}
