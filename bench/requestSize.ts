/**
 * The compute request as the add-in sends it, and its size against the limits on its way:
 * API Gateway's 10 MB, the local server's MAX_BODY_BYTES (on the wire and once gunzipped) and
 * Lambda's 6 MB invocation payload, in which a gzip body travels base64-encoded.
 */
import { gzipSync } from 'node:zlib';
import type { Grid } from '../functions/src/domain/types.js';

/** Lambda refuses an invocation payload (the event JSON) above 6 MB. */
export const LAMBDA_PAYLOAD_LIMIT = 6 * 1024 * 1024;

/** What the event of an HTTP API request carries besides its body (headers with a token, context), generously. */
export const EVENT_ENVELOPE_BYTES = 8 * 1024;

/** The body of `POST /v1/assessments/compute` as runAssessment builds it (no month from the settings). */
export const computeRequestBody = (town: string, grids: readonly Grid[]): string => JSON.stringify({ town, grids });

export interface RequestSizes {
  /** UTF-8 bytes of the JSON body. */
  raw: number;
  /** Bytes of the gzip body the add-in sends (it compresses every body above 32 KB). */
  gzip: number;
  /** Bytes of the Lambda event: the gzip body base64-encoded plus the envelope. */
  lambdaEvent: number;
}

/** The gzip body the add-in sends for `body` (it compresses every body above 32 KB). */
export const gzipRequest = (body: string): Buffer => gzipSync(body);

/** Sizes of a request body on its way. */
export function requestSizes(body: string): RequestSizes {
  const gzip = gzipRequest(body).length;
  return { raw: Buffer.byteLength(body), gzip, lambdaEvent: 4 * Math.ceil(gzip / 3) + EVENT_ENVELOPE_BYTES };
}
