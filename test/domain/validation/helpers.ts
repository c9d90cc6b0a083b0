/**
 * Helpers of the validation and detection tests: a clean town without any issue, cell edits by A1
 * address, and the comparison of two results regardless of where their cells sit.
 */
import { expect } from 'vitest';
import { compute, TABLES } from '../../../functions/src/domain/index.js';
import { parseAddress } from '../../../functions/src/domain/sheets.js';
import type { AssessmentResult, ComputeOptions, Grid, Issue } from '../../../functions/src/domain/types.js';
import { d, smallTown, toGrids, type Book, type Rows } from '../fixtures.js';

/** A fresh copy of the canonical header row of a table, by its sheet name (SPEC §2 column order). */
export function headerOf(sheet: string): string[] {
  const def = TABLES.find((t) => t.sheet === sheet);
  if (!def) throw new Error(`no table ${sheet}`);
  return def.columns.map((c) => c.header);
}

/** Members of the fixture's groups, who each need a plan item to avoid `plan_missing`. */
const GROUP_MEMBERS = ['王组长', '张三', '李四', '赵组长', '钱五'];

/** The fixture's town plus one completed April plan item per group member: it computes without any issue. */
export function cleanTown(): Book {
  const book = smallTown();
  book['月度计划'] = [headerOf('月度计划'), ...GROUP_MEMBERS.map((name) => ['2015-04', name, '完成本月工作', '4月30日', '已完成'])];
  return book;
}

/**
 * The clean town with something on every optional sheet: score entries of March and April (with
 * 责任人, splits and a capped bonus), attendance, leaves, 问责, village finance and 民调.
 */
export function richTown(): Book {
  const book = cleanTown();
  book['对村考核']!.push(
    [d('2015-03-10'), '新塘村', 'JS-01', -3, '政策外生育一例', '计生组', '', '张三'],
    [d('2015-04-02'), '花桥街村', 'JS-01', -2, '孕检率未达标', '计生组', '', '张三'],
    [d('2015-04-03'), '花桥街村', 'JS-01', 2, '宣传到位', '计生组', '', '张三'],
    [d('2015-04-08'), '花桥街村', 'JS-01', 2, '服务到位', '计生组', '', '张三'],
    [d('2015-04-09'), '新塘村', 'JS-02', -1.5, '流动人口台账缺失', '计生组', '专干', '李四'],
    [d('2015-04-10'), '毛家村', 'ZF-01', -4, '信访积案', '政法组', '毛主任', '钱五'],
    [d('2015-04-12'), '毛家村', 'ZF-03', -1, '安全隐患未整改', '政法组', '', '钱五'],
    [d('2015-04-15'), '新塘村', 'ZF-02', 1.5, '民调宣传到位', '政法组', '', '钱五'],
  );
  book['考勤'] = [
    headerOf('考勤'),
    [d('2015-04-07'), '张三', '定时查岗', '缺签', '', '效能办'],
    [d('2015-04-08'), '李四', '不定时抽查', '旷工', 2, '效能办'],
    [d('2015-04-09'), '钱五', '节假日值班', '迟到', '', '效能办'],
    [d('2015-04-14'), '钱五', '定时查岗', '请假', '', '效能办'],
    [d('2015-04-20'), '王组长', '定时查岗', '缺签', '', '效能办'],
  ];
  book['请假'] = [
    headerOf('请假'),
    ['张三', d('2015-04-20'), d('2015-04-20'), 1, '看病', '王组长', ''],
    ['李四', d('2015-04-27'), d('2015-05-01'), 5, '探亲', '王组长', '李四'],
  ];
  book['问责'] = [
    ['日期', '姓名', '单位', '情形', '事由', '处理', '扣分'],
    [d('2015-04-16'), '毛专干', '毛家村', '慢作为', '群众来信未按时办结', '通报批评', 2],
    [d('2015-04-17'), '钱五', '政法组', '不作为', '值班脱岗', '诫勉谈话', ''],
  ];
  book['村级财务'] = [
    headerOf('村级财务'),
    [d('2015-04-03'), '新塘村', '收入', 1200, '否', '', ''],
    [d('2015-04-05'), '新塘村', '支出', 300, '', 'BZ-001', ''],
    [d('2015-04-06'), '毛家村', '资源处置', 5000, '', '', ''],
  ];
  book['民调'] = [headerOf('民调'), ['花桥街村', 100, 96, 50, 50, '2015-04'], ['新塘村', 80, 80, 40, 38, '']];
  return book;
}

/** Runs the engine on a book. */
export function run(book: Book, options?: ComputeOptions): AssessmentResult {
  return compute(toGrids(book), options);
}

/** Writes a value at an A1 address of a sheet, growing the sheet as needed. */
export function setCell(book: Book, sheet: string, a1: string, value: string | number | boolean): void {
  const at = parseAddress(a1);
  if (!at) throw new Error(`not an A1 address: ${a1}`);
  const rows = (book[sheet] ??= []);
  while (rows.length < at.row) rows.push([]);
  const row = rows[at.row - 1]!;
  while (row.length < at.col) row.push('');
  row[at.col - 1] = value;
}

/** Removes a column, found by its header in the first row, from every row of a sheet. */
export function removeColumn(book: Book, sheet: string, header: string): void {
  const rows = book[sheet]!;
  const col = rows[0]!.indexOf(header);
  if (col < 0) throw new Error(`no column ${header} on ${sheet}`);
  for (const row of rows) row.splice(col, 1);
}

/** An issue without its message, for exact comparison. */
export type Located = Pick<Issue, 'sheet' | 'cell' | 'severity' | 'code'>;

const locate = ({ sheet, cell, severity, code }: Issue): Located => ({ sheet, cell, severity, code });

/**
 * Asserts that the result holds exactly the expected issues (in any order) and that each message is
 * Chinese and quotes the given texts.
 */
export function expectIssues(result: AssessmentResult, expected: readonly (Located & { quotes?: readonly string[] })[]): void {
  expect(sortLocated(result.issues.map(locate))).toEqual(sortLocated(expected.map(locateExpected)));
  for (const e of expected) {
    const issue = result.issues.find((i) => i.sheet === e.sheet && i.cell === e.cell && i.code === e.code)!;
    expect(issue.message).toMatch(/\p{Script=Han}/u);
    for (const q of e.quotes ?? []) expect(issue.message).toContain(q);
  }
}

const locateExpected = ({ sheet, cell, severity, code }: Located): Located => ({ sheet, cell, severity, code });
const sortLocated = (xs: Located[]): Located[] => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Asserts that the result is `invalid` with only the issue list filled (SPEC §3, §5). */
export function expectBlocked(result: AssessmentResult): void {
  expect(result.status).toBe('invalid');
  expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
  expect({
    villages: result.villages,
    groups: result.groups,
    staff: result.staff,
    leaves: result.leaves,
    finance: result.finance,
    survey: result.survey,
    accountability: result.accountability,
    bulletin: result.bulletin,
  }).toEqual({ villages: [], groups: [], staff: [], leaves: [], finance: [], survey: [], accountability: [], bulletin: [] });
}

// An A1 address inside a message, e.g. 「对村考核」D2 or 首次在 A2.
const ADDRESS_IN_TEXT = /(?<![A-Za-z0-9-])\$?[A-Z]{1,3}\$?\d+(?![A-Za-z0-9])/gu;

/**
 * The result with every cell address removed (issue and leave cells, addresses quoted in messages),
 * so that two layouts of the same workbook compare equal.
 */
export function withoutAddresses(result: AssessmentResult): unknown {
  const strip = (text: string) => text.replace(ADDRESS_IN_TEXT, '@');
  return {
    ...result,
    issues: result.issues.map((i) => ({ ...i, cell: '@', message: strip(i.message) })),
    leaves: result.leaves.map((l) => ({ ...l, cell: '@', reason: l.reason === null ? null : strip(l.reason) })),
    bulletin: result.bulletin.map(strip),
  };
}

/** A copy of a book with every sheet's rows changed by `f`. */
export function mapSheets(book: Book, f: (rows: Rows, sheet: string) => Rows): Book {
  return Object.fromEntries(Object.entries(book).map(([sheet, rows]) => [sheet, f(rows.map((r) => [...r]), sheet)]));
}

/** The rows with the given banner rows (titles, merged cells as Excel hands them over) put on top. */
export const withBanner = (rows: Rows, banner: Rows): Rows => [...banner.map((r) => [...r]), ...rows];

/** The rows with their columns reordered: column `order[i]` becomes column i. Ragged rows are padded. */
export function permuteColumns(rows: Rows, order: readonly number[]): Rows {
  return rows.map((r) => order.map((c) => r[c] ?? ''));
}

/** The rows with header cells (first row) renamed through `names`. */
export function renameHeaders(rows: Rows, names: Readonly<Record<string, string>>): Rows {
  return rows.map((r, i) => (i === 0 ? r.map((h) => (typeof h === 'string' ? (names[h] ?? h) : h)) : r));
}

/**
 * The book as grids with each sheet cut in two row chunks, as the add-in sends a large sheet:
 * rows before `at` from A1, the rest from A<at+1>.
 */
export function chunkedGrids(book: Book, at: (rows: Rows) => number): Grid[] {
  return Object.entries(book).flatMap(([name, values]) => {
    const k = Math.min(at(values), values.length);
    return [
      { name, origin: 'A1', values: values.slice(0, k) },
      { name, origin: `A${k + 1}`, values: values.slice(k) },
    ];
  });
}
