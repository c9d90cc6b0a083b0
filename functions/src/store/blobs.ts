/**
 * Large JSON values on DynamoDB items: gzipped, inline on the owning item when small, else split
 * into chunk items that are written **before** the transaction that writes their owner (a
 * transaction carries at most 4 MB and 100 items, so chunks cannot travel in it). The owner names
 * its chunks by a fresh blob id, so a value appears whole or not at all: until the owner's
 * transaction lands, no item points at the chunks and nothing reads them. Chunks expire (TTL)
 * unless that transaction lands; see {@link pendingChunks}.
 */
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StoredValueTooLargeError } from './storeErrors.js';
import { TTL_ATTRIBUTE } from './tableSchema.js';

/** Gzipped JSON stays on its owner item up to this size; larger values go to chunk items. */
const INLINE_LIMIT = 200 * 1024;
/** Chunk items stay well below DynamoDB's 400 KB item limit. */
const CHUNK_SIZE = 350 * 1024;
/**
 * Largest value stored (gzip bytes). A run of the largest requests that can be sent stores about
 * 3.8 MB, most of it the month's rows with their digests (docs/security.md, "Stored runs"); the
 * cap leaves twice that and keeps what a reader must unpack bounded. Beyond it: 413
 * `result_too_large`.
 */
export const MAX_BLOB_BYTES = 8 * 1024 * 1024;
/** The `type` of a chunk item. */
const CHUNK_TYPE = 'blob';
/**
 * A chunk whose owner does not expire is written with this TTL, which its owner's transaction
 * removes: chunks of a transaction that never landed (a timeout, the function dying) go away.
 */
const PENDING_CHUNK_SECONDS = 24 * 60 * 60;
/** BatchWriteItem takes at most 25 requests. */
const BATCH_WRITE_SIZE = 25;

/** A JSON value gzipped, either inline (one attribute) or split into chunk items. */
export interface PackedBlob {
  /**
   * Attributes to put on the owning item: `${name}` (inline bytes), or `${name}Chunks` (count)
   * and `${name}Blob` (the chunks' blob id).
   */
  attributes: Record<string, Uint8Array | number | string>;
  /** Chunk items: written by {@link writeChunks} before the owner, never inside its transaction. */
  chunkItems: Record<string, unknown>[];
  bytes: number;
}

/**
 * Gzips `value` as JSON for storage under attribute `name` of the item keyed `owner`; a large
 * value is split into chunk items keyed `BLOB#<fresh id>`, which carry `owner` (to find orphans)
 * and `extra` (e.g. the owner's TTL). Throws {@link StoredValueTooLargeError} over
 * {@link MAX_BLOB_BYTES}.
 */
export function packJson(
  value: unknown,
  name: string,
  owner: { pk: string; sk: string },
  extra: Record<string, unknown> = {},
): PackedBlob {
  const gz = gzipSync(JSON.stringify(value));
  if (gz.length > MAX_BLOB_BYTES) throw new StoredValueTooLargeError(gz.length);
  if (gz.length <= INLINE_LIMIT) return { attributes: { [name]: gz }, chunkItems: [], bytes: gz.length };
  const blobId = randomUUID();
  const chunkItems: Record<string, unknown>[] = [];
  for (let offset = 0, index = 0; offset < gz.length; offset += CHUNK_SIZE, index += 1) {
    chunkItems.push({
      pk: `BLOB#${blobId}`,
      sk: chunkKey(index),
      type: CHUNK_TYPE,
      owner: `${owner.pk} ${owner.sk}`,
      data: gz.subarray(offset, offset + CHUNK_SIZE),
      ...extra,
    });
  }
  return { attributes: { [`${name}Chunks`]: chunkItems.length, [`${name}Blob`]: blobId }, chunkItems, bytes: gz.length };
}

/** Whether a transaction item puts a chunk item (those are written before the transaction). */
export function isChunkPut(item: { Put?: { Item?: Record<string, unknown> } }): boolean {
  return item.Put?.Item?.type === CHUNK_TYPE;
}

/** A transaction item's update that removes a pending chunk's TTL. */
interface ChunkClaim {
  TableName: string;
  Key: Record<string, unknown>;
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
}

/**
 * The chunk items to write before a transaction, those of an owner that does not expire with a
 * TTL of {@link PENDING_CHUNK_SECONDS}, and the transaction items that remove that TTL again
 * (each fails the transaction if its chunk is missing).
 */
export function pendingChunks(
  tableName: string,
  chunks: readonly Record<string, unknown>[],
  nowSeconds: number,
): { written: Record<string, unknown>[]; claims: { Update: ChunkClaim }[] } {
  const written: Record<string, unknown>[] = [];
  const claims: { Update: ChunkClaim }[] = [];
  for (const item of chunks) {
    if (TTL_ATTRIBUTE in item) {
      written.push(item);
      continue;
    }
    written.push({ ...item, [TTL_ATTRIBUTE]: nowSeconds + PENDING_CHUNK_SECONDS });
    claims.push({
      Update: {
        TableName: tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'REMOVE #ttl',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
      },
    });
  }
  return { written, claims };
}

/** Writes chunk items (outside any transaction), retrying what DynamoDB leaves unprocessed. */
export async function writeChunks(doc: DynamoDBDocumentClient, tableName: string, chunks: readonly Record<string, unknown>[]): Promise<void> {
  await batchWrite(doc, tableName, chunks.map((Item) => ({ PutRequest: { Item } })));
}

/** Deletes chunk items whose owner was certainly not written (its transaction was cancelled). */
export async function deleteChunks(doc: DynamoDBDocumentClient, tableName: string, chunks: readonly Record<string, unknown>[]): Promise<void> {
  await batchWrite(doc, tableName, chunks.map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })));
}

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

async function batchWrite(doc: DynamoDBDocumentClient, tableName: string, requests: WriteRequest[]): Promise<void> {
  let pending = requests;
  while (pending.length > 0) {
    const batch = pending.slice(0, BATCH_WRITE_SIZE);
    pending = pending.slice(BATCH_WRITE_SIZE);
    const answer = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: batch } }));
    pending = [...((answer.UnprocessedItems?.[tableName] ?? []) as WriteRequest[]), ...pending];
  }
}

/**
 * Reads back what {@link packJson} stored under `name` of `item`. Items written before blob ids
 * were fresh name no `${name}Blob`; their chunks are under `legacyBlobId`.
 */
export async function unpackJson<T>(
  doc: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
  name: string,
  legacyBlobId: string,
): Promise<T> {
  const inline = item[name];
  if (inline instanceof Uint8Array) return JSON.parse(gunzipSync(inline).toString('utf8')) as T;
  const count = Number(item[`${name}Chunks`] ?? 0);
  if (count === 0) throw new Error(`item has no blob ${name}`);
  const blobId = String(item[`${name}Blob`] ?? legacyBlobId);
  const keys = Array.from({ length: count }, (_, index) => ({ pk: `BLOB#${blobId}`, sk: chunkKey(index) }));
  const parts = new Map<string, Uint8Array>();
  let pending = keys;
  while (pending.length > 0) {
    const batch = pending.slice(0, 100);
    pending = pending.slice(100);
    const answer = await doc.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: batch, ConsistentRead: true } } }),
    );
    for (const row of answer.Responses?.[tableName] ?? []) parts.set(String(row.sk), row.data as Uint8Array);
    const unprocessed = answer.UnprocessedKeys?.[tableName]?.Keys ?? [];
    pending = [...(unprocessed as typeof keys), ...pending];
  }
  const ordered = keys.map((key) => {
    const part = parts.get(key.sk);
    if (!part) throw new Error(`blob ${blobId} misses chunk ${key.sk}`);
    return part;
  });
  return JSON.parse(gunzipSync(Buffer.concat(ordered)).toString('utf8')) as T;
}

function chunkKey(index: number): string {
  return String(index).padStart(4, '0');
}
