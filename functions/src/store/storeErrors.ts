/** Errors of the store and how to tell an unreachable DynamoDB from a real fault. */

const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
]);
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

/**
 * Whether an error means "DynamoDB cannot answer right now" (connection refused, timeouts,
 * throttling, 5xx): the request may succeed when retried, so the API answers 503.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof StoreContentionError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown };
  if (e.name && UNAVAILABLE_NAMES.has(e.name)) return true;
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return e.cause !== undefined && e.cause !== error && isStoreUnavailable(e.cause);
}

/** Whether the store refused the connection: the request never reached DynamoDB, so nothing was written. */
export function isConnectionRefused(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: string; cause?: unknown };
  if (e.code === 'ECONNREFUSED') return true;
  return e.cause !== undefined && e.cause !== error && isConnectionRefused(e.cause);
}

/** Too many concurrent writers on one item; the caller may retry shortly. */
export class StoreContentionError extends Error {
  override readonly name = 'StoreContentionError';
}

/** A value to store is larger than one DynamoDB transaction can carry. */
export class StoredValueTooLargeError extends Error {
  override readonly name = 'StoredValueTooLargeError';

  constructor(readonly bytes: number) {
    super(`stored value of ${bytes} bytes exceeds the transaction budget`);
  }
}

/** Which items of a cancelled transaction failed their condition (indexes into the write list). */
export function cancellationReasons(error: unknown): string[] | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e.name !== 'TransactionCanceledException') return null;
  return (e.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
}
