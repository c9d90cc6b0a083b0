/**
 * `POST /v1/assessments/{town}/{month}/corrections` — a 秘书 opens a correction (更正) of a
 * finalised month. Body `{ reason }` (required). The month becomes 更正中: its computes are drafts
 * of the next version, and a 书记 or 镇长 approves it through the finalize route.
 *
 * Answers: 201 `{ town, month, state: 'correcting', version, correction }`; 409
 * `not_finalized` / `correction_open` / `later_month_final`.
 */
import { assertTown, authorize } from '../auth/caller.js';
import { HttpError } from '../http/HttpError.js';
import { readJsonBody } from '../http/requestBody.js';
import { jsonResponse } from '../http/responses.js';
import { correctionRequestSchema, parseRequest } from '../http/schemas.js';
import { CorrectionRefusedError } from '../store/AssessmentStore.js';
import { httpHandler } from './httpHandler.js';
import { monthLabel, monthPath } from './pathParams.js';

export const handler = httpHandler('POST /v1/assessments/{town}/{month}/corrections', async ({ event, ctx, logger }) => {
  const user = await authorize(ctx.users, event, 'correct');
  const { town, month } = monthPath(event);
  assertTown(user, town);
  const { reason } = parseRequest(correctionRequestSchema, await readJsonBody(event, ctx.maxBodyBytes, ctx.maxJsonBytes));
  try {
    const state = await ctx.assessments.openCorrection({ town, month, actor: { oid: user.oid, role: user.role }, reason });
    logger.info('correction opened', { month, version: state.correction!.version });
    return jsonResponse(201, { town, month, state: state.state, version: state.correction!.version, correction: state.correction });
  } catch (error) {
    if (error instanceof CorrectionRefusedError) throw refusal(error, town, month);
    throw error;
  }
});

function refusal(error: CorrectionRefusedError, town: string, month: string): HttpError {
  switch (error.reason) {
    case 'not_finalized':
      return new HttpError(409, 'not_finalized', `${town}${monthLabel(month)}还没有定稿，直接修改工作簿后重新计算即可，不需要申请更正。`);
    case 'already_open':
      return new HttpError(
        409,
        'correction_open',
        `${monthLabel(month)}已在更正中（第 ${error.state?.correction?.version ?? ''} 版，原因：${error.state?.correction?.reason ?? ''}），请修正后重新计算，再请书记或镇长批准。`,
        { correction: error.state?.correction },
      );
    case 'later_month_final':
      return new HttpError(
        409,
        'later_month_final',
        `${error.laterMonths.map(monthLabel).join('、')}已定稿，其累计得分包含${monthLabel(month)}的数据。请先申请更正${monthLabel(error.laterMonths.at(-1)!)}，再更正本月。`,
        { laterMonths: error.laterMonths },
      );
  }
}
