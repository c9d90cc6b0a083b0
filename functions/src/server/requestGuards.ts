/**
 * What the local server answers before a request reaches a handler, as API Gateway would, always
 * with a Chinese JSON body: a body over the limit is 413 (the rest of the upload is read and
 * dropped, so the client sees the answer instead of a reset), an overlong address 414, headers
 * over Node's limit 431, an unparsable request 400.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpError, payloadTooLarge } from '../http/HttpError.js';
import { errorResponse } from '../http/responses.js';
import { writeResult } from './httpApiAdapter.js';

/** Longest request address (path and query) taken; API Gateway's own limit is of this order. */
export const MAX_URL_CHARS = 8_192;

/** How long the rest of an oversized upload is read and dropped before the connection is cut. */
const DRAIN_MS = 30_000;

/** 414 for an address over {@link MAX_URL_CHARS}; true when it answered. */
export function refuseLongUrl(request: IncomingMessage, response: ServerResponse): boolean {
  const length = request.url?.length ?? 0;
  if (length <= MAX_URL_CHARS) return false;
  const message = `请求地址有 ${length} 个字符，超过 ${MAX_URL_CHARS} 个字符的上限。`;
  writeResult(response, errorResponse(new HttpError(414, 'uri_too_long', message, { maxUrlChars: MAX_URL_CHARS })));
  return true;
}

/**
 * 413 for a body over `limit`. The connection stays open while the client finishes its upload
 * (Node reads and drops the rest), up to {@link DRAIN_MS}: cutting it at once would reset the
 * connection before the client read the answer.
 */
export function refuseOversizedBody(
  request: IncomingMessage,
  response: ServerResponse,
  limit: number,
  headers: Record<string, string>,
): void {
  writeResult(response, errorResponse(payloadTooLarge(limit), headers));
  if (request.complete) return;
  const cut = setTimeout(() => request.socket.destroy(), DRAIN_MS);
  cut.unref();
  request.once('end', () => clearTimeout(cut));
  request.once('close', () => clearTimeout(cut));
  request.resume();
}

/** The server's `clientError` handler: Node's parser refused the request (431 for headers, 400 otherwise). */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const [status, code, message] = tooLarge
    ? [431, 'headers_too_large', '请求头（含请求地址）过长，超过服务的上限。请缩短请求地址或减少请求头。']
    : [400, 'bad_request', '无法解析的 HTTP 请求。'];
  const body = JSON.stringify({ code, message });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      'content-type: application/json; charset=utf-8\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      'connection: close\r\n\r\n' +
      body,
  );
}
