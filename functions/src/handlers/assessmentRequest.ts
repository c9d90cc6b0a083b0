import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { collectMonthRows, compute } from '../domain/index.js';
import type { AssessmentResult, MonthRow } from '../domain/types.js';
import { HttpError } from '../http/HttpError.js';
import { readJsonBody } from '../http/requestBody.js';
import { RequestLimitScanner } from '../http/requestLimits.js';
import { LimitExceededError } from '../domain/limits.js';
import { assessmentRequestSchema, parseRequest, type AssessmentRequest } from '../http/schemas.js';
import type { Finalization, YearView } from '../store/AssessmentStore.js';
import { sha256 } from '../store/digest.js';
import { correctionInput } from './correctionFacts.js';
import type { ServiceContext } from './serviceContext.js';

/** The validated body of validate/compute and the digest of its grids; 413 over the workbook limits. */
export async function readAssessmentRequest(
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  ctx: ServiceContext,
): Promise<{ request: AssessmentRequest; inputDigest: string }> {
  let body: unknown;
  try {
    body = await readJsonBody(event, ctx.maxBodyBytes, ctx.maxJsonBytes, new RequestLimitScanner());
  } catch (error) {
    if (error instanceof LimitExceededError) throw limitExceeded(error);
    throw error;
  }
  const request = parseRequest(assessmentRequestSchema, body);
  return { request, inputDigest: sha256(JSON.stringify(request.grids)) };
}

/** 413 for a workbook over a documented limit, before anything was parsed or computed. */
function limitExceeded(error: LimitExceededError): HttpError {
  const { limit, sheet, max, actual } = error;
  return new HttpError(413, 'limit_exceeded', error.message, { limit, sheet, max, actual });
}

/** One computation against the store's 定稿: the result and the input rows of the assessed month. */
export interface Assessment {
  month: string | null;
  view: YearView | null;
  result: AssessmentResult;
  monthRows: MonthRow[];
}

/**
 * Computes the workbook with the year's 定稿 rows as the lock (a month under correction is not
 * locked; its compute is the draft of the next version, with 更正说明). `previous` is reused when
 * the year's 定稿 are unchanged since it was computed (a retry after a concurrent write).
 */
export async function assess(ctx: ServiceContext, request: AssessmentRequest, previous?: Assessment): Promise<Assessment> {
  const { month, rows } = collectMonthRows(request.grids, { month: request.month });
  const view = month === null ? null : await ctx.assessments.readYear(request.town, month);
  if (previous && sameFinalizations(previous.view, view)) return { ...previous, view };
  const [finalizedRows, correction] = await Promise.all([
    view?.finalizedMonths.length ? ctx.assessments.loadFinalizedRows(request.town, view.finalizedMonths) : undefined,
    correctionInput(ctx, view?.state ?? null),
  ]);
  const result = compute(request.grids, { month: request.month, finalizedRows, correction });
  if (result.town !== null && result.town !== request.town) {
    throw new HttpError(
      422,
      'town_mismatch',
      `工作簿「参数」表中的乡镇是「${result.town}」，与请求的乡镇「${request.town}」不一致，请检查是否打开了其他乡镇的工作簿。`,
    );
  }
  return { month, view, result, monthRows: rows };
}

/** Whether the result was refused because entries of a 定稿 month changed. */
export function finalizedMonthChanged(result: AssessmentResult): boolean {
  return result.issues.some((issue) => issue.code === 'finalized_month_changed');
}

function sameFinalizations(a: YearView | null, b: YearView | null): boolean {
  const ids = (view: YearView | null) =>
    [...(view?.finalizedMonths ?? []).map((f: Finalization) => f.runId), view?.state?.correction?.openedAt ?? ''].join(',');
  return ids(a) === ids(b);
}

/** The version a run of the month belongs to: the open correction's, else the current one (1 before 定稿). */
export function runVersion(view: YearView | null): number {
  const state = view?.state;
  return state?.correction?.version ?? (state?.finalVersion || 1);
}
