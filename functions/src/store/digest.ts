import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string or bytes: input digests, row digests, idempotency request digests. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
