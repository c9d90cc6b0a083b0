import { gunzipSync, gzipSync } from 'node:zlib';
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StoredValueTooLargeError } from './storeErrors.js';

/** Gzipped JSON stays on its owner item up to this size; larger values go to chunk items. */
const INLINE_LIMIT = 200 * 1024;
/** Chunk items stay well below DynamoDB's 400 KB item limit. */
const CHUNK_SIZE = 350 * 1024;
/** A transaction carries at most 4 MB; leave room for the other items written with it. */
const MAX_BLOB_BYTES = 3 * 1024 * 1024;

/** A JSON value gzipped, either inline (one attribute) or split into `chunks` items. */
export interface PackedBlob {
  /** Attributes to put on the owning item: `${name}` (inline bytes) or `${name}Chunks` (count). */
  attributes: Record<string, Uint8Array | number>;
  /** Chunk items to write in the same transaction as the owner. */
  chunkItems: Record<string, unknown>[];
  bytes: number;
}

/**
 * Gzips `value` as JSON for storage under attribute `name` of an item; large values are split
 * into chunk items keyed `BLOB#<blobId>` that must be written in the same transaction.
 */
export function packJson(value: unknown, name: string, blobId: string): PackedBlob {
  const gz = gzipSync(JSON.stringify(value));
  if (gz.length > MAX_BLOB_BYTES) throw new StoredValueTooLargeError(gz.length);
  if (gz.length <= INLINE_LIMIT) return { attributes: { [name]: gz }, chunkItems: [], bytes: gz.length };
  const chunkItems: Record<string, unknown>[] = [];
  for (let offset = 0, index = 0; offset < gz.length; offset += CHUNK_SIZE, index += 1) {
    chunkItems.push({ pk: `BLOB#${blobId}`, sk: String(index).padStart(4, '0'), data: gz.subarray(offset, offset + CHUNK_SIZE) });
  }
  return { attributes: { [`${name}Chunks`]: chunkItems.length }, chunkItems, bytes: gz.length };
}

/** Reads back what {@link packJson} stored under `name` of `item`. */
export async function unpackJson<T>(
  doc: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
  name: string,
  blobId: string,
): Promise<T> {
  const inline = item[name];
  if (inline instanceof Uint8Array) return JSON.parse(gunzipSync(inline).toString('utf8')) as T;
  const count = Number(item[`${name}Chunks`] ?? 0);
  if (count === 0) throw new Error(`item has no blob ${name}`);
  const keys = Array.from({ length: count }, (_, index) => ({ pk: `BLOB#${blobId}`, sk: String(index).padStart(4, '0') }));
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
