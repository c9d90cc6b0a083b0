/**
 * Writes the result sheets of SPEC §5 into an ExcelJS workbook, formatted to print on A4.
 * No node:fs here: the browser mode reuses it before `wb.xlsx.writeBuffer()`.
 */
import type { Workbook, Worksheet } from 'exceljs';
import { omittedIssuesNote } from '../domain/issueCap.js';
import { yuanToFen } from '../domain/rounding.js';
import { RESULT_SHEETS } from '../domain/tables.js';
import type { AssessmentResult, CellValue, GroupResult, Issue } from '../domain/types.js';
import {
  addPrintableSheet,
  addTableSheet,
  type ColumnSpec,
  columnLetter,
  ConditionalFormats,
  fitRowHeight,
  type HeaderBand,
  period,
  solidFill,
  type TablePlacement,
} from './sheetLayout.js';
import { writeStatementSheet } from './statementSheet.js';

type ResultSheet = (typeof RESULT_SHEETS)[number];

/** Name of the pseudo-group of SPEC §5 that holds 问责 and finance deductions. */
const OTHER_GROUP = '其他';
const LAST_PLACE_FILL = 'FFFFC7CE';
const FIRST_PLACE_FILL = 'FFC6EFCE';
const TOTAL_FILL = 'FFF2F2F2';
const BAR_COLOR = 'FF5B9BD5';
const BULLETIN_WIDTH = 80;
/** `一、对村考核`: a section heading of the 通报, printed bold. */
const SECTION_HEADING = /^[一二三四五六七八九十]+、/;

const yesNo = (value: boolean): string => (value ? '是' : '否');

/** `A3:J12`-style reference of the data rows of one column. */
const columnRef = (table: TablePlacement, column: number): string =>
  `${columnLetter(column)}${table.firstRow}:${columnLetter(column)}${table.lastRow}`;

const hasRows = (table: TablePlacement): boolean => table.lastRow >= table.firstRow;

function writeVillageSheet(workbook: Workbook, result: AssessmentResult): Worksheet {
  const groups = [...result.groups.map((g) => g.group), OTHER_GROUP];
  const score = (header: string, format: ColumnSpec['format'] = 'points'): ColumnSpec => ({ header, width: 9, format });
  const periodColumns = [score('加分'), score('扣分'), score('得分'), score('排名', 'integer')];
  const columns: ColumnSpec[] = [
    { header: '序号', width: 6, format: 'integer' },
    { header: '村名', width: 14 },
    ...periodColumns,
    ...periodColumns,
    ...groups.flatMap(() => [score('本月加分'), score('本月扣分')]),
  ];
  const bands: HeaderBand[] = [
    { span: 1 },
    { span: 1 },
    { title: '本月', span: 4 },
    { title: '累计', span: 4 },
    ...groups.map((group) => ({ title: group, span: 2 })),
  ];
  const rows = result.villages.map((v, index): CellValue[] => [
    index + 1,
    v.village,
    v.monthBonus,
    v.monthDeduction,
    v.monthScore,
    v.monthRank,
    v.ytdBonus,
    v.ytdDeduction,
    v.ytdScore,
    v.ytdRank,
    ...groups.flatMap((group) => [v.byGroup[group]?.bonus ?? 0, v.byGroup[group]?.deduction ?? 0]),
  ]);
  const table = addTableSheet(workbook, '考核结果-村', {
    title: `${period(result)}对村考核结果`,
    columns,
    bands,
    rows,
    freezeColumns: 2,
    orientation: 'landscape',
  });
  if (hasRows(table)) {
    const formats = new ConditionalFormats(table.worksheet);
    const lastColumn = columnLetter(columns.length);
    const rowsRef = `A${table.firstRow}:${lastColumn}${table.lastRow}`;
    const monthRank = `$F${table.firstRow}`;
    const rankRange = `$F$${table.firstRow}:$F$${table.lastRow}`;
    formats.fillWhen(rowsRef, `${monthRank}=MAX(${rankRange})`, LAST_PLACE_FILL);
    formats.fillWhen(rowsRef, `${monthRank}=1`, FIRST_PLACE_FILL);
    const deductionColumns = [4, 8, ...groups.map((_, i) => 12 + 2 * i)];
    formats.redWhenPositive(deductionColumns.map((c) => columnRef(table, c)));
    // ExcelJS cannot write charts: the bar chart of 月度得分 is drawn as in-cell data bars.
    formats.dataBar(columnRef(table, 5), BAR_COLOR);
  }
  return table.worksheet;
}

const GROUP_COLUMNS: readonly (ColumnSpec & { value: (g: GroupResult) => CellValue })[] = [
  { header: '组名', width: 14, value: (g) => g.group },
  { header: '组长', width: 9, value: (g) => g.leader },
  { header: '督查得分', width: 9, format: 'points', value: (g) => g.inspectionScore },
  { header: '计划项数', width: 8, format: 'integer', value: (g) => g.planItems },
  { header: '计划完成率', width: 10, format: 'rate', value: (g) => g.planCompletion },
  { header: '按时完成率', width: 10, format: 'rate', value: (g) => g.onTimeCompletion },
  { header: '月度得分', width: 9, format: 'points', value: (g) => g.monthScore },
  { header: '缺签次数', width: 8, format: 'integer', value: (g) => g.missedSignIns },
  { header: '旷工天数', width: 8, value: (g) => g.absentDays },
  { header: '组长扣款', width: 12, format: 'money', value: (g) => g.leaderPenalty },
  { header: '月度经费基数', width: 13, format: 'money', value: (g) => g.fundBase },
  { header: '应发经费', width: 13, format: 'money', value: (g) => g.fundPaid },
  { header: '暂扣经费', width: 12, format: 'money', value: (g) => g.fundWithheld },
  { header: '累计应发', width: 14, format: 'money', value: (g) => g.ytdFundPaid },
  { header: '前进位次', width: 8, format: 'integer', value: (g) => g.rankAdvance },
  { header: '进类', width: 6, value: (g) => yesNo(g.classImproved) },
  { header: '奖励', width: 12, format: 'money', value: (g) => g.reward },
  { header: '全区末位', width: 8, value: (g) => yesNo(g.lastInDistrict) },
  { header: '评先评优资格', width: 12, value: (g) => yesNo(g.awardEligible) },
];

/** 1-based column of a header in GROUP_COLUMNS. */
const groupColumn = (header: string): number => GROUP_COLUMNS.findIndex((c) => c.header === header) + 1;

function writeGroupSheet(workbook: Workbook, result: AssessmentResult): Worksheet {
  const table = addTableSheet(workbook, '考核结果-组', {
    title: `${period(result)}各组考核结果`,
    columns: GROUP_COLUMNS,
    rows: result.groups.map((g) => GROUP_COLUMNS.map((c) => c.value(g))),
    freezeColumns: 1,
    orientation: 'landscape',
  });
  if (hasRows(table)) {
    const formats = new ConditionalFormats(table.worksheet);
    const last = `$${columnLetter(groupColumn('全区末位'))}${table.firstRow}`;
    formats.fillWhen(
      `A${table.firstRow}:${columnLetter(GROUP_COLUMNS.length)}${table.lastRow}`,
      `${last}="是"`,
      LAST_PLACE_FILL,
    );
    formats.redWhenPositive([columnRef(table, groupColumn('组长扣款')), columnRef(table, groupColumn('暂扣经费'))]);
    formats.redWhenEqual(columnRef(table, groupColumn('评先评优资格')), '否');
  }
  return table.worksheet;
}

function writeResponsibilitySheet(workbook: Workbook, result: AssessmentResult): Worksheet {
  const table = addTableSheet(workbook, '责任分解', {
    title: `${period(result)}村干部扣分责任分解`,
    columns: [
      { header: '村名', width: 14 },
      { header: '岗位', width: 8 },
      { header: '姓名', width: 10 },
      { header: '本月扣分', width: 10, format: 'points' },
      { header: '累计扣分', width: 10, format: 'points' },
    ],
    rows: result.villages.flatMap((v) =>
      v.roles.map((r): CellValue[] => [v.village, r.role, r.name, r.monthDeduction, r.ytdDeduction]),
    ),
    freezeColumns: 1,
    orientation: 'portrait',
  });
  if (hasRows(table)) new ConditionalFormats(table.worksheet).redWhenPositive([columnRef(table, 4), columnRef(table, 5)]);
  return table.worksheet;
}

const FUND_FIELDS = ['fundBase', 'fundPaid', 'fundWithheld', 'ytdFundPaid', 'leaderPenalty', 'reward'] as const;

/** Column sums of money in yuan, added as integer fen so that 0.10 + 0.20 is exactly 0.30. */
function fundTotals(groups: readonly GroupResult[]): number[] {
  return FUND_FIELDS.map((field) => groups.reduce((fen, g) => fen + yuanToFen(g[field]), 0) / 100);
}

function writeFundSheet(workbook: Workbook, result: AssessmentResult): Worksheet {
  const money = (header: string): ColumnSpec => ({ header, width: 14, format: 'money' });
  const table = addTableSheet(workbook, '经费发放', {
    title: `${period(result)}工作经费发放表`,
    columns: [
      { header: '组名', width: 14 },
      { header: '组长', width: 9 },
      money('月度经费基数'),
      money('应发经费'),
      money('暂扣经费'),
      money('累计应发'),
      money('组长扣款'),
      money('奖励'),
    ],
    rows: [
      ...result.groups.map((g): CellValue[] => [g.group, g.leader, ...FUND_FIELDS.map((field) => g[field])]),
      ['合计', null, ...fundTotals(result.groups)],
    ],
    freezeColumns: 1,
    orientation: 'landscape',
  });
  const totalRow = table.worksheet.getRow(table.lastRow);
  totalRow.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = { bold: true };
    cell.fill = solidFill(TOTAL_FILL);
  });
  if (table.lastRow > table.firstRow) {
    const groupRows = { ...table, lastRow: table.lastRow - 1 };
    new ConditionalFormats(table.worksheet).redWhenPositive([columnRef(groupRows, 5), columnRef(groupRows, 7)]);
  }
  return table.worksheet;
}

function writeBulletinSheet(workbook: Workbook, result: AssessmentResult): Worksheet {
  const title = `${period(result)}目标管理考核通报`;
  const worksheet = addPrintableSheet(workbook, '通报', { title, orientation: 'portrait', headerRows: 0, freezeColumns: 0 });
  worksheet.getColumn(1).width = BULLETIN_WIDTH;
  // LibreOffice clips the left edge of a centred one-column page; the bulletin prints flush left.
  worksheet.pageSetup.horizontalCentered = false;
  const titleCell = worksheet.getCell('A1');
  titleCell.value = title;
  titleCell.font = { bold: true, size: 16 };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  worksheet.getRow(1).height = 30;
  // The engine may open the bulletin with the same title; print it once.
  const lines = result.bulletin[0] === title ? result.bulletin.slice(1) : result.bulletin;
  lines.forEach((line, index) => {
    const row = worksheet.getRow(index + 2);
    const cell = row.getCell(1);
    cell.value = line;
    cell.font = { size: 12, bold: SECTION_HEADING.test(line) };
    cell.alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
    fitRowHeight([{ text: line, width: BULLETIN_WIDTH }], row, 12);
  });
  return worksheet;
}

const SEVERITY_TEXT: Record<Issue['severity'], string> = { error: '错误', warning: '警告' };
const ISSUE_COLUMNS: readonly ColumnSpec[] = [
  { header: '工作表', width: 16 },
  { header: '单元格', width: 8 },
  { header: '级别', width: 6 },
  { header: '代码', width: 26 },
  { header: '说明', width: 64, wrap: true },
];

function writeIssueSheet(workbook: Workbook, result: AssessmentResult): Worksheet {
  const table = addTableSheet(workbook, '校验问题', {
    title: `${period(result)}考核数据校验问题`,
    columns: ISSUE_COLUMNS,
    rows: result.issues.map((i): CellValue[] => [i.sheet, i.cell, SEVERITY_TEXT[i.severity], i.code, i.message]),
    freezeColumns: 0,
    orientation: 'landscape',
  });
  const { worksheet } = table;
  if (hasRows(table)) {
    const formats = new ConditionalFormats(worksheet);
    formats.redWhenEqual(columnRef(table, 3), SEVERITY_TEXT.error);
  } else {
    worksheet.getCell(table.firstRow, 1).value = '未发现问题';
    worksheet.mergeCells(table.firstRow, 1, table.firstRow, ISSUE_COLUMNS.length);
  }
  const note = omittedIssuesNote(result);
  if (note) {
    const row = worksheet.getRow(table.lastRow + 2);
    row.getCell(1).value = note;
    row.getCell(1).font = { bold: true, color: { argb: 'FFC00000' } };
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    worksheet.mergeCells(row.number, 1, row.number, ISSUE_COLUMNS.length);
    fitRowHeight([{ text: note, width: ISSUE_COLUMNS.reduce((sum, column) => sum + column.width, 0) }], row, 11);
  }
  return worksheet;
}

const WRITERS: Record<ResultSheet, (workbook: Workbook, result: AssessmentResult) => Worksheet> = {
  '考核结果-村': writeVillageSheet,
  '考核结果-组': writeGroupSheet,
  责任分解: writeResponsibilitySheet,
  经费发放: writeFundSheet,
  通报: writeBulletinSheet,
  村考核明细: writeStatementSheet,
  校验问题: writeIssueSheet,
};

/** Opens the workbook on `worksheet`; only that tab is selected, so no sheets end up grouped. */
function activate(workbook: Workbook, worksheet: Worksheet): void {
  const index = workbook.worksheets.indexOf(worksheet);
  // A loaded workbook whose file has no window settings has no views at all.
  const [view] = workbook.views ?? [];
  workbook.views = [
    {
      x: view?.x ?? 0,
      y: view?.y ?? 0,
      width: view?.width ?? 28800,
      height: view?.height ?? 17600,
      visibility: 'visible',
      firstSheet: Math.min(view?.firstSheet ?? 0, index),
      activeTab: index,
    },
  ];
  for (const sheet of workbook.worksheets) {
    // ExcelJS reads and writes tabSelected but leaves it out of its typings; a loaded sheet may have no views.
    const views = (sheet.views ?? []) as { tabSelected?: boolean }[];
    for (const sheetView of views) sheetView.tabSelected = sheet === worksheet;
  }
}

/**
 * Writes the result sheets after the input sheets, replacing earlier ones of the same names,
 * and opens the workbook on the first of them. With status `invalid` only 校验问题 is replaced:
 * the previous results stay in place (SPEC §3: an error blocks the whole result).
 */
export function writeResultSheets(workbook: Workbook, result: AssessmentResult): void {
  const sheets: readonly ResultSheet[] = result.status === 'ok' ? RESULT_SHEETS : ['校验问题'];
  for (const name of sheets) {
    const existing = workbook.getWorksheet(name);
    if (existing) workbook.removeWorksheet(existing.id);
  }
  const written = sheets.map((name) => WRITERS[name](workbook, result));
  if (written[0]) activate(workbook, written[0]);
}
