import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../auth/roles.js';

/** Whether an account may work: `must_change_password` may only change its password (docs/identity.md). */
export type AccountState = 'active' | 'must_change_password' | 'disabled';

/** The state the API shows for the stored flags. */
export function stateOf(mustChangePassword: boolean, disabled: boolean): AccountState {
  return disabled ? 'disabled' : mustChangePassword ? 'must_change_password' : 'active';
}

/**
 * A user of the service as every request sees it: the subject of the token (`oid` for Entra ID,
 * the login name for the service's own accounts), name, town, role and state.
 */
export interface UserRecord {
  oid: string;
  name: string;
  town: string;
  role: Role;
  state: AccountState;
  updatedAt: string;
  updatedBy: string;
}

/** The audit entry of a change to a town's users (account and sign-in trail, `AUDIT#users#…`). */
export function userAuditPut(tableName: string, town: string, at: string, entry: Record<string, unknown>) {
  return {
    Put: {
      TableName: tableName,
      Item: { pk: `TOWN#${town}`, sk: `AUDIT#users#${at}#${randomUUID()}`, type: 'audit', at, ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Users and their roles; every change also appends an audit entry to the user's town. */
export class UserStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The user with this oid, or null when not registered. */
  async get(oid: string): Promise<UserRecord | null> {
    const answer = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: 'USER', sk: oid } }));
    return answer.Item ? toUser(answer.Item) : null;
  }

  /**
   * Registers a user or changes their town and role (an Entra ID user, or a test's account without
   * a password); a password and state already set stay as they are. `actor` names who did it in the audit trail.
   */
  async put(user: { oid: string; town: string; role: Role }, actor: string): Promise<UserRecord> {
    const at = this.now().toISOString();
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: { pk: 'USER', sk: user.oid },
              UpdateExpression: 'SET #type = :type, oid = :oid, town = :town, #role = :role, updatedAt = :at, updatedBy = :by, createdAt = if_not_exists(createdAt, :at)',
              ExpressionAttributeNames: { '#type': 'type', '#role': 'role' },
              ExpressionAttributeValues: { ':type': 'user', ':oid': user.oid, ':town': user.town, ':role': user.role, ':at': at, ':by': actor },
            },
          },
          userAuditPut(this.tableName, user.town, at, { actor, action: 'user_set', login: user.oid, detail: { role: user.role } }),
        ],
      }),
    );
    return (await this.get(user.oid))!;
  }

  /** Removes a user; returns the removed record, or null when there was none. */
  async remove(oid: string, actor: string): Promise<UserRecord | null> {
    const existing = await this.get(oid);
    if (!existing) return null;
    const at = this.now().toISOString();
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.tableName, Key: { pk: 'USER', sk: oid } } },
          userAuditPut(this.tableName, existing.town, at, { actor, action: 'user_remove', login: oid, detail: { role: existing.role } }),
        ],
      }),
    );
    return existing;
  }

  /** All users, optionally of one town, ordered by oid. */
  async list(town?: string): Promise<UserRecord[]> {
    return (await queryUserItems(this.doc, this.tableName, town)).map(toUser);
  }
}

/** Every user item (`pk = USER`), optionally only those of one town, in sort-key order. */
export async function queryUserItems(doc: DynamoDBDocumentClient, tableName: string, town?: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ...(town === undefined ? {} : { FilterExpression: 'town = :town' }),
        ExpressionAttributeValues: { ':pk': 'USER', ...(town === undefined ? {} : { ':town': town }) },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

function toUser(item: Record<string, unknown>): UserRecord {
  const oid = String(item.oid ?? item.sk);
  return {
    oid,
    name: typeof item.name === 'string' ? item.name : oid,
    town: String(item.town),
    role: item.role as Role,
    state: stateOf(item.mustChangePassword === true, item.disabled === true),
    updatedAt: String(item.updatedAt),
    updatedBy: String(item.updatedBy),
  };
}
