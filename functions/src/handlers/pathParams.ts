import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import * as z from 'zod/mini';
import { monthSchema, parseRequest, townSchema } from '../http/schemas.js';

/** `town` and `month` path parameters (API Gateway hands them over URL-decoded); 422 when malformed. */
export function monthPath(event: APIGatewayProxyEventV2WithJWTAuthorizer): { town: string; month: string } {
  return parseRequest(z.object({ town: townSchema, month: monthSchema }), event.pathParameters ?? {}, '路径参数');
}

/** The `town` path parameter alone. */
export function townPath(event: APIGatewayProxyEventV2WithJWTAuthorizer): string {
  return parseRequest(z.object({ town: townSchema }), event.pathParameters ?? {}, '路径参数').town;
}

/** `2015-04` → `2015年4月`. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
}
