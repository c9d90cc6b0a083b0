/**
 * Gzip for large answers. Lambda refuses responses over 6 MB, and JSON answers compress about
 * tenfold: when the request accepts gzip (browsers' fetch always does and decompresses
 * transparently, as does Node's), a body above {@link GZIP_MIN_BYTES} is sent gzip-compressed,
 * base64 in the Lambda result (`isBase64Encoded`), which API Gateway's HTTP API sends as bytes.
 */
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { header } from './requestBody.js';

/** Smallest body worth compressing: below it the saving does not pay for the work. */
export const GZIP_MIN_BYTES = 64 * 1024;

/**
 * Whether an `Accept-Encoding` value accepts gzip: `gzip` (or `x-gzip`, or `*`) with a q-value
 * above 0, as RFC 9110 §12.5.3 reads it.
 */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [coding = '', ...params] = part.split(';').map((text) => text.trim().toLowerCase());
    if (!coding) continue;
    const q = params.find((param) => param.startsWith('q='));
    weights.set(coding, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const weight = weights.get('gzip') ?? weights.get('x-gzip') ?? weights.get('*') ?? 0;
  return weight > 0;
}

/** Whether the request accepts gzip answers. */
export function requestAcceptsGzip(event: { headers?: Record<string, string | undefined> }): boolean {
  return acceptsGzip(header(event, 'accept-encoding'));
}

/** Whether a body of this many UTF-8 bytes is sent compressed when gzip is accepted. */
function worthCompressing(utf8Bytes: number): boolean {
  return utf8Bytes > GZIP_MIN_BYTES;
}

// fitAnswer measures the compressed body and the handler wrapper then sends it: one gzip, not two.
let lastCompressed: { body: string; base64: string } | undefined;

function gzipBase64(body: string): string {
  if (lastCompressed?.body !== body) lastCompressed = { body, base64: gzipSync(body).toString('base64') };
  return lastCompressed.base64;
}

/**
 * The bytes of `body` as sent in the Lambda result: the base64 of its gzip when `gzip` is
 * accepted and the body is large enough, else its UTF-8 bytes.
 */
export function sentBodyBytes(body: string, gzip: boolean): number {
  const bytes = Buffer.byteLength(body, 'utf8');
  return gzip && worthCompressing(bytes) ? gzipBase64(body).length : bytes;
}

/**
 * The response as sent to a request with this `Accept-Encoding`: a large text body gzip-compressed
 * (base64, `content-encoding: gzip`) when accepted; `vary: accept-encoding` on every large body,
 * compressed or not, so no cache hands one caller's encoding to another.
 */
export function encodeAnswer(
  response: APIGatewayProxyStructuredResultV2,
  acceptEncoding: string | undefined,
): APIGatewayProxyStructuredResultV2 {
  const headers = response.headers ?? {};
  const body = response.body;
  if (body === undefined || response.isBase64Encoded || headers['content-encoding'] !== undefined) return response;
  if (!worthCompressing(Buffer.byteLength(body, 'utf8'))) return response;
  const vary = headers.vary === undefined ? 'Accept-Encoding' : `${String(headers.vary)}, Accept-Encoding`;
  if (!acceptsGzip(acceptEncoding)) return { ...response, headers: { ...headers, vary } };
  return {
    ...response,
    headers: { ...headers, vary, 'content-encoding': 'gzip' },
    body: gzipBase64(body),
    isBase64Encoded: true,
  };
}
