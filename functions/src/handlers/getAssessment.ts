/**
 * `GET /v1/assessments/{town}/{month}` — the month's state and result: the 定稿 run once
 * finalised, else the latest run; with the month's audit trail. 404 when nothing was computed.
 */
import { assertTown, authorize } from '../auth/caller.js';
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
  return jsonResponse(200, {
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
    result,
    audit,
  });
});

function runView(run: RunRef) {
  return { runId: run.runId, at: run.at, by: run.by, status: run.status, outcome: run.outcome, summary: run.summary };
}
