import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
} from 'aws-lambda';
import type { VerifiedClaims } from '../auth/verifyToken.js';

/**
 * Reads a request body, keeping at most `maxBytes`. Returns null, without reading further, when
 * the body is declared or found larger (the caller answers 413 and drops the rest).
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) return Promise.resolve(null);
  // Listeners, not an async iterator: leaving an iterator early destroys the stream, and with it the socket.
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off('data', onData).off('end', onEnd).off('error', onError);
      request.pause();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      stop();
      resolveBody(null);
    };
    const onEnd = () => {
      stop();
      resolveBody(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    request.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** What the adapter knows about a matched request. */
export interface AdaptedRequest {
  request: IncomingMessage;
  url: URL;
  body: Buffer;
  routeKey: string;
  pathParameters: Record<string, string>;
  claims: VerifiedClaims;
}

/**
 * Builds the HTTP API payload v2 event API Gateway would send for this request: lowercase
 * headers, URL-decoded `rawPath` and path parameters, repeated query parameters joined with
 * commas, text bodies as is and other bodies (gzip) base64-encoded, and the verified JWT claims
 * in `requestContext.authorizer.jwt`.
 */
export function toHttpApiEvent(adapted: AdaptedRequest): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { request, url, body } = adapted;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const text = isPlainText(body, headers['content-encoding']);
  const now = new Date();
  const rawPath = safeDecode(url.pathname);
  const claims = Object.fromEntries(
    Object.entries(adapted.claims).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]),
  );
  return {
    version: '2.0',
    routeKey: adapted.routeKey,
    rawPath,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    pathParameters: Object.keys(adapted.pathParameters).length > 0 ? adapted.pathParameters : undefined,
    body: body.length === 0 ? undefined : text ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: body.length > 0 && !text,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: adapted.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: null } },
    },
  };
}

/** Writes a Lambda proxy result (structured or a bare value, as API Gateway accepts both) to the response. */
export function writeResult(response: ServerResponse, result: APIGatewayProxyResultV2): void {
  if (typeof result === 'string' || typeof result !== 'object' || result === null || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  response.writeHead(result.statusCode ?? 200, headers).end(body);
}

/** Decodes percent-encoding like API Gateway; keeps the raw text when it is not valid. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isPlainText(body: Buffer, contentEncoding: string | undefined): boolean {
  if (contentEncoding && contentEncoding.trim().toLowerCase() !== 'identity') return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}
