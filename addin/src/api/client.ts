/**
 * The add-in's one door to the HTTP API (SPEC §6). Every request carries the bearer token;
 * large bodies travel gzip-compressed; every failure becomes an {@link ApiError} with a Chinese
 * message the user can act on.
 */
import { emptyResult } from '../../../functions/src/domain/emptyResult.js';
import { MAX_REQUEST_BYTES, requestTooLargeMessage } from '../../../functions/src/domain/limits.js';
import type { CorrectionDiff } from '../../../functions/src/domain/correction.js';
import type { AssessmentResult, Grid } from '../../../functions/src/domain/types.js';
import type { RunSummary } from '../../../functions/src/store/AssessmentStore.js';

export type { CorrectionDiff, RunSummary };

/** A correction (更正) of a finalised month: who opened it, why, and the version it makes. */
export interface CorrectionInfo {
  version: number;
  reason: string;
  openedBy: string;
  openedAt: string;
  /** The differences its approval would make; null until the month is recomputed. */
  diff: CorrectionDiff | null;
}

/** A failed call: `status` 0 when the service could not be reached at all. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The answer's JSON body, when it had one. */
    readonly body: unknown = null,
    /** The answer's `Retry-After` header (503, 423). */
    readonly retryAfter: string | null = null,
  ) {
    super(message);
  }
}

/** Body of validate and compute. */
export interface AssessmentRequest {
  town: string;
  month?: string;
  grids: Grid[];
}

/** The answer of validate and compute, whatever the route's own wrapping. */
export interface AssessmentAnswer {
  result: AssessmentResult;
  /** The stored run (compute only). */
  runId: string | null;
  /** Whether the month is 定稿 (finalised). */
  finalized: boolean;
}

/** The month's state: draft, 定稿 by whom and when, or 更正中; with the result shown. */
export interface MonthInfo {
  town: string;
  month: string;
  state: 'draft' | 'final' | 'correcting';
  /** The finalised version shown (0 before the 定稿). */
  version: number;
  /** The open correction (state 更正中). */
  correction: CorrectionInfo | null;
  finalized: { runId: string; finalizedBy: string; finalizedAt: string } | null;
  latestRun: { runId: string; at: string; by: string; status: AssessmentResult['status']; summary: RunSummary } | null;
  result: AssessmentResult | null;
}

/** One computed month in the town's history. */
export interface MonthHistory {
  month: string;
  state: 'draft' | 'final' | 'correcting';
  finalizedBy: string | null;
  finalizedAt: string | null;
  latestRunAt: string;
  latestStatus: AssessmentResult['status'];
  summary: RunSummary;
}

/** The 定稿 as made (or found made) by finalize. */
export interface Finalization {
  month: string;
  created: boolean;
  /** The version made (1 for the 定稿, n+1 for an approved correction). */
  version: number;
  runId: string;
  finalizedBy: string;
  finalizedAt: string;
}

export interface ApiClient {
  validate(request: AssessmentRequest): Promise<AssessmentAnswer>;
  compute(request: AssessmentRequest): Promise<AssessmentAnswer>;
  /** 定稿 (秘书, 书记, 镇长), or the approval of an open correction (书记, 镇长). */
  finalize(town: string, month: string, runId?: string): Promise<Finalization>;
  /** Opens a correction of a finalised month (秘书). */
  openCorrection(town: string, month: string, reason: string): Promise<{ version: number }>;
  month(town: string, month: string): Promise<MonthInfo | null>;
  history(town: string, year: number): Promise<MonthHistory[]>;
}

export interface ApiClientOptions {
  /** Base address of the API, e.g. `https://localhost:3000`, or where to read it on every call. */
  baseUrl: string | (() => string);
  /**
   * A bearer token for each request. Asked again with `renew` once when the service answers 401 (the
   * token expired or was revoked early), and the request is retried once with the renewed token.
   */
  token: (options?: { renew?: boolean }) => Promise<string>;
  fetch?: typeof fetch;
}

/** How one request is made: `accept` lets an error answer through (409 finalized_month_changed); `bearer: false` sends no token (sign-in). */
export interface CallOptions {
  accept?: (error: ApiError, body: unknown) => boolean;
  bearer?: boolean;
}

/** Sends one request to the API and answers its JSON body, or throws an {@link ApiError}. */
export type ApiCall = <T>(method: 'GET' | 'POST', path: string, request?: unknown, options?: CallOptions) => Promise<T>;

/** Bodies above this size are gzip-compressed (the service accepts `Content-Encoding: gzip`). */
const GZIP_FROM_BYTES = 32 * 1024;

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const STATUS_MESSAGES: Record<number, string> = {
  401: '登录已失效，请重新登录后再试。',
  403: '您没有执行此操作的权限，请联系党政办开通。',
  404: '考核服务没有找到所请求的内容。',
  413: '工作簿数据太大，超过了考核服务的上限。',
  429: '请求过于频繁，请稍后再试。',
};

type ErrorBody = { code?: unknown; message?: unknown; result?: AssessmentResult; runId?: string; finalized?: boolean };

/** Turns an HTTP failure into an ApiError, preferring the service's own Chinese message. */
function failure(response: Response, body: ErrorBody): ApiError {
  const code = typeof body.code === 'string' ? body.code : `http_${response.status}`;
  const message =
    typeof body.message === 'string' && body.message
      ? body.message
      : (STATUS_MESSAGES[response.status] ?? `考核服务出错（HTTP ${response.status}），请稍后重试。`);
  return new ApiError(response.status, code, message, body, response.headers.get('retry-after'));
}

/**
 * The requests every part of the add-in makes (assessments, sign-in, accounts): base address, bearer
 * token with one retry on 401, gzip, size limit, and Chinese errors.
 */
export function createTransport(options: ApiClientOptions): ApiCall {
  const baseOf = typeof options.baseUrl === 'string' ? () => options.baseUrl as string : options.baseUrl;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function encode(request: unknown, headers: Record<string, string>): Promise<BodyInit | undefined> {
    if (request === undefined) return undefined;
    const text = JSON.stringify(request);
    headers['content-type'] = 'application/json; charset=utf-8';
    let payload: string | Uint8Array = text;
    if (text.length > GZIP_FROM_BYTES && typeof CompressionStream !== 'undefined') {
      headers['content-encoding'] = 'gzip';
      payload = await gzip(text);
    }
    const size = typeof payload === 'string' ? payload.length : payload.byteLength;
    // The service's body limit (domain/limits.ts), checked before anything is sent.
    if (size > MAX_REQUEST_BYTES) throw new ApiError(413, 'payload_too_large', requestTooLargeMessage(size));
    return payload as BodyInit;
  }

  return async function call<T>(method: 'GET' | 'POST', path: string, request?: unknown, callOptions: CallOptions = {}): Promise<T> {
    const base = baseOf().replace(/\/+$/, '');
    const headers: Record<string, string> = { accept: 'application/json' };
    const payload = await encode(request, headers);
    const bearer = callOptions.bearer ?? true;
    const send = async (renew: boolean): Promise<Response> => {
      if (bearer) headers.authorization = `Bearer ${await options.token(renew ? { renew } : undefined)}`;
      try {
        return await doFetch(`${base}${path}`, { method, headers, body: payload });
      } catch {
        throw new ApiError(0, 'network', `无法连接考核服务（${base}），请检查网络或在设置中核对服务地址。`);
      }
    };
    let response = await send(false);
    // A token refused before its time (expired early, revoked, a new key) is renewed once and the request retried.
    if (bearer && response.status === 401) response = await send(true);
    let body: unknown = null;
    try {
      body = (await response.json()) as unknown;
    } catch {
      // Not JSON (a proxy's error page, or 204): the status speaks.
    }
    if (!response.ok) {
      const error = failure(response, (body ?? {}) as ErrorBody);
      if (!callOptions.accept?.(error, body)) throw error;
    }
    return body as T;
  };
}

/** Creates the API client. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const call = createTransport(options);

  const seg = encodeURIComponent;
  // A 定稿 month whose entries changed answers 409 with the run and the changed cells as issues:
  // an input problem the user fixes, shown like any other issue list.
  const changedFinalMonth = (error: ApiError, body: unknown) =>
    error.code === 'finalized_month_changed' && typeof (body as ErrorBody | null)?.result === 'object';
  return {
    async validate(request) {
      type ValidateAnswer = Pick<AssessmentResult, 'status' | 'month' | 'issues' | 'issuesTruncated' | 'issueTotals'> & { finalized: boolean };
      const answer = await call<ValidateAnswer>('POST', '/v1/assessments/validate', request);
      const year = answer.month ? Number(answer.month.slice(0, 4)) : null;
      const { issuesTruncated, issueTotals } = answer;
      return {
        result: {
          ...emptyResult({ status: answer.status, town: request.town, year, month: answer.month }, answer.issues),
          ...(issueTotals ? { issuesTruncated, issueTotals } : {}),
        },
        runId: null,
        finalized: answer.finalized,
      };
    },
    async compute(request) {
      const answer = await call<{ runId: string; result: AssessmentResult; finalized: boolean }>(
        'POST',
        '/v1/assessments/compute',
        request,
        { accept: changedFinalMonth },
      );
      return { result: answer.result, runId: answer.runId, finalized: answer.finalized };
    },
    finalize: (town, month, runId) =>
      call('POST', `/v1/assessments/${seg(town)}/${seg(month)}/finalize`, runId ? { runId } : {}),
    openCorrection: (town, month, reason) => call('POST', `/v1/assessments/${seg(town)}/${seg(month)}/corrections`, { reason }),
    async month(town, month) {
      try {
        return await call<MonthInfo>('GET', `/v1/assessments/${seg(town)}/${seg(month)}`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    async history(town, year) {
      const answer = await call<{ months: MonthHistory[] }>('GET', `/v1/assessments/${seg(town)}/history?year=${year}`);
      return answer.months;
    },
  };
}

