/**
 * The request shapes of the HTTP API, checked with zod/mini (zod's classic build with its
 * locales would add ~430 KB to every Lambda bundle; mini with one locale adds ~20 KB).
 */
import * as z from 'zod/mini';
import { zhCN } from 'zod/locales';
import { HttpError } from './HttpError.js';

z.config(zhCN());

/** Excel's sheet limits: a grid that does not fit in a worksheet cannot come from one. */
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_CELL_TEXT = 32_767;
const MAX_GRIDS = 2_000;

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const A1_PATTERN = /^([A-Za-z]{1,3})([1-9]\d{0,6})$/;

export const monthSchema = z.string({ error: '月份应为文本，格式 YYYY-MM' }).check(
  z.regex(MONTH_PATTERN, { error: (issue) => `月份「${String(issue.input)}」格式不对，应为 YYYY-MM，例如 2015-04` }),
);

export const townSchema = z.string({ error: '乡镇名称应为文本' }).check(
  z.trim(),
  z.minLength(1, { error: '乡镇名称不能为空' }),
  z.maxLength(64, { error: '乡镇名称不能超过 64 个字符' }),
);

// A plain predicate instead of a union: it runs once per cell, and a workbook has millions.
const cellSchema = z.custom<string | number | boolean | null>(
  (value) =>
    value === null ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    (typeof value === 'string' && value.length <= EXCEL_MAX_CELL_TEXT),
  { error: `单元格的值只能是文本（不超过 ${EXCEL_MAX_CELL_TEXT} 个字符）、数字、逻辑值或空` },
);

const rowSchema = z.array(cellSchema, { error: '每一行应为数组' }).check(
  z.maxLength(EXCEL_MAX_COLUMNS, {
    error: (issue) =>
      `一行有 ${(issue.input as unknown[]).length} 列，超过 Excel 工作表的上限 ${EXCEL_MAX_COLUMNS} 列`,
  }),
);

const gridSchema = z
  .object({
    name: z.string({ error: '工作表名称应为文本' }).check(
      z.minLength(1, { error: '工作表名称不能为空' }),
      z.maxLength(31, { error: '工作表名称不能超过 31 个字符' }),
    ),
    origin: z.string({ error: '左上角地址应为文本' }).check(
      z.regex(A1_PATTERN, { error: (issue) => `左上角地址「${String(issue.input)}」应为 A1 形式，例如 A1 或 B5001` }),
    ),
    values: z.array(rowSchema, { error: 'values 应为二维数组（行的数组）' }).check(
      z.maxLength(EXCEL_MAX_ROWS, { error: `行数超过 Excel 工作表的上限 ${EXCEL_MAX_ROWS} 行` }),
    ),
  })
  .check(
    z.superRefine((grid, ctx) => {
      const origin = parseA1(grid.origin);
      if (!origin) return;
      const width = grid.values.reduce((max, row) => Math.max(max, row.length), 0);
      if (origin.column > EXCEL_MAX_COLUMNS || origin.column + width - 1 > EXCEL_MAX_COLUMNS) {
        ctx.addIssue({
          code: 'custom',
          path: ['values'],
          input: grid.values,
          message: `工作表「${grid.name}」从 ${grid.origin} 起有 ${width} 列，超出 Excel 的最后一列 XFD（第 ${EXCEL_MAX_COLUMNS} 列）`,
        });
      }
      if (origin.row + grid.values.length - 1 > EXCEL_MAX_ROWS) {
        ctx.addIssue({
          code: 'custom',
          path: ['values'],
          input: grid.values,
          message: `工作表「${grid.name}」从 ${grid.origin} 起有 ${grid.values.length} 行，超出 Excel 的最后一行 ${EXCEL_MAX_ROWS}`,
        });
      }
    }),
  );

/** Body of `POST /v1/assessments/validate` and `/compute`. */
export const assessmentRequestSchema = z.object(
  {
    town: townSchema,
    month: z.optional(monthSchema),
    grids: z.array(gridSchema, { error: 'grids 应为工作表数组' }).check(
      z.minLength(1, { error: 'grids 不能为空，至少需要一张工作表' }),
      z.maxLength(MAX_GRIDS, { error: `grids 最多 ${MAX_GRIDS} 块` }),
    ),
  },
  { error: '请求体应为 JSON 对象：{ town, month?, grids }' },
);
export type AssessmentRequest = z.infer<typeof assessmentRequestSchema>;

/** Optional body of `POST …/finalize`: the run the secretary reviewed (default: the latest run). */
export const finalizeRequestSchema = z.object(
  { runId: z.optional(z.string({ error: 'runId 应为文本' }).check(z.minLength(1), z.maxLength(100))) },
  { error: '请求体应为 JSON 对象：{ runId? }' },
);

export const yearSchema = z.string().check(
  z.regex(/^\d{4}$/, { error: (issue) => `年份「${String(issue.input)}」应为四位数字，例如 2015` }),
);

/** Parses with a schema, turning failures into a 422 that lists where and what (at most 20 places). */
export function parseRequest<T>(schema: z.ZodMiniType<T>, input: unknown, what = '请求内容'): T {
  const parsed = z.safeParse(schema, input);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.slice(0, 20).map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }));
  const first = errors[0];
  const count = parsed.error.issues.length;
  throw new HttpError(
    422,
    'invalid_request',
    `${what}不符合要求：${first ? `${first.path || '（根）'}：${first.message}` : ''}${count > 1 ? `（共 ${count} 处问题）` : ''}`,
    { errors },
  );
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function parseA1(address: string): { column: number; row: number } | null {
  const match = A1_PATTERN.exec(address);
  if (!match?.[1] || !match[2]) return null;
  let column = 0;
  for (const letter of match[1].toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { column, row: Number(match[2]) };
}

/** `{ refreshToken }` of the refresh and sign-out routes. */
export const refreshTokenSchema = z.object({
  refreshToken: z.string({ error: '缺少 refreshToken' }).check(z.minLength(1, { error: '缺少 refreshToken' }), z.maxLength(512)),
});
