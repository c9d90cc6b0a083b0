import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpError } from './HttpError.js';

/** A JSON response of the HTTP API (payload v2). */
export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** The response for an {@link HttpError}: `{ code, message, ...details }`. */
export function errorResponse(error: HttpError, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return jsonResponse(
    error.statusCode,
    { code: error.code, message: error.message, ...error.details },
    { ...error.headers, ...headers },
  );
}
