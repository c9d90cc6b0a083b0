/**
 * Helpers of the rule tests (SPEC §4): headers of the optional sheets, edits of the small town and
 * look-ups in the result by name. Expected values are worked out by hand in each test.
 */
import { expect } from 'vitest';
import { compute } from '../../../functions/src/domain/index.js';
import type { AssessmentResult, ComputeOptions, GroupResult, Issue, StaffResult, VillageResult } from '../../../functions/src/domain/index.js';
import { addRows, toGrids, type Book, type Rows } from '../fixtures.js';

export const SCORE_HEADER = ['日期', '村', '细则编号', '加减分', '原因', '考核组', '责任人', '录入人'];
export const ATTENDANCE_HEADER = ['日期', '姓名', '检查方式', '结果', '天数', '检查人'];
export const LEAVE_HEADER = ['姓名', '开始日期', '结束日期', '天数', '事由', '组长审批', '领导审批'];
export const PLAN_HEADER = ['月份', '姓名', '工作事项', '完成时限', '完成情况'];
export const ACCOUNTABILITY_HEADER = ['日期', '姓名', '单位', '情形', '事由', '处理', '扣分'];
export const FINANCE_HEADER = ['日期', '村', '类型', '金额', '上交代管中心', '报账单号', '镇审批'];
export const SURVEY_HEADER = ['村', '调查户数', '知晓户数', '登记电话数', '准确电话数', '月份'];
export const APPEAL_HEADER = ['村', '记录日期', '细则编号', '原分值', '申诉理由', '处理结果', '改为分值', '处理人', '申诉日期'];

/** Computes the book and fails the test with the issue list when the book is not valid. */
export function run(book: Book, options?: ComputeOptions): AssessmentResult {
  const result = compute(toGrids(book), options);
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect(result.status).toBe('ok');
  return result;
}

/** Sets (or adds) a 参数 value. */
export function setParam(book: Book, key: string, value: string | number): void {
  const rows = book['参数']!;
  const row = rows.find((r) => r[0] === key);
  if (row) row[1] = value;
  else rows.push([key, value]);
}

/** Sets the cell under `header` in the row whose first cell is `key` (e.g. a 组别 or 村 row). */
export function setCell(book: Book, sheet: string, key: string, header: string, value: string | number): void {
  const rows = book[sheet]!;
  const col = rows[0]!.indexOf(header);
  const row = rows.find((r, i) => i > 0 && r[0] === key);
  if (col < 0 || !row) throw new Error(`no ${sheet} row ${key} / column ${header}`);
  row[col] = value;
}

/** Sets a group's 督查得分 of a month, or removes that 组督查 row when `score` is null. */
export function setInspection(book: Book, month: string, group: string, score: number | null): void {
  const rows = book['组督查']!;
  const i = rows.findIndex((r) => r[0] === month && r[1] === group);
  if (score === null) {
    if (i > 0) rows.splice(i, 1);
  } else if (i > 0) rows[i]![2] = score;
  else rows.push([month, group, score, '']);
}

export const addScores = (book: Book, rows: Rows): void => addRows(book, '对村考核', SCORE_HEADER, rows);
export const addAttendance = (book: Book, rows: Rows): void => addRows(book, '考勤', ATTENDANCE_HEADER, rows);
export const addLeaves = (book: Book, rows: Rows): void => addRows(book, '请假', LEAVE_HEADER, rows);
export const addPlans = (book: Book, rows: Rows): void => addRows(book, '月度计划', PLAN_HEADER, rows);
export const addAccountability = (book: Book, rows: Rows): void => addRows(book, '问责', ACCOUNTABILITY_HEADER, rows);
export const addFinance = (book: Book, rows: Rows): void => addRows(book, '村级财务', FINANCE_HEADER, rows);
export const addSurvey = (book: Book, rows: Rows): void => addRows(book, '民调', SURVEY_HEADER, rows);
export const addAppeals = (book: Book, rows: Rows): void => addRows(book, '申诉', APPEAL_HEADER, rows);

/** Plan rows of one person and month, one per state, with numbered tasks. */
export function planRows(month: string, name: string, states: readonly string[]): Rows {
  return states.map((state, i) => [month, name, `工作事项${i + 1}`, '', state]);
}

function byName<T>(list: readonly T[], key: (x: T) => string, name: string): T {
  const found = list.find((x) => key(x) === name);
  if (!found) throw new Error(`「${name}」 not in result`);
  return found;
}

export const villageOf = (r: AssessmentResult, name: string): VillageResult => byName(r.villages, (v) => v.village, name);
export const groupOf = (r: AssessmentResult, name: string): GroupResult => byName(r.groups, (g) => g.group, name);
export const staffOf = (r: AssessmentResult, name: string): StaffResult => byName(r.staff, (s) => s.name, name);

/** Issues of a code as `sheet!cell` addresses, in reporting order. */
export const issueCells = (r: AssessmentResult, code: string): string[] =>
  r.issues.filter((i: Issue) => i.code === code).map((i) => `${i.sheet}!${i.cell}`);

/** Role deductions of a village as `{ 支书: [month, ytd], … }`. */
export const roleDeductions = (v: VillageResult): Record<string, [number, number]> =>
  Object.fromEntries(v.roles.map((x) => [x.role, [x.monthDeduction, x.ytdDeduction]]));
