/**
 * The town's accounts (the 秘书's 账号 tab): list, create, reset the password, disable, enable.
 * Routes and shapes as in docs/identity.md.
 */
import type { Role } from '../../../functions/src/auth/roles.js';
import type { ApiCall } from './client.js';

export type AccountState = 'active' | 'must_change_password' | 'disabled';

/** One account as the service lists it. */
export interface Account {
  login: string;
  name: string;
  role: Role;
  town: string;
  state: AccountState;
  /** Minutes left of a lockout after wrong passwords; null when not locked. */
  lockedMinutesLeft: number | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** An account with the one-time password the service shows once (create, reset). */
export interface IssuedAccount {
  account: Account;
  oneTimePassword: string;
}

export interface NewAccount {
  login: string;
  name?: string;
  role: Role;
}

export interface AccountsApi {
  list(town: string): Promise<Account[]>;
  create(town: string, account: NewAccount): Promise<IssuedAccount>;
  reset(town: string, login: string): Promise<IssuedAccount>;
  disable(town: string, login: string): Promise<Account>;
  enable(town: string, login: string): Promise<Account>;
}

/** The accounts API over the add-in's transport (bearer token, retry on 401, Chinese errors). */
export function createAccountsApi(call: ApiCall): AccountsApi {
  const base = (town: string) => `/v1/towns/${encodeURIComponent(town)}/accounts`;
  const change = async (town: string, login: string, action: 'disable' | 'enable') =>
    (await call<{ account: Account }>('POST', `${base(town)}/${encodeURIComponent(login)}/${action}`, {})).account;
  return {
    list: async (town) => (await call<{ accounts: Account[] }>('GET', base(town))).accounts,
    create: (town, account) => call('POST', base(town), account),
    reset: (town, login) => call('POST', `${base(town)}/${encodeURIComponent(login)}/reset`, {}),
    disable: (town, login) => change(town, login, 'disable'),
    enable: (town, login) => change(town, login, 'enable'),
  };
}

/** The Chinese word for an account's state, and a lockout. */
export function accountStateText(account: Pick<Account, 'state' | 'lockedMinutesLeft'>): string {
  const state = { active: '正常', must_change_password: '待改初始密码', disabled: '已停用' }[account.state];
  return account.lockedMinutesLeft ? `${state}（锁定中，还剩 ${account.lockedMinutesLeft} 分钟）` : state;
}
