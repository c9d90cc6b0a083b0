/**
 * `POST /v1/assessments/validate` — 组长 (and 秘书) check their sheets. Body
 * `{ town, month?, grids }`. Answers 200 `{ status, month, finalized, issues, issuesTruncated,
 * issueTotals }`: input errors are a normal outcome (status `invalid`), including
 * `finalized_month_changed` for edits of a 定稿 month. At most 1,000 issues are listed (see
 * `answerSize.ts`). Nothing is stored.
 */
import { assertTown, authorize } from '../auth/caller.js';
import { requestAcceptsGzip } from '../http/answerEncoding.js';
import { fitAnswer } from '../http/answerSize.js';
import { jsonResponse } from '../http/responses.js';
import { assess, readAssessmentRequest } from './assessmentRequest.js';
import { httpHandler } from './httpHandler.js';

export const handler = httpHandler('POST /v1/assessments/validate', async ({ event, ctx }) => {
  const user = await authorize(ctx.users, event, 'validate');
  const { request } = await readAssessmentRequest(event, ctx);
  assertTown(user, request.town);
  const { month, view, result } = await assess(ctx, request);
  const { response } = fitAnswer(result.issues, (listing) =>
    jsonResponse(200, { status: result.status, town: request.town, month, finalized: view?.state?.state === 'final', ...listing }),
    { gzip: requestAcceptsGzip(event) },
  );
  return response;
});
