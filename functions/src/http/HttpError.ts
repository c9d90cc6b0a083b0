/**
 * An error that is an answer: an HTTP status, a stable snake_case code and a Chinese message.
 * Handlers throw it; the handler wrapper turns it into the JSON error body
 * `{ code, message, ...details }`.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const MIB = 1024 * 1024;

/** Formats a byte count the way the messages show it: `10 MB`, `20.5 MB`, `512 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${Number((bytes / MIB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} 字节`;
}

/** 413 that says how big a body may be (on the wire, or once gunzipped). */
export function payloadTooLarge(limitBytes: number, what: '请求体' | '解压后的请求体' = '请求体'): HttpError {
  return new HttpError(
    413,
    'payload_too_large',
    `${what}超过上限：最大允许 ${formatBytes(limitBytes)}（${limitBytes} 字节）。请使用 gzip 压缩，并把往年的数据和与考核无关的工作表移到其他工作簿后再试（当年各月的数据要保留：年度累计和已定稿月份的核对都要用到）。`,
    { maxBytes: limitBytes },
  );
}
