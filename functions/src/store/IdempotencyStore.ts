import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { packJson, unpackJson } from './blobs.js';

/** How long a key remembers its answer (the `expiresAt` TTL). */
const RETENTION_SECONDS = 24 * 60 * 60;
/** How long a claim blocks retries while its first request runs; after that a retry may take over. */
const LEASE_MS = 60_000;

/** The answer remembered for a key. */
export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** A key this request holds while it runs. */
export interface IdempotencyClaim {
  pk: string;
  claimId: string;
  requestDigest: string;
}

export type ClaimOutcome =
  | { kind: 'claimed'; claim: IdempotencyClaim }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

/**
 * `Idempotency-Key` support: the first request claims the key with a conditional put; its
 * answer is written in the same transaction as its effects ({@link completionWrites}), so a
 * retry either finds the answer or finds nothing done. Keys are scoped to the caller.
 */
export class IdempotencyStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Claims `key` for a request whose content hashes to `requestDigest`. */
  async claim(oid: string, key: string, requestDigest: string): Promise<ClaimOutcome> {
    const pk = `IDEMPOTENCY#${oid}#${key}`;
    const nowMs = this.now().getTime();
    const claimId = randomUUID();
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk,
            sk: 'IDEMPOTENCY',
            type: 'idempotency',
            state: 'pending',
            claimId,
            requestDigest,
            leaseUntil: nowMs + LEASE_MS,
            expiresAt: Math.floor(nowMs / 1000) + RETENTION_SECONDS,
          },
          // TTL deletion is lazy, so an expired record counts as absent; so does an abandoned claim.
          ConditionExpression:
            'attribute_not_exists(pk) OR expiresAt < :nowSeconds OR (#state = :pending AND leaseUntil < :nowMs AND requestDigest = :digest)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':nowSeconds': Math.floor(nowMs / 1000),
            ':nowMs': nowMs,
            ':pending': 'pending',
            ':digest': requestDigest,
          },
        }),
      );
      return { kind: 'claimed', claim: { pk, claimId, requestDigest } };
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
    const existing = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk, sk: 'IDEMPOTENCY' }, ConsistentRead: true }),
    );
    const item = existing.Item;
    if (!item) return this.claim(oid, key, requestDigest);
    if (item.requestDigest !== requestDigest) return { kind: 'mismatch' };
    if (item.state !== 'done') return { kind: 'in_progress' };
    const response = await unpackJson<StoredResponse>(this.doc, this.tableName, item, 'response', `${pk}#${String(item.claimId)}`);
    return { kind: 'replay', response };
  }

  /**
   * Transaction items that record `response` as the answer of `claim`; they fail the whole
   * transaction if the claim was taken over meanwhile. A large answer's chunk items are among
   * them (the store writes those before the transaction); they expire with the record.
   */
  completionWrites(claim: IdempotencyClaim, response: StoredResponse): Record<string, unknown>[] {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    const packed = packJson(response, 'response', { pk: claim.pk, sk: 'IDEMPOTENCY' }, { expiresAt: nowSeconds + RETENTION_SECONDS });
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            pk: claim.pk,
            sk: 'IDEMPOTENCY',
            type: 'idempotency',
            state: 'done',
            claimId: claim.claimId,
            requestDigest: claim.requestDigest,
            statusCode: response.statusCode,
            expiresAt: nowSeconds + RETENTION_SECONDS,
            ...packed.attributes,
          },
          ConditionExpression: 'claimId = :claimId',
          ExpressionAttributeValues: { ':claimId': claim.claimId },
        },
      },
      ...packed.chunkItems.map((item) => ({ Put: { TableName: this.tableName, Item: item } })),
    ];
  }

  /** Gives a claim up after a failure, so a retry runs the request again. Best effort. */
  async release(claim: IdempotencyClaim): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: claim.pk, sk: 'IDEMPOTENCY' },
          ConditionExpression: 'claimId = :claimId AND #state = :pending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':claimId': claim.claimId, ':pending': 'pending' },
        }),
      );
    } catch {
      // The lease expires on its own; a failed release only delays a retry.
    }
  }
}
