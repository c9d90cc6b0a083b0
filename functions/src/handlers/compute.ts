/**
 * `POST /v1/assessments/compute` — 秘书 computes a month. Body `{ town, month?, grids }`.
 *
 * Answers (every run is stored with its audit entry, refused ones too):
 * - 200 `{ runId, status, result, finalized, version, correcting }` — `status: 'invalid'` with
 *   `result.issues` is a normal outcome for input errors: the add-in shows the issue list. While
 *   the month is 更正中 (`correcting`), the run is a draft of `version` and its 通报 has 更正说明.
 * - 409 `{ code: 'finalized_month_changed', message, runId, status, result, finalized, issues }`
 *   when entries of a 定稿 month of the year differ from the finalised ones (each changed cell
 *   is an issue).
 * With an `Idempotency-Key` header, a retry gets the first answer and no second run is stored.
 * At most 1,000 issues are listed, with `issuesTruncated` and `issueTotals` in the result; the
 * run is stored only after its answer is known to fit (`answerSize.ts`).
 */
import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { assertTown, authorize } from '../auth/caller.js';
import { requestAcceptsGzip } from '../http/answerEncoding.js';
import { fitAnswer } from '../http/answerSize.js';
import { jsonResponse } from '../http/responses.js';
import { MonthChangedError } from '../store/AssessmentStore.js';
import { sha256 } from '../store/digest.js';
import { StoreContentionError } from '../store/storeErrors.js';
import { assess, finalizedMonthChanged, readAssessmentRequest, runVersion, type Assessment } from './assessmentRequest.js';
import { httpHandler } from './httpHandler.js';
import { idempotencyKey, toStoredResponse, withIdempotency } from './idempotency.js';

const ROUTE = 'POST /v1/assessments/compute';
/**
 * Each round of simultaneous computes of one month stores one run and sends the rest round again,
 * so eight at once need up to eight attempts; a retry reuses the computation, only the write is
 * repeated.
 */
const MAX_ATTEMPTS = 10;

export const handler = httpHandler(ROUTE, async ({ event, ctx, logger }) => {
  const user = await authorize(ctx.users, event, 'compute');
  const key = idempotencyKey(event);
  const { request, inputDigest } = await readAssessmentRequest(event, ctx);
  assertTown(user, request.town);
  const requestDigest = sha256(`${ROUTE}\n${request.town}\n${request.month ?? ''}\n${inputDigest}`);
  return withIdempotency(ctx, user.oid, key, requestDigest, async (claim) => {
    let assessment: Assessment | undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      assessment = await assess(ctx, request, assessment);
      const runId = randomUUID();
      const refused = finalizedMonthChanged(assessment.result);
      // The run is stored only once its answer is known to fit; it keeps the listed issues and their totals.
      const { response, listing } = fitAnswer(assessment.result.issues, (cut) =>
        computeResponse(runId, { ...assessment!, result: { ...assessment!.result, ...cut } }, refused),
        { gzip: requestAcceptsGzip(event) },
      );
      try {
        await ctx.assessments.saveRun({
          runId,
          town: request.town,
          month: assessment.month,
          actor: { oid: user.oid, role: user.role },
          inputDigest,
          result: { ...assessment.result, ...listing },
          monthRows: assessment.monthRows,
          outcome: refused ? 'finalized_month_changed' : assessment.result.status,
          expected: assessment.view,
          extraWrites: claim ? ctx.idempotency.completionWrites(claim, toStoredResponse(response)) : [],
        });
      } catch (error) {
        if (!(error instanceof MonthChangedError)) throw error;
        // Concurrent runs of one month would otherwise retry in lockstep; a random pause spreads them.
        await new Promise((resolve) => setTimeout(resolve, (attempt + 1) * (25 + Math.random() * 75)));
        continue;
      }
      logger.info('run stored', { runId, month: assessment.month, status: assessment.result.status, refused });
      ctx.metrics.addMetric('ComputeRuns', MetricUnit.Count, 1);
      return response;
    }
    throw new StoreContentionError('the month kept changing while computing');
  });
});

function computeResponse(runId: string, { result, view }: Assessment, refused: boolean): APIGatewayProxyStructuredResultV2 {
  const finalized = view?.state?.state === 'final';
  const body = { runId, status: result.status, result, finalized, version: runVersion(view), correcting: view?.state?.state === 'correcting' };
  if (!refused) return jsonResponse(200, body);
  const changed = result.issues.filter((issue) => issue.code === 'finalized_month_changed');
  const count = result.issueTotals?.byCode.finalized_month_changed ?? changed.length;
  const cells = changed.slice(0, 5).map((issue) => `${issue.sheet}!${issue.cell}`).join('、');
  return jsonResponse(409, {
    code: 'finalized_month_changed',
    message: `已定稿月份的数据被修改，共 ${count} 处（${cells}${count > 5 ? ' 等' : ''}），本次计算未被采用。定稿后的数据不能更改；确需更改时，请秘书申请更正，经书记或镇长批准。`,
    ...body,
    issues: changed,
  });
}
