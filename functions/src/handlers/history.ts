/**
 * `GET /v1/assessments/{town}/history?year=YYYY` — every computed month of the town (of one
 * year when given): state, 定稿 by whom and when, the latest run and the summary shown, and every
 * finalised version (for a correction: who opened it and why, who approved it, what changed).
 */
import * as z from 'zod/mini';
import { assertTown, authorize } from '../auth/caller.js';
import { jsonResponse } from '../http/responses.js';
import { parseRequest, yearSchema } from '../http/schemas.js';
import { httpHandler } from './httpHandler.js';
import { versionView } from './correctionFacts.js';
import { townPath } from './pathParams.js';

const querySchema = z.object({ year: z.optional(yearSchema) });

export const handler = httpHandler('GET /v1/assessments/{town}/history', async ({ event, ctx }) => {
  const user = await authorize(ctx.users, event, 'read');
  const town = townPath(event);
  assertTown(user, town);
  const { year } = parseRequest(querySchema, event.queryStringParameters ?? {}, '查询参数');
  const [months, versions] = await Promise.all([ctx.assessments.listMonths(town, year), ctx.assessments.listVersions(town, year)]);
  return jsonResponse(200, {
    town,
    year: year === undefined ? null : Number(year),
    months: months.map((m) => ({
      month: m.month,
      state: m.state,
      finalizedRunId: m.finalized?.runId ?? null,
      finalizedBy: m.finalized?.finalizedBy ?? null,
      finalizedAt: m.finalized?.finalizedAt ?? null,
      latestRunId: m.latestRun.runId,
      latestRunAt: m.latestRun.at,
      latestStatus: m.latestRun.status,
      summary: (m.finalized ?? m.latestRun).summary,
      version: m.finalVersion,
      correction: m.correction,
      versions: versions.filter((v) => v.month === m.month).map(versionView),
    })),
  });
});
