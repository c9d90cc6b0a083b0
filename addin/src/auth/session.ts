/**
 * Sign-in with the accounts the service keeps (identity `local`, SPEC §6): login, the forced change of
 * a one-time password, the access token renewed through the rotating refresh token, sign-out.
 *
 * Tokens live in Web Storage, never in cookies: localStorage with 记住我, sessionStorage (this pane or
 * tab only) without. Keys are namespaced by the document's partition (`Office.context.partitionKey`,
 * where the host has one) and by the user, so two documents or two people never share a session.
 */
import * as z from 'zod/mini';
import { ApiError, createTransport, type ApiCall } from '../api/client.js';
import { SignInError } from './signInError.js';

/** Who is signed in, as the service answered at login. */
export interface SessionUser {
  login: string;
  name: string;
  role: string;
  town: string;
}

const UserSchema = z.object({ login: z.string(), name: z.string(), role: z.string(), town: z.string() });

/** What login and refresh answer (refresh may leave out the user and the password state). */
const TokensSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  expiresIn: z.number().check(z.positive()),
  refreshToken: z.string().check(z.minLength(1)),
  mustChangePassword: z.optional(z.boolean()),
  user: z.optional(UserSchema),
});

/** The session kept in storage. */
const StoredSchema = z.object({
  user: UserSchema,
  accessToken: z.string(),
  /** Epoch milliseconds, from the answer's `expiresIn` and this machine's clock (no skew with the server). */
  accessExpiresAt: z.number(),
  refreshToken: z.string(),
  mustChangePassword: z.boolean(),
});
type Stored = z.infer<typeof StoredSchema>;

const SIGN_IN_FIRST = '还没有登录：请在任务窗格（或网页版）中输入登录名和密码登录。';

/** The access token is renewed this long before it expires, so that a request never carries a dying one. */
const RENEW_BEFORE_MS = 60_000;

export interface LocalSessionOptions {
  apiUrl: () => string;
  /** localStorage (记住我) and sessionStorage (this pane only). */
  storage: { persistent: Storage; session: Storage };
  /** `Office.context.partitionKey`, when the host partitions storage per document. */
  partition?: string | undefined;
  fetch?: typeof fetch;
  /** Epoch milliseconds; injectable for tests. */
  now?: () => number;
}

export interface LocalSession {
  /** The signed-in user, the same object until the session changes (for React's useSyncExternalStore). */
  user(): SessionUser | null;
  /** Whether the one-time password must be changed before anything else. */
  mustChangePassword(): boolean;
  /** The login name last used on this machine, to fill in the form. */
  lastLogin(): string;
  /** Signs in; `remember` keeps the session (its refresh token) across restarts. Throws {@link SignInError} or ApiError (network). */
  signIn(login: string, password: string, remember: boolean): Promise<SessionUser>;
  /** Changes the password (also the forced change of a one-time password). Throws ApiError with the service's message. */
  changePassword(current: string, next: string): Promise<void>;
  /** A valid access token, renewed through the refresh token when expired or when `renew` asks. Never interactive. */
  token(options?: { renew?: boolean }): Promise<string>;
  /** Signs out at the service (revoking the refresh token) and forgets the session here, also when the service is unreachable. */
  signOut(): Promise<void>;
  /** Called whenever the user or the password state changes. */
  subscribe(listener: () => void): () => void;
}

/** The minutes a 423 answer says are left: the body's `minutesLeft`, else `Retry-After` (seconds). */
function minutesLeft(body: unknown, retryAfter: string | null): number | undefined {
  const stated = (body as { minutesLeft?: unknown } | null)?.minutesLeft;
  if (typeof stated === 'number' && stated > 0) return Math.ceil(stated);
  const seconds = Number(retryAfter);
  return retryAfter && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : undefined;
}

/** The Chinese sentence for a lockout. */
export function lockoutMessage(minutes: number | undefined): string {
  const wait = minutes ? `请 ${minutes} 分钟后再试` : '请 15 分钟后再试';
  return `密码连续输错次数过多，账号已暂时锁定，${wait}；忘记密码请找党政办秘书重置。`;
}

/** The Chinese sentence for a wrong login name or password, with the attempts left before the lock. */
function credentialsMessage(body: unknown): string {
  const left = (body as { attemptsLeft?: unknown } | null)?.attemptsLeft;
  const warning = typeof left === 'number' && left > 0 && left < 5 ? `再输错 ${left} 次，账号将被锁定 15 分钟。` : '';
  return `登录名或密码不正确。${warning}`;
}

export function createLocalSession(options: LocalSessionOptions): LocalSession {
  const now = options.now ?? Date.now;
  const { persistent, session } = options.storage;
  const prefix = `${options.partition ? `${options.partition}/` : ''}kh.auth.`;
  const CURRENT = `${prefix}current`;
  const LAST = `${prefix}last`;
  const recordKey = (login: string) => `${prefix}user.${login}`;
  const listeners = new Set<() => void>();
  let snapshot: { raw: string | null; state: Stored | null } = { raw: null, state: null };
  let refreshing: Promise<string> | null = null;

  /** The storage holding the current session: this pane's own sign-in first, else a remembered one. */
  function home(): Storage | null {
    if (session.getItem(CURRENT)) return session;
    return persistent.getItem(CURRENT) ? persistent : null;
  }

  function read(): Stored | null {
    const storage = home();
    const login = storage?.getItem(CURRENT);
    const raw = login ? (storage!.getItem(recordKey(login)) ?? null) : null;
    if (raw !== snapshot.raw) {
      let state: Stored | null = null;
      try {
        const parsed = raw ? StoredSchema.safeParse(JSON.parse(raw)) : null;
        state = parsed?.success ? parsed.data : null;
      } catch {
        // A damaged record is no session.
      }
      // The same user object across token renewals, so that the pane does not re-render for them.
      const before = snapshot.state?.user;
      if (state && before && JSON.stringify(before) === JSON.stringify(state.user)) state = { ...state, user: before };
      snapshot = { raw, state };
    }
    return snapshot.state;
  }

  const notify = () => listeners.forEach((listener) => listener());

  function write(state: Stored, storage: Storage): void {
    storage.setItem(recordKey(state.user.login), JSON.stringify(state));
    storage.setItem(CURRENT, state.user.login);
    persistent.setItem(LAST, state.user.login);
    notify();
  }

  /** Removes the current session from both storages; `quietly` when another is written next. */
  function forget(quietly = false): void {
    for (const storage of [session, persistent]) {
      const login = storage.getItem(CURRENT);
      if (login) storage.removeItem(recordKey(login));
      storage.removeItem(CURRENT);
    }
    if (!quietly) notify();
  }

  /** The session after a login or refresh answer. */
  function fromAnswer(answer: unknown, previous: Stored | null): Stored {
    const parsed = TokensSchema.safeParse(answer);
    const user = parsed.success ? (parsed.data.user ?? previous?.user) : undefined;
    if (!parsed.success || !user) throw new SignInError('failed', '登录失败：考核服务的应答不完整，请稍后重试或联系管理员。');
    return {
      user,
      accessToken: parsed.data.accessToken,
      accessExpiresAt: now() + parsed.data.expiresIn * 1000,
      refreshToken: parsed.data.refreshToken,
      mustChangePassword: parsed.data.mustChangePassword ?? previous?.mustChangePassword ?? false,
    };
  }

  async function refresh(): Promise<string> {
    // Read again: another pane of the same document may have rotated the refresh token meanwhile.
    const state = read();
    const storage = home();
    if (!state || !storage) throw new SignInError('required', SIGN_IN_FIRST);
    let answer: unknown;
    try {
      answer = await call('POST', '/v1/auth/refresh', { refreshToken: state.refreshToken }, { bearer: false });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 401 || error.status === 403)) {
        forget();
        throw new SignInError('expired', '登录已过期或已在别处退出，请重新登录。');
      }
      throw error;
    }
    const next = fromAnswer(answer, state);
    write(next, storage);
    return next.accessToken;
  }

  /** The access token, also of an account that must change its password (the password route takes it). */
  function accessToken(renew: boolean): Promise<string> {
    const state = read();
    if (!state) return Promise.reject(new SignInError('required', SIGN_IN_FIRST));
    if (!renew && state.accessExpiresAt - RENEW_BEFORE_MS > now()) return Promise.resolve(state.accessToken);
    // Requests made meanwhile share the one refresh: a rotated refresh token may be used once only.
    refreshing ??= refresh().finally(() => (refreshing = null));
    return refreshing;
  }

  /** Signs in; `remember` keeps the session in localStorage, else in this pane's sessionStorage. */
  async function signIn(login: string, password: string, remember: boolean): Promise<SessionUser> {
    let answer: unknown;
    try {
      answer = await call('POST', '/v1/auth/login', { login: login.trim(), password }, { bearer: false });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 401) throw new SignInError('credentials', credentialsMessage(error.body));
      if (error.status === 423) {
        const minutes = minutesLeft(error.body, error.retryAfter);
        throw new SignInError('locked', lockoutMessage(minutes), minutes);
      }
      if (error.status === 0) throw error;
      throw new SignInError('failed', error.message);
    }
    const state = fromAnswer(answer, null);
    forget(true);
    write(state, remember ? persistent : session);
    return state.user;
  }

  const call: ApiCall = createTransport({
    baseUrl: options.apiUrl,
    token: (asked) => accessToken(asked?.renew ?? false),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  return {
    user: () => read()?.user ?? null,
    mustChangePassword: () => read()?.mustChangePassword ?? false,
    lastLogin: () => persistent.getItem(LAST) ?? '',
    signIn,

    async changePassword(current, next) {
      const state = read();
      if (!state) throw new SignInError('required', SIGN_IN_FIRST);
      const remembered = home() === persistent;
      await call('POST', '/v1/auth/password', { currentPassword: current, newPassword: next });
      // The change revokes every refresh token of the account: sign in again with the new password.
      await signIn(state.user.login, next, remembered);
    },

    async token(asked) {
      if (read()?.mustChangePassword) throw new SignInError('must_change_password', '请先修改初始密码，再进行其他操作。');
      return accessToken(asked?.renew ?? false);
    },

    async signOut() {
      const state = read();
      try {
        if (state) await call('POST', '/v1/auth/logout', { refreshToken: state.refreshToken });
      } catch {
        // Unreachable or already revoked: the session is forgotten here all the same.
      } finally {
        forget();
      }
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
