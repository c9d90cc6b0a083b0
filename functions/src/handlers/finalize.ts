/**
 * `POST /v1/assessments/{town}/{month}/finalize` — 秘书, 书记 or 镇长 finalise (定稿) the month's
 * latest run; for a month under correction (更正中) only 书记 or 镇长, whose approval makes the
 * next version. Optional body `{ runId }` pins the run that was reviewed.
 *
 * Answers: 201 for the call that made the 定稿 (or the version); 200 with the same 定稿 for every
 * repeat (concurrent or later); 403 `approval_required`; 409 `nothing_to_finalize` /
 * `latest_run_invalid` / `run_outdated` / `correction_not_computed`.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { assertTown, authorize } from '../auth/caller.js';
import type { Role } from '../auth/roles.js';
import { HttpError } from '../http/HttpError.js';
import { readJsonBody } from '../http/requestBody.js';
import { jsonResponse } from '../http/responses.js';
import { finalizeRequestSchema, parseRequest } from '../http/schemas.js';
import { FinalizeRefusedError, type FinalizeOutcome } from '../store/AssessmentStore.js';
import { sha256 } from '../store/digest.js';
import { describeApproval } from './correctionFacts.js';
import { monthLabel, monthPath } from './pathParams.js';
import { httpHandler } from './httpHandler.js';
import { idempotencyKey, toStoredResponse, withIdempotency } from './idempotency.js';

const ROUTE = 'POST /v1/assessments/{town}/{month}/finalize';

export const handler = httpHandler(ROUTE, async ({ event, ctx, logger }) => {
  const user = await authorize(ctx.users, event, 'finalize');
  const { town, month } = monthPath(event);
  assertTown(user, town);
  const key = idempotencyKey(event);
  const body = event.body ? parseRequest(finalizeRequestSchema, await readJsonBody(event, ctx.maxBodyBytes, ctx.maxJsonBytes)) : {};
  const requestDigest = sha256(`${ROUTE}\n${town}\n${month}\n${body.runId ?? ''}`);
  return withIdempotency(ctx, user.oid, key, requestDigest, async (claim) => {
    try {
      const outcome = await ctx.assessments.finalize({
        town,
        month,
        actor: { oid: user.oid, role: user.role },
        runId: body.runId,
        describeCorrection: describeApproval(ctx, { oid: user.oid, role: user.role }),
        extraWrites: (o) => (claim ? ctx.idempotency.completionWrites(claim, toStoredResponse(finalizeResponse(o))) : []),
      });
      logger.info('finalize', { month, created: outcome.created, runId: outcome.state.finalized?.runId, version: outcome.state.finalVersion });
      if (outcome.created) ctx.metrics.addMetric('Finalizations', MetricUnit.Count, 1);
      return finalizeResponse(outcome);
    } catch (error) {
      if (error instanceof FinalizeRefusedError) throw refusal(error, town, month, user.role);
      throw error;
    }
  });
});

function finalizeResponse({ created, state }: FinalizeOutcome): APIGatewayProxyStructuredResultV2 {
  const finalized = state.finalized!;
  return jsonResponse(created ? 201 : 200, {
    town: state.town,
    month: state.month,
    state: state.state,
    created,
    version: state.finalVersion,
    runId: finalized.runId,
    finalizedBy: finalized.finalizedBy,
    finalizedByRole: finalized.finalizedByRole,
    finalizedAt: finalized.finalizedAt,
    rowsDigest: finalized.rowsDigest,
    rowCount: finalized.rowCount,
    summary: finalized.summary,
  });
}

function refusal(error: FinalizeRefusedError, town: string, month: string, role: Role): HttpError {
  const latest = error.state?.latestRun;
  switch (error.reason) {
    case 'no_run':
      return new HttpError(409, 'nothing_to_finalize', `${town}${monthLabel(month)}还没有计算结果，请先计算考核再定稿。`);
    case 'latest_invalid':
      return new HttpError(
        409,
        'latest_run_invalid',
        `${monthLabel(month)}最近一次计算（${latest?.at ?? ''}）有 ${latest?.summary.errors ?? 0} 个错误，不能定稿。请修正后重新计算。`,
        { latestRunId: latest?.runId },
      );
    case 'run_outdated':
      return new HttpError(
        409,
        'run_outdated',
        `要定稿的计算结果已不是最新的：${monthLabel(month)}在 ${latest?.at ?? ''} 又计算过一次。请查看最新结果后再定稿。`,
        { latestRunId: latest?.runId },
      );
    case 'correction_not_computed':
      return new HttpError(
        409,
        'correction_not_computed',
        `${monthLabel(month)}的更正（第 ${error.state?.correction?.version ?? ''} 版）还没有重新计算，请秘书修正数据后计算考核，再批准更正。`,
      );
    case 'approval_required':
      return new HttpError(
        403,
        'approval_required',
        `${monthLabel(month)}正在更正中，更正须由书记或镇长批准，您的角色「${role}」不能批准更正。`,
      );
  }
}
