import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { encodeAnswer } from '../http/answerEncoding.js';
import { corsHeaders } from '../http/cors.js';
import { HttpError } from '../http/HttpError.js';
import { header } from '../http/requestBody.js';
import { errorResponse } from '../http/responses.js';
import { ConcurrentRequestError } from '../store/AssessmentStore.js';
import { StoredValueTooLargeError, isConnectionRefused, isStoreUnavailable } from '../store/storeErrors.js';
import { serviceContext, type ServiceContext } from './serviceContext.js';

/** What a route's logic receives. */
export interface RouteRequest {
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
  ctx: ServiceContext;
  /** Logger carrying the request id and route on every line. */
  logger: Logger;
}

export type RouteLogic = (request: RouteRequest) => Promise<APIGatewayProxyStructuredResultV2>;

const RETRY_AFTER_SECONDS = 5;

/**
 * Wraps a route's logic into a Lambda handler: structured logs with the request id, metrics,
 * CORS for the add-in's origin, large answers gzip-compressed when accepted (`answerEncoding.ts`),
 * and the error mapping — an {@link HttpError} is its own answer, an unreachable DynamoDB is 503
 * with `Retry-After`, anything else is logged and answered 500.
 */
export function httpHandler(
  route: string,
  logic: RouteLogic,
): (event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<APIGatewayProxyResultV2> {
  return async (event) => {
    const ctx = serviceContext();
    const requestId = event.requestContext?.requestId || randomUUID();
    const logger = ctx.logger.createChild({ persistentKeys: { requestId, route } });
    const started = performance.now();
    let response: APIGatewayProxyStructuredResultV2;
    try {
      response = await logic({ event, ctx, logger });
    } catch (error) {
      response = errorToResponse(error, logger, requestId);
    }
    const statusCode = response.statusCode ?? 200;
    const durationMs = Math.round(performance.now() - started);
    logger.info('request handled', { statusCode, durationMs });
    ctx.metrics.addDimension('route', route);
    ctx.metrics.addMetric(statusCode >= 500 ? 'ServerErrors' : statusCode >= 400 ? 'ClientErrors' : 'Successes', MetricUnit.Count, 1);
    ctx.metrics.addMetric('Latency', MetricUnit.Milliseconds, durationMs);
    ctx.metrics.publishStoredMetrics();
    return encodeAnswer(
      { ...response, headers: { ...response.headers, ...corsHeaders(header(event, 'origin'), ctx.allowedOrigin), 'x-request-id': requestId } },
      header(event, 'accept-encoding'),
    );
  };
}

function errorToResponse(error: unknown, logger: Logger, requestId: string): APIGatewayProxyStructuredResultV2 {
  if (error instanceof HttpError) {
    logger.info('request refused', { code: error.code, statusCode: error.statusCode });
    return errorResponse(error);
  }
  if (isStoreUnavailable(error)) {
    logger.warn('store unavailable', { error: error as Error });
    // A refused connection wrote nothing; a call that timed out may still be applied by DynamoDB.
    const message = isConnectionRefused(error)
      ? `数据服务暂时不可用，本次请求没有保存任何内容，请约 ${RETRY_AFTER_SECONDS} 秒后重试。`
      : `数据服务没有及时响应，本次请求可能已经生效，也可能没有。请约 ${RETRY_AFTER_SECONDS} 秒后重试：重试是安全的，不会重复定稿，重试的答复会说明实际结果。`;
    return errorResponse(
      new HttpError(
        503,
        'service_unavailable',
        message,
        { retryAfterSeconds: RETRY_AFTER_SECONDS },
        { 'retry-after': String(RETRY_AFTER_SECONDS) },
      ),
    );
  }
  if (error instanceof ConcurrentRequestError) {
    return errorResponse(
      new HttpError(409, 'request_in_progress', '相同的请求正在由另一次调用处理，请稍后重试。', {}, { 'retry-after': '2' }),
    );
  }
  if (error instanceof StoredValueTooLargeError) {
    logger.warn('result too large to store', { bytes: error.bytes });
    return errorResponse(
      new HttpError(413, 'result_too_large', '计算结果过大，无法保存。请减少工作表中的无关数据后重试。', { bytes: error.bytes }),
    );
  }
  logger.error('unhandled error', { error: error as Error });
  return errorResponse(new HttpError(500, 'internal_error', `服务内部错误，请稍后重试。如果问题持续，请把请求编号 ${requestId} 告诉管理员。`));
}
