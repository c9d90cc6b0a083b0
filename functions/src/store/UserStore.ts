import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../auth/roles.js';

/** A user of the service: the Entra object id (`oid`, or `sub` for other issuers), town and role. */
export interface UserRecord {
  oid: string;
  town: string;
  role: Role;
  updatedAt: string;
  updatedBy: string;
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

  /** Adds or replaces a user; `actor` names who did it in the audit trail. */
  async put(user: { oid: string; town: string; role: Role }, actor: string): Promise<UserRecord> {
    const at = this.now().toISOString();
    const record: UserRecord = { ...user, updatedAt: at, updatedBy: actor };
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: { pk: 'USER', sk: user.oid, type: 'user', ...record } } },
          this.auditPut(user.town, at, actor, 'user_set', { oid: user.oid, role: user.role }),
        ],
      }),
    );
    return record;
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
          this.auditPut(existing.town, at, actor, 'user_remove', { oid, role: existing.role }),
        ],
      }),
    );
    return existing;
  }

  /** All users, optionally of one town, ordered by oid. */
  async list(town?: string): Promise<UserRecord[]> {
    const users: UserRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'USER' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) users.push(toUser(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return town === undefined ? users : users.filter((user) => user.town === town);
  }

  private auditPut(town: string, at: string, actor: string, action: string, detail: Record<string, unknown>) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { pk: `TOWN#${town}`, sk: `AUDIT#users#${at}#${randomUUID()}`, type: 'audit', at, actor, action, detail },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }
}

function toUser(item: Record<string, unknown>): UserRecord {
  return {
    oid: String(item.oid),
    town: String(item.town),
    role: item.role as Role,
    updatedAt: String(item.updatedAt),
    updatedBy: String(item.updatedBy),
  };
}
