/**
 * Answers that always fit Lambda's 6 MB response (SPEC §6 "Limits"): the issue list is cut to
 * {@link MAX_ANSWER_ISSUES}, and then the answer is measured as it will be sent (gzip and base64
 * when the request accepts gzip, see `answerEncoding.ts`); while it is still over
 * {@link MAX_ANSWER_BYTES} fewer issues are listed, and an answer too large even without any
 * issue is a 413 naming the limit.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { sentBodyBytes } from './answerEncoding.js';
import { capIssues, MAX_ANSWER_ISSUES, type IssueListing } from '../domain/issueCap.js';
import type { Issue } from '../domain/types.js';
import { formatBytes, HttpError } from './HttpError.js';

/** Largest answer body as sent: Lambda refuses responses over 6 MB; headers and envelope need the rest. */
export const MAX_ANSWER_BYTES = 5.5 * 1024 * 1024;

/** How the answer will be sent. */
export interface FitOptions {
  /** The request accepts gzip (`acceptsGzip` of its `Accept-Encoding`): large bodies are measured compressed. */
  gzip: boolean;
  maxBytes?: number;
}

/**
 * The answer `render` makes of the issues cut to fit: first at most {@link MAX_ANSWER_ISSUES},
 * then fewer while the body as sent is over `maxBytes`. Returns the answer (uncompressed: the
 * handler wrapper encodes it) and the listing it carries.
 */
export function fitAnswer(
  issues: readonly Issue[],
  render: (listing: IssueListing) => APIGatewayProxyStructuredResultV2,
  { gzip, maxBytes = MAX_ANSWER_BYTES }: FitOptions,
): { response: APIGatewayProxyStructuredResultV2; listing: IssueListing } {
  let max = MAX_ANSWER_ISSUES;
  for (;;) {
    const listing = capIssues(issues, max);
    const response = render(listing);
    const bytes = sentBodyBytes(response.body ?? '', gzip);
    if (bytes <= maxBytes) return { response, listing };
    if (listing.issues.length === 0) throw answerTooLarge(bytes, maxBytes, gzip);
    // Shrink in proportion to the excess (issues are most of an oversized answer), at least by one.
    max = Math.min(listing.issues.length - 1, Math.floor((listing.issues.length * maxBytes) / bytes));
  }
}

function answerTooLarge(bytes: number, maxBytes: number, gzip: boolean): HttpError {
  return new HttpError(
    413,
    'answer_too_large',
    `计算结果${gzip ? '压缩后' : ''}有 ${formatBytes(bytes)}，超过单次答复的上限 ${formatBytes(maxBytes)}，本次计算没有保存。请减少工作簿中的村、人员或其他名单的行数后重试。`,
    { answerBytes: bytes, maxAnswerBytes: maxBytes },
  );
}
