/**
 * Sign-in, refresh, sign-out and password change (docs/identity.md), over the account store, the
 * password hasher and the token signer. Answers refusals as
 * {@link HttpError}s with Chinese messages.
 */
import { randomBytes } from 'node:crypto';
import { HttpError } from '../http/HttpError.js';
import type { AccountRecord, AccountStore } from '../store/AccountStore.js';
import type { UserRecord } from '../store/UserStore.js';
import { accountDisabled } from './caller.js';
import { minutesUntil, normaliseLogin, publicUser, type PublicUser } from './accountAdmin.js';
import { passwordProblem, unmatchableHash, type PasswordHasher } from './passwords.js';
import { ACCESS_TOKEN_SECONDS, sha256Base64url, signAccessToken, type TokenSigner } from './tokenSigner.js';

/** 5 wrong passwords in a row lock a login name for 15 minutes; failures are forgotten after a day. */
export const LOCKOUT = { maxFailures: 5, lockMs: 15 * 60_000, keepMs: 24 * 60 * 60_000 } as const;
/** A sign-in's refresh tokens live 30 days. */
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 60 * 60;

/** The answer of a sign-in or a refresh. */
export interface TokenAnswer {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  mustChangePassword: boolean;
  user: PublicUser;
}

export interface AuthServiceOptions {
  accounts: AccountStore;
  hasher: PasswordHasher;
  signer: TokenSigner;
  /** The `iss` of the tokens: the API's own URL. */
  issuer: string;
  audience: string;
  now?: () => Date;
  /** Told about failures that have no town to audit in (unknown login names). */
  onUnknownLogin?: (login: string, sourceIp: string | null) => void;
}

const invalidCredentials = (attemptsLeft: number) =>
  new HttpError(401, 'invalid_credentials', `登录名或密码不正确。再输错 ${attemptsLeft} 次，账号将锁定 ${LOCKOUT.lockMs / 60_000} 分钟。`, {
    attemptsLeft,
  });
const locked = (minutesLeft: number) =>
  new HttpError(423, 'account_locked', `密码连续输错 ${LOCKOUT.maxFailures} 次，账号已锁定，请 ${minutesLeft} 分钟后再试。`, { minutesLeft });
const invalidRefresh = () => new HttpError(401, 'invalid_refresh_token', '登录已过期或已退出，请重新登录。');
const reusedRefresh = () =>
  new HttpError(401, 'refresh_token_reused', '检测到登录凭据被重复使用，为安全起见已退出该登录，请重新登录并修改密码。');

export class AuthService {
  private readonly now: () => Date;
  /** Verified for a login name without an account, so that it costs a real verification. */
  private readonly decoyHash = unmatchableHash();

  constructor(private readonly options: AuthServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** `POST /v1/auth/login`. Unknown names and wrong passwords answer alike, lockout included. */
  async login(login: string, password: string, sourceIp: string | null): Promise<TokenAnswer> {
    const { accounts } = this.options;
    const name = normaliseLogin(login) ?? login;
    const account = await accounts.get(name);
    const at = this.now();
    await this.refuseWhileLocked(name, account, at, sourceIp);
    const verified = await this.checkPassword(name, account, password, at, sourceIp);
    // Only after a correct password: saying so earlier would tell which names exist.
    if (verified.disabled) {
      await this.audit(verified, at, 'login_failure', sourceIp, { reason: 'disabled' });
      throw accountDisabled();
    }
    const answer = await this.startSession(verified, at);
    await this.audit(verified, at, 'login_success', sourceIp);
    return answer;
  }

  /** `POST /v1/auth/refresh`: rotates the token; a spent one revokes its family. */
  async refresh(refreshToken: string, sourceIp: string | null): Promise<TokenAnswer> {
    const { accounts } = this.options;
    const at = this.now();
    const parsed = parseRefreshToken(refreshToken);
    const family = parsed && (await accounts.getFamily(parsed.familyId));
    if (!parsed || !family || family.revoked || family.expiresAt * 1000 <= at.getTime()) throw invalidRefresh();
    const account = await accounts.get(family.login);
    if (sha256Base64url(parsed.secret) !== family.secretHash) {
      await accounts.revokeFamily(family.familyId);
      if (account) await this.audit(account, at, 'refresh_reuse', sourceIp);
      throw reusedRefresh();
    }
    if (!account || account.sessionEpoch !== family.sessionEpoch) throw invalidRefresh();
    if (account.disabled) throw accountDisabled();
    const secret = randomSecret();
    if (!(await accounts.rotateFamily(family.familyId, family.secretHash, sha256Base64url(secret)))) {
      // Another refresh with the same token won the race: one of the two is a copy.
      await accounts.revokeFamily(family.familyId);
      await this.audit(account, at, 'refresh_reuse', sourceIp);
      throw reusedRefresh();
    }
    return this.tokenAnswer(account, at, `${family.familyId}.${secret}`, family.expiresAt - Math.floor(at.getTime() / 1000));
  }

  /** `POST /v1/auth/logout`: revokes the refresh token's family if it is the caller's. */
  async logout(caller: UserRecord, refreshToken: string, sourceIp: string | null): Promise<void> {
    const { accounts } = this.options;
    const parsed = parseRefreshToken(refreshToken);
    const family = parsed && (await accounts.getFamily(parsed.familyId));
    if (!family || family.login !== caller.oid || family.revoked) return;
    await accounts.revokeFamily(family.familyId);
    const account = await accounts.get(caller.oid);
    if (account) await this.audit(account, this.now(), 'logout', sourceIp);
  }

  /** `POST /v1/auth/password`: every refresh token of the account is revoked. */
  async changePassword(caller: UserRecord, currentPassword: string, newPassword: string, sourceIp: string | null): Promise<PublicUser> {
    const { accounts, hasher } = this.options;
    const account = await accounts.get(caller.oid);
    if (!account?.passwordHash) {
      throw new HttpError(409, 'no_password', '此账号通过单位的 Microsoft 账户登录，没有本服务的密码。');
    }
    const at = this.now();
    await this.refuseWhileLocked(account.login, account, at, sourceIp);
    await this.checkPassword(account.login, account, currentPassword, at, sourceIp);
    const problem = passwordProblem(newPassword, account.login, currentPassword);
    if (problem) throw new HttpError(422, 'weak_password', problem);
    const updated = await accounts.update(
      account,
      { passwordHash: await hasher.hash(newPassword), mustChangePassword: false },
      at,
      'password_change',
      { actor: account.login, sourceIp },
    );
    return publicUser(updated);
  }

  /** 423 while the name is locked, whatever the password. */
  private async refuseWhileLocked(name: string, account: AccountRecord | null, at: Date, sourceIp: string | null): Promise<void> {
    const { lockedUntil } = await this.options.accounts.failures(name, at.getTime());
    if (lockedUntil <= at.getTime()) return;
    if (account) await this.audit(account, at, 'login_refused_locked', sourceIp);
    throw locked(minutesUntil(lockedUntil, at.getTime()));
  }

  /**
   * Verifies the password (against a decoy hash for an unknown name: the same work), counts a
   * failure and throws 401, or 423 for the failure that locks. Clears the count after a success
   * and returns the account.
   */
  private async checkPassword(
    name: string,
    account: AccountRecord | null,
    password: string,
    at: Date,
    sourceIp: string | null,
  ): Promise<AccountRecord> {
    const { accounts, hasher } = this.options;
    const matches = await hasher.verify(password, account?.passwordHash ?? this.decoyHash);
    const nowMs = at.getTime();
    if (matches && account?.passwordHash) {
      await accounts.clearFailures(name);
      return account;
    }
    const counter = await accounts.recordFailure(name, nowMs, LOCKOUT);
    const nowLocked = counter.lockedUntil > nowMs;
    if (account) {
      await this.audit(account, at, 'login_failure', sourceIp, { failures: counter.failures });
      if (nowLocked) await this.audit(account, at, 'login_locked', sourceIp, { minutes: LOCKOUT.lockMs / 60_000 });
    } else {
      this.options.onUnknownLogin?.(name, sourceIp);
    }
    if (nowLocked) throw locked(minutesUntil(counter.lockedUntil, nowMs));
    throw invalidCredentials(LOCKOUT.maxFailures - counter.failures);
  }

  private async startSession(account: AccountRecord, at: Date): Promise<TokenAnswer> {
    const familyId = randomSecret(16);
    const secret = randomSecret();
    await this.options.accounts.createFamily({
      familyId,
      login: account.login,
      secretHash: sha256Base64url(secret),
      sessionEpoch: account.sessionEpoch,
      expiresAt: Math.floor(at.getTime() / 1000) + REFRESH_TOKEN_SECONDS,
    });
    return this.tokenAnswer(account, at, `${familyId}.${secret}`, REFRESH_TOKEN_SECONDS);
  }

  private async tokenAnswer(account: AccountRecord, at: Date, refreshToken: string, refreshExpiresIn: number): Promise<TokenAnswer> {
    const accessToken = await signAccessToken(this.options.signer, {
      issuer: this.options.issuer,
      audience: this.options.audience,
      subject: account.login,
      issuedAt: Math.floor(at.getTime() / 1000),
    });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_SECONDS,
      refreshToken,
      refreshExpiresIn,
      mustChangePassword: account.mustChangePassword,
      user: publicUser(account),
    };
  }

  private audit(account: AccountRecord, at: Date, action: string, sourceIp: string | null, detail?: Record<string, unknown>): Promise<void> {
    return this.options.accounts.audit(account.town, {
      at: at.toISOString(),
      action,
      actor: account.login,
      login: account.login,
      sourceIp,
      ...(detail ? { detail } : {}),
    });
  }
}

function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

function parseRefreshToken(token: string): { familyId: string; secret: string } | null {
  const match = /^([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{16,128})$/.exec(token.trim());
  return match ? { familyId: match[1]!, secret: match[2]! } : null;
}
