/**
 * `GET /v1/assessments/{town}/{month}` — the month's state and result: the 定稿 run once
 * finalised, else the latest run; with the month's audit trail. 404 when nothing was computed.
 */
import { assertTown, authorize } from '../auth/caller.js';
import { fitAnswer } from '../http/answerSize.js';
import { HttpError } from '../http/HttpError.js';
import { jsonResponse } from '../http/responses.js';
import type { RunRef } from '../store/AssessmentStore.js';
import { monthLabel, monthPath } from './pathParams.js';
import { httpHandler } from './httpHandler.js';

export const handler = httpHandler('GET /v1/assessments/{town}/{month}', async ({ event, ctx }) => {
  const user = await authorize(ctx.users, event, 'read');
  const { town, month } = monthPath(event);
  assertTown(user, town);
  const state = await ctx.assessments.getMonth(town, month);
  if (!state) throw new HttpError(404, 'not_found', `${town}${monthLabel(month)}还没有考核记录。`);
  const shown = state.finalized ?? state.latestRun;
  const [result, audit] = await Promise.all([
    ctx.assessments.loadResult(town, shown),
    ctx.assessments.listAudit(town, month),
  ]);
  // Runs stored before the answer limit may list more issues; the answer is measured like compute's.
  const { response } = fitAnswer(result.issues, (listing) => jsonResponse(200, {
    town,
    month,
    state: state.state,
    finalized: state.finalized
      ? {
          runId: state.finalized.runId,
          finalizedBy: state.finalized.finalizedBy,
          finalizedByRole: state.finalized.finalizedByRole,
          finalizedAt: state.finalized.finalizedAt,
          rowsDigest: state.finalized.rowsDigest,
          rowCount: state.finalized.rowCount,
        }
      : null,
    latestRun: runView(state.latestRun),
    runId: shown.runId,
    // A stored run that was cut already keeps the totals of its whole list.
    result: {
      ...result,
      issues: listing.issues,
      issuesTruncated: (result.issuesTruncated ?? false) || listing.issuesTruncated,
      issueTotals: result.issueTotals ?? listing.issueTotals,
    },
    audit,
  }));
  return response;
});

function runView(run: RunRef) {
  return { runId: run.runId, at: run.at, by: run.by, status: run.status, outcome: run.outcome, summary: run.summary };
}
