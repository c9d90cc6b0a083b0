/**
 * A 秘书's management of her town's accounts (docs/identity.md) — also what `npm run users` and
 * `npm start` use: create with a one-time password, reset, disable, enable, list, audit trail.
 */
import { HttpError } from '../http/HttpError.js';
import {
  AccountExistsError,
  type AccountAuditEntry,
  type AccountRecord,
  type AccountStore,
  type AuditContext,
} from '../store/AccountStore.js';
import { generateOneTimePassword, type PasswordHasher } from './passwords.js';
import type { Role } from './roles.js';

/** What a client may see of an account. */
export interface PublicUser {
  login: string;
  name: string;
  role: Role;
  town: string;
}

/** An account as the 账号 tab shows it. */
export interface AccountView extends PublicUser {
  state: AccountRecord['state'];
  lockedMinutesLeft: number | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

const LOGIN_PATTERN = /^[^\s/\\]{1,32}$/u;

/** The stored form of a login name: trimmed, NFKC, lower case; null when it cannot be one. */
export function normaliseLogin(login: string): string | null {
  const normal = login.trim().normalize('NFKC').toLowerCase();
  return LOGIN_PATTERN.test(normal) ? normal : null;
}

export const publicUser = (account: AccountRecord): PublicUser => ({
  login: account.login,
  name: account.name,
  role: account.role,
  town: account.town,
});

/** Whole minutes left until `untilMs`, at least 1. */
export const minutesUntil = (untilMs: number, nowMs: number): number => Math.max(1, Math.ceil((untilMs - nowMs) / 60_000));

const notFound = (login: string, town: string) => new HttpError(404, 'account_not_found', `「${town}」没有账号「${login}」。`);

export interface AccountAdminOptions {
  accounts: AccountStore;
  hasher: PasswordHasher;
  now?: () => Date;
}

export class AccountAdmin {
  private readonly now: () => Date;

  constructor(private readonly options: AccountAdminOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** The accounts of the 秘书's town. */
  async listAccounts(town: string): Promise<AccountView[]> {
    const nowMs = this.now().getTime();
    const accounts = await this.options.accounts.list(town);
    return Promise.all(accounts.map(async (account) => this.view(account, nowMs)));
  }

  /** Creates an account with a one-time password (answered once, never stored in clear). */
  async createAccount(
    town: string,
    input: { login: string; name?: string | undefined; role: Role },
    audit: AuditContext,
  ): Promise<{ account: AccountView; oneTimePassword: string }> {
    const login = normaliseLogin(input.login);
    if (!login) throw new HttpError(422, 'invalid_login', `登录名「${input.login}」不可用：应为 1–32 个字符，不含空格和斜杠。`);
    const oneTimePassword = generateOneTimePassword();
    const at = this.now();
    try {
      const account = await this.options.accounts.create(
        { login, name: input.name?.trim() || input.login.trim(), town, role: input.role, passwordHash: await this.options.hasher.hash(oneTimePassword) },
        at,
        audit,
      );
      return { account: await this.view(account, at.getTime()), oneTimePassword };
    } catch (error) {
      if (error instanceof AccountExistsError) throw new HttpError(409, 'account_exists', `登录名「${login}」已被使用，请换一个。`);
      throw error;
    }
  }

  /** A new one-time password: the account must change it, its lock is lifted and its refresh tokens revoked. */
  async resetPassword(town: string, login: string, audit: AuditContext): Promise<{ account: AccountView; oneTimePassword: string }> {
    const account = await this.accountOf(town, login);
    const oneTimePassword = generateOneTimePassword();
    const at = this.now();
    const passwordHash = await this.options.hasher.hash(oneTimePassword);
    const updated = await this.options.accounts.update(account, { passwordHash, mustChangePassword: true }, at, 'password_reset', audit);
    await this.options.accounts.clearFailures(account.login);
    return { account: await this.view(updated, at.getTime()), oneTimePassword };
  }

  /** Disables or enables an account; a 秘书 cannot disable herself. */
  async setDisabled(town: string, login: string, disabled: boolean, audit: AuditContext): Promise<AccountView> {
    const account = await this.accountOf(town, login);
    if (disabled && account.login === audit.actor) {
      throw new HttpError(409, 'cannot_disable_self', '不能停用自己的账号；请由本镇另一位秘书操作。');
    }
    const at = this.now();
    const updated = await this.options.accounts.update(account, { disabled }, at, disabled ? 'account_disable' : 'account_enable', audit);
    return this.view(updated, at.getTime());
  }

  /** The town's account and sign-in audit trail, newest first. */
  listAudit(town: string, limit: number): Promise<AccountAuditEntry[]> {
    return this.options.accounts.listAudit(town, limit);
  }

  private async accountOf(town: string, login: string): Promise<AccountRecord> {
    const name = normaliseLogin(login);
    const account = name ? await this.options.accounts.get(name) : null;
    if (!account || account.town !== town) throw notFound(login, town);
    return account;
  }

  private async view(account: AccountRecord, nowMs: number): Promise<AccountView> {
    const { lockedUntil } = await this.options.accounts.failures(account.login, nowMs);
    return {
      ...publicUser(account),
      state: account.state,
      lockedMinutesLeft: lockedUntil > nowMs ? minutesUntil(lockedUntil, nowMs) : null,
      createdAt: account.createdAt,
      updatedAt: account.updatedAt,
      updatedBy: account.updatedBy,
    };
  }

  /**
   * The town's first 秘书 (`<town>秘书`), created with a one-time password when the town has no
   * 秘书 account yet; otherwise the existing one's login, without a password.
   */
  async ensureFirstSecretary(town: string, audit: AuditContext): Promise<{ login: string; oneTimePassword: string | null }> {
    const existing = (await this.options.accounts.list(town)).find((account) => account.role === '秘书' && account.passwordHash);
    if (existing) return { login: existing.login, oneTimePassword: null };
    const created = await this.createAccount(town, { login: `${town}秘书`, role: '秘书' }, audit);
    return { login: created.account.login, oneTimePassword: created.oneTimePassword };
  }

  /** The account with this login name in any town (the command line names no town). */
  async find(login: string): Promise<AccountRecord | null> {
    const name = normaliseLogin(login);
    return name ? this.options.accounts.get(name) : null;
  }
}
