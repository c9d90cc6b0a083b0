import { createGunzip } from 'node:zlib';
import { MAX_REQUEST_BYTES } from '../domain/limits.js';
import { HttpError, payloadTooLarge } from './HttpError.js';

/** Sees the body's bytes as they are decompressed, before anything is parsed; may throw to stop reading. */
export interface BodyScanner {
  feed(bytes: Uint8Array): void;
}

/**
 * Default limit for a request body as sent: the documented body limit ({@link MAX_REQUEST_BYTES},
 * what one Lambda invocation can carry), below API Gateway's own 10 MB.
 */
export const DEFAULT_MAX_BODY_BYTES = MAX_REQUEST_BYTES;

/**
 * Default limit for the JSON once gunzipped. A district's year of grids is ~23 MB of JSON but under
 * 3 MB of gzip: the wire limit guards the transport, this one the memory of the function.
 */
export const DEFAULT_MAX_JSON_BYTES = 64 * 1024 * 1024;

const positive = (value: string | undefined, fallback: number): number => {
  const configured = Number(value);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : fallback;
};

/** The body limit from `MAX_BODY_BYTES`, or the default when unset or not a positive integer. */
export function maxBodyBytes(env: NodeJS.ProcessEnv = process.env): number {
  return positive(env.MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES);
}

/** The limit of the gunzipped JSON from `MAX_JSON_BYTES` (never below the body limit), or the default. */
export function maxJsonBytes(env: NodeJS.ProcessEnv = process.env): number {
  return Math.max(maxBodyBytes(env), positive(env.MAX_JSON_BYTES, DEFAULT_MAX_JSON_BYTES));
}

/** What a handler needs of an HTTP API v2 event to read its body. */
export interface BodySource {
  body?: string;
  isBase64Encoded: boolean;
  headers: Record<string, string | undefined>;
}

/**
 * Reads the JSON body of an HTTP API v2 event: base64 as API Gateway delivers binary bodies,
 * `Content-Encoding: gzip` (the add-in compresses large workbooks), with `maxBytes` on the wire and
 * `maxJsonBytes` after decompression, so a gzip bomb stops at that limit.
 * `scanner` sees the bytes as they are decompressed (the workbook limits) and may stop the
 * reading by throwing. Other failures are a 400 or 413 {@link HttpError} with a Chinese message.
 */
export async function readJsonBody(
  event: BodySource,
  maxBytes: number,
  maxJsonBytes = maxBytes,
  scanner?: BodyScanner,
): Promise<unknown> {
  const raw = decodeBody(event, maxBytes);
  const bytes = await decompress(raw, header(event, 'content-encoding'), maxJsonBytes, scanner);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new HttpError(400, 'invalid_encoding', '请求体不是有效的 UTF-8 文本，请以 UTF-8 编码发送 JSON。');
  }
  if (text.trim() === '') throw new HttpError(400, 'empty_body', '请求体为空，需要 JSON 格式的内容。');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `请求体不是有效的 JSON：「${snippet(text)}」。`, {
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Case-insensitive header lookup (API Gateway lowercases names; tests and adapters may not). */
export function header(event: { headers?: Record<string, string | undefined> }, name: string): string | undefined {
  const headers = event.headers ?? {};
  const direct = headers[name];
  if (direct !== undefined) return direct;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function decodeBody(event: BodySource, maxBytes: number): Buffer {
  const body = event.body ?? '';
  if (!event.isBase64Encoded) {
    if (Buffer.byteLength(body, 'utf8') > maxBytes) throw payloadTooLarge(maxBytes);
    return Buffer.from(body, 'utf8');
  }
  // Estimate before decoding so an oversized body is refused without allocating it.
  if (Math.floor((body.length * 3) / 4) > maxBytes + 2) throw payloadTooLarge(maxBytes);
  const decoded = Buffer.from(body, 'base64');
  if (decoded.length > maxBytes) throw payloadTooLarge(maxBytes);
  return decoded;
}

async function decompress(raw: Buffer, encoding: string | undefined, maxBytes: number, scanner?: BodyScanner): Promise<Buffer> {
  const name = (encoding ?? '').trim().toLowerCase();
  if (name === '' || name === 'identity') {
    scanner?.feed(raw);
    return raw;
  }
  if (name !== 'gzip' && name !== 'x-gzip') {
    throw new HttpError(400, 'unsupported_encoding', `不支持的 Content-Encoding「${encoding}」，只接受 gzip 或不压缩。`);
  }
  // Streamed, so that a body over a limit stops the decompression where the limit is passed.
  return new Promise((resolveBytes, reject) => {
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: unknown) => {
      gunzip.removeAllListeners('data');
      gunzip.destroy();
      reject(error);
    };
    gunzip.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return stop(payloadTooLarge(maxBytes, '解压后的请求体'));
      try {
        scanner?.feed(chunk);
      } catch (error) {
        return stop(error);
      }
      chunks.push(chunk);
    });
    gunzip.on('end', () => resolveBytes(Buffer.concat(chunks)));
    gunzip.on('error', () =>
      reject(new HttpError(400, 'invalid_gzip', '请求体声明为 gzip 压缩（Content-Encoding: gzip），但无法解压，请检查压缩数据是否完整。')),
    );
    gunzip.end(raw);
  });
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}
