/**
 * `GET /v1/assessments/{town}/{month}[?version=n]` — the month's state and result: the current
 * finalised version once finalised, else the latest run; with `version`, that finalised version
 * (every version stays readable). While the month is under correction (更正中) the answer also
 * holds the open correction and, once recomputed, the differences its approval would make.
 * The audit trail lists its latest {@link MAX_AUDIT_ENTRIES} entries with `auditTotal` and
 * `auditTruncated`, so the answer stays bounded however often a month was computed.
 * 404 when nothing was computed or the version does not exist.
 */
import * as z from 'zod/mini';
import { assertTown, authorize } from '../auth/caller.js';
import { requestAcceptsGzip } from '../http/answerEncoding.js';
import { fitAnswer } from '../http/answerSize.js';
import { HttpError } from '../http/HttpError.js';
import { jsonResponse } from '../http/responses.js';
import { parseRequest } from '../http/schemas.js';
import type { AssessmentResult } from '../domain/types.js';
import type { Finalization, MonthVersion, RunRef } from '../store/AssessmentStore.js';
import { correctionDiff, versionView } from './correctionFacts.js';
import { monthLabel, monthPath } from './pathParams.js';
import { httpHandler } from './httpHandler.js';

/** Most audit entries an answer lists (each under 2 KB: a correction's reason is at most 500 characters). */
export const MAX_AUDIT_ENTRIES = 200;

const querySchema = z.object({
  version: z.optional(z.string().check(z.regex(/^[1-9]\d{0,3}$/, { error: (issue) => `版本号「${String(issue.input)}」应为正整数，例如 1` }))),
});

export const handler = httpHandler('GET /v1/assessments/{town}/{month}', async ({ event, ctx }) => {
  const user = await authorize(ctx.users, event, 'read');
  const { town, month } = monthPath(event);
  assertTown(user, town);
  const query = parseRequest(querySchema, event.queryStringParameters ?? {}, '查询参数');
  const state = await ctx.assessments.getMonth(town, month);
  if (!state) throw new HttpError(404, 'not_found', `${town}${monthLabel(month)}还没有考核记录。`);
  const versions = await ctx.assessments.listVersions(town, `${month}#`);
  const asked = query.version === undefined ? null : Number(query.version);
  const version = asked === null ? versions.at(-1) : versions.find((v) => v.version === asked);
  if (asked !== null && !version) {
    throw new HttpError(404, 'version_not_found', `${monthLabel(month)}没有第 ${asked} 版（已定稿的版本共 ${state.finalVersion} 个）。`);
  }
  const shown: RunRef = asked === null ? (state.finalized ?? state.latestRun) : version!.finalized;
  const correcting = state.state === 'correcting' && asked === null;
  const [result, audit, pendingDiff] = await Promise.all([
    ctx.assessments.loadResult(town, shown),
    ctx.assessments.latestAudit(town, month, MAX_AUDIT_ENTRIES),
    correcting && state.latestRun.at >= state.correction!.openedAt && state.latestRun.status === 'ok' ? correctionDiff(ctx, state) : null,
  ]);
  const finalized = asked === null ? state.finalized : version!.finalized;
  const shownResult = withVersionBulletin(result, shown.runId === version?.finalized.runId ? version : undefined);
  // Runs stored before the answer limit may list more issues; the answer is measured like compute's.
  const { response } = fitAnswer(result.issues, (listing) => jsonResponse(200, {
    town,
    month,
    state: state.state,
    version: asked ?? state.finalVersion,
    finalVersion: state.finalVersion,
    finalized: finalized ? finalizationView(finalized) : null,
    correction: correcting ? { ...state.correction, latestRun: runView(state.latestRun), diff: pendingDiff } : null,
    versions: versions.map(versionView),
    latestRun: runView(state.latestRun),
    runId: shown.runId,
    // A stored run that was cut already keeps the totals of its whole list.
    result: {
      ...shownResult,
      issues: listing.issues,
      issuesTruncated: (result.issuesTruncated ?? false) || listing.issuesTruncated,
      issueTotals: result.issueTotals ?? listing.issueTotals,
    },
    audit: audit.entries,
    auditTotal: audit.total,
    auditTruncated: audit.total > audit.entries.length,
  }), { gzip: requestAcceptsGzip(event) });
  return response;
});

// An approved correction's 通报 names the approver; the run itself was stored before the approval.
function withVersionBulletin(result: AssessmentResult, version: MonthVersion | undefined): AssessmentResult {
  return version?.correction ? { ...result, bulletin: version.correction.bulletin } : result;
}

function finalizationView(f: Finalization) {
  return { runId: f.runId, finalizedBy: f.finalizedBy, finalizedByRole: f.finalizedByRole, finalizedAt: f.finalizedAt, rowsDigest: f.rowsDigest, rowCount: f.rowCount };
}

function runView(run: RunRef) {
  return { runId: run.runId, at: run.at, by: run.by, status: run.status, outcome: run.outcome, summary: run.summary };
}
