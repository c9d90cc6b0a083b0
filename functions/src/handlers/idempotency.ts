import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpError } from '../http/HttpError.js';
import { header } from '../http/requestBody.js';
import type { IdempotencyClaim, StoredResponse } from '../store/IdempotencyStore.js';
import { isStoreUnavailable } from '../store/storeErrors.js';
import type { ServiceContext } from './serviceContext.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The `Idempotency-Key` header: printable ASCII, at most 255 characters; 400 otherwise. */
export function idempotencyKey(event: APIGatewayProxyEventV2WithJWTAuthorizer): string | undefined {
  const key = header(event, 'idempotency-key')?.trim();
  if (key === undefined || key === '') return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw new HttpError(400, 'invalid_idempotency_key', 'Idempotency-Key 只能包含可见的 ASCII 字符，且不超过 255 个字符（建议使用 UUID）。');
  }
  return key;
}

/** The stored form of a response, as the idempotency record keeps it. */
export function toStoredResponse(response: APIGatewayProxyStructuredResultV2): StoredResponse {
  const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k, String(v)]));
  return { statusCode: response.statusCode ?? 200, headers, body: response.body ?? '' };
}

/**
 * Runs `work` at most once per (caller, key): a retry with the same key and the same request
 * gets the first answer (header `Idempotent-Replayed: true`); the same key with another request
 * is 422; a retry while the first is still running is 409. `work` must write its answer with
 * `ctx.idempotency.completionWrites(claim, …)` in the transaction of its effects.
 */
export async function withIdempotency(
  ctx: ServiceContext,
  oid: string,
  key: string | undefined,
  requestDigest: string,
  work: (claim: IdempotencyClaim | null) => Promise<APIGatewayProxyStructuredResultV2>,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (key === undefined) return work(null);
  const outcome = await ctx.idempotency.claim(oid, key, requestDigest);
  switch (outcome.kind) {
    case 'replay':
      return { ...outcome.response, headers: { ...outcome.response.headers, 'idempotent-replayed': 'true' } };
    case 'in_progress':
      throw new HttpError(409, 'request_in_progress', '使用同一 Idempotency-Key 的请求正在处理，请稍后重试。', {}, { 'retry-after': '2' });
    case 'mismatch':
      throw new HttpError(422, 'idempotency_key_reused', '这个 Idempotency-Key 已用于另一个内容不同的请求，新请求请使用新的 Idempotency-Key。');
    case 'claimed':
      try {
        return await work(outcome.claim);
      } catch (error) {
        // A stalled store would hold the answer for another timeout: release in the background
        // (if the timed-out write lands later, either it or the release wins, never both).
        if (isStoreUnavailable(error)) void ctx.idempotency.release(outcome.claim);
        else await ctx.idempotency.release(outcome.claim);
        throw error;
      }
  }
}
