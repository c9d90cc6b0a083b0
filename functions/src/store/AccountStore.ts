/**
 * The service's own accounts (docs/identity.md): credentials and state on the user item, the
 * sign-in failure counter per login name, refresh-token families, and the account/sign-in audit
 * trail of each town. Passwords never reach this file; only their hashes do.
 */
import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Role } from '../auth/roles.js';
import { cancellationReasons } from './storeErrors.js';
import { queryUserItems, stateOf, userAuditPut, type AccountState } from './UserStore.js';

/** An account as stored, hash included (never answered to a client). */
export interface AccountRecord {
  login: string;
  name: string;
  town: string;
  role: Role;
  /** Derived from `disabled` and `mustChangePassword`. */
  state: AccountState;
  mustChangePassword: boolean;
  disabled: boolean;
  /** Absent for users who sign in with Entra ID. */
  passwordHash?: string;
  /** Raised by a password change, reset or disable: refresh tokens of an older epoch are void. */
  sessionEpoch: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** Consecutive sign-in failures of one login name. */
export interface FailureCounter {
  failures: number;
  /** Epoch milliseconds until which sign-in is refused; 0 when not locked. */
  lockedUntil: number;
}

/** A refresh-token family: one sign-in, rotated at every refresh. */
export interface RefreshFamily {
  familyId: string;
  login: string;
  /** SHA-256 (base64url) of the current token's secret. */
  secretHash: string;
  sessionEpoch: number;
  revoked: boolean;
  /** Epoch seconds. */
  expiresAt: number;
}

/** One entry of a town's account and sign-in audit trail. */
export interface AccountAuditEntry {
  at: string;
  action: string;
  /** Who did it: the login name (the account itself for sign-ins), or `cli:<user>`. */
  actor: string;
  /** The account concerned. */
  login: string;
  sourceIp: string | null;
  detail?: Record<string, unknown>;
}

/** Where and by whom a change was made, for the audit trail. */
export interface AuditContext {
  actor: string;
  sourceIp: string | null;
}

export class AccountExistsError extends Error {
  override readonly name = 'AccountExistsError';
}

export class AccountNotFoundError extends Error {
  override readonly name = 'AccountNotFoundError';
}

const USER_PK = 'USER';
const FAILURES_SK = 'FAILURES';
const REFRESH_SK = 'REFRESH';
const failureKey = (login: string) => ({ pk: `LOGIN#${login}`, sk: FAILURES_SK });
const familyKey = (familyId: string) => ({ pk: `REFRESH#${familyId}`, sk: REFRESH_SK });

export class AccountStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The account with this login name, or null. */
  async get(login: string): Promise<AccountRecord | null> {
    const answer = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: USER_PK, sk: login }, ConsistentRead: true }),
    );
    return answer.Item ? toAccount(answer.Item) : null;
  }

  /** The accounts of a town, ordered by login name. */
  async list(town: string): Promise<AccountRecord[]> {
    return (await queryUserItems(this.doc, this.tableName, town)).map(toAccount);
  }

  /** Creates an account; {@link AccountExistsError} when the login name is taken. */
  async create(
    account: { login: string; name: string; town: string; role: Role; passwordHash: string },
    at: Date,
    audit: AuditContext,
  ): Promise<AccountRecord> {
    const iso = at.toISOString();
    const record: AccountRecord = {
      ...account,
      state: 'must_change_password',
      mustChangePassword: true,
      disabled: false,
      sessionEpoch: 0,
      createdAt: iso,
      updatedAt: iso,
      updatedBy: audit.actor,
    };
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { pk: USER_PK, sk: account.login, type: 'user', oid: account.login, ...withoutState(record) },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            this.auditPut(account.town, iso, { action: 'account_create', login: account.login, ...audit, detail: { role: account.role } }),
          ],
        }),
      );
    } catch (error) {
      if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') throw new AccountExistsError(account.login);
      throw error;
    }
    return record;
  }

  /**
   * Changes an account's password hash, must-change flag or disabled flag, raising its session
   * epoch (every refresh token issued before is void) and appending `action` to its town's audit trail.
   */
  async update(
    account: AccountRecord,
    change: { passwordHash?: string; mustChangePassword?: boolean; disabled?: boolean },
    at: Date,
    action: string,
    audit: AuditContext,
  ): Promise<AccountRecord> {
    const iso = at.toISOString();
    const mustChangePassword = change.mustChangePassword ?? account.mustChangePassword;
    const disabled = change.disabled ?? account.disabled;
    const updated: AccountRecord = {
      ...account,
      ...(change.passwordHash === undefined ? {} : { passwordHash: change.passwordHash }),
      mustChangePassword,
      disabled,
      state: stateOf(mustChangePassword, disabled),
      sessionEpoch: account.sessionEpoch + 1,
      updatedAt: iso,
      updatedBy: audit.actor,
    };
    const hash = change.passwordHash === undefined ? '' : ', passwordHash = :hash';
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: { pk: USER_PK, sk: account.login },
                UpdateExpression: `SET mustChangePassword = :must, disabled = :disabled, sessionEpoch = :epoch, updatedAt = :at, updatedBy = :by${hash}`,
                ConditionExpression: 'attribute_exists(pk) AND town = :town',
                ExpressionAttributeValues: {
                  ':must': mustChangePassword,
                  ':disabled': disabled,
                  ':epoch': updated.sessionEpoch,
                  ':at': iso,
                  ':by': audit.actor,
                  ':town': account.town,
                  ...(change.passwordHash === undefined ? {} : { ':hash': change.passwordHash }),
                },
              },
            },
            this.auditPut(account.town, iso, { action, login: account.login, ...audit }),
          ],
        }),
      );
    } catch (error) {
      if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') throw new AccountNotFoundError(account.login);
      throw error;
    }
    return updated;
  }

  /** The failure counter of a login name (expired counters read as none). */
  async failures(login: string, nowMs: number): Promise<FailureCounter> {
    const answer = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: failureKey(login), ConsistentRead: true }));
    const item = answer.Item;
    if (!item || Number(item.expiresAt) * 1000 <= nowMs) return { failures: 0, lockedUntil: 0 };
    return { failures: Number(item.failures ?? 0), lockedUntil: Number(item.lockedUntil ?? 0) };
  }

  /**
   * Counts one more failure; the `maxFailures`-th locks the name until `nowMs + lockMs` and starts
   * the count anew. The counter is forgotten `keepMs` after the last failure (TTL).
   */
  async recordFailure(login: string, nowMs: number, rule: { maxFailures: number; lockMs: number; keepMs: number }): Promise<FailureCounter> {
    const current = await this.failures(login, nowMs);
    const failures = current.failures + 1;
    const locks = failures >= rule.maxFailures;
    const next: FailureCounter = locks ? { failures: 0, lockedUntil: nowMs + rule.lockMs } : { failures, lockedUntil: current.lockedUntil };
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...failureKey(login), type: 'login_failures', ...next, expiresAt: Math.ceil((nowMs + rule.keepMs) / 1000) },
      }),
    );
    return { failures, lockedUntil: next.lockedUntil };
  }

  /** Forgets the failures of a login name (a success, a reset). */
  async clearFailures(login: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: failureKey(login) }));
  }

  /** Starts a refresh-token family. */
  async createFamily(family: Omit<RefreshFamily, 'revoked'>): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...familyKey(family.familyId), type: 'refresh', ...family, revoked: false },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getFamily(familyId: string): Promise<RefreshFamily | null> {
    const answer = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: familyKey(familyId), ConsistentRead: true }));
    const item = answer.Item;
    if (!item) return null;
    return {
      familyId,
      login: String(item.login),
      secretHash: String(item.secretHash),
      sessionEpoch: Number(item.sessionEpoch),
      revoked: item.revoked === true,
      expiresAt: Number(item.expiresAt),
    };
  }

  /** Moves the family to a new secret if its current one is still `from`; false when another refresh won. */
  async rotateFamily(familyId: string, from: string, to: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: familyKey(familyId),
          UpdateExpression: 'SET secretHash = :to',
          ConditionExpression: 'secretHash = :from AND revoked = :false',
          ExpressionAttributeValues: { ':to': to, ':from': from, ':false': false },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Marks the family revoked (no-op when it does not exist). */
  async revokeFamily(familyId: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: familyKey(familyId),
          UpdateExpression: 'SET revoked = :true',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':true': true },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  /** Appends an entry to the town's account and sign-in audit trail. */
  async audit(town: string, entry: AccountAuditEntry): Promise<void> {
    await this.doc.send(new TransactWriteCommand({ TransactItems: [this.auditPut(town, entry.at, entry)] }));
  }

  /** The town's account and sign-in audit trail, newest first. */
  async listAudit(town: string, limit: number): Promise<AccountAuditEntry[]> {
    const answer = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `TOWN#${town}`, ':prefix': 'AUDIT#users#' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (answer.Items ?? []).map((item) => ({
      at: String(item.at),
      action: String(item.action),
      actor: String(item.actor),
      login: String(item.login ?? (item.detail as { oid?: string } | undefined)?.oid ?? ''),
      sourceIp: typeof item.sourceIp === 'string' ? item.sourceIp : null,
      ...(item.detail ? { detail: item.detail as Record<string, unknown> } : {}),
    }));
  }

  private auditPut(town: string, at: string, entry: Omit<AccountAuditEntry, 'at'>) {
    return userAuditPut(this.tableName, town, at, entry);
  }
}

/** The stored attributes: `state` is derived, not stored. */
function withoutState(record: AccountRecord): Omit<AccountRecord, 'state'> {
  const { state: _state, ...stored } = record;
  return stored;
}

function toAccount(item: Record<string, unknown>): AccountRecord {
  const login = String(item.sk);
  const mustChangePassword = item.mustChangePassword === true;
  const disabled = item.disabled === true;
  return {
    login,
    name: typeof item.name === 'string' ? item.name : login,
    town: String(item.town),
    role: item.role as Role,
    state: stateOf(mustChangePassword, disabled),
    mustChangePassword,
    disabled,
    ...(typeof item.passwordHash === 'string' ? { passwordHash: item.passwordHash } : {}),
    sessionEpoch: Number(item.sessionEpoch ?? 0),
    createdAt: String(item.createdAt ?? item.updatedAt),
    updatedAt: String(item.updatedAt),
    updatedBy: String(item.updatedBy),
  };
}
