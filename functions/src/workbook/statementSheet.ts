/**
 * 村考核明细 (SPEC §5): one A4 portrait block per village, in 村 order, separated by page breaks —
 * the month's figures, every score entry as it counted (with its 申诉), 问责 and finance
 * deductions, the four roles' deductions, the 月度得分 of months 1..m as in-cell bars, and a line
 * for the village to sign. Its data comes from compute's `statements`.
 */
import type { Workbook, Worksheet } from 'exceljs';
import type { AssessmentResult, CellValue, VillageResult, VillageStatement } from '../domain/types.js';
import { addPrintableSheet, BORDERS, ConditionalFormats, fitRowHeight, NUMBER_FORMATS, type NumberFormat, period, styleHeaderCell } from './sheetLayout.js';

/** The eight columns every block shares: widths in characters and their use in the entry table. */
const COLUMNS = [
  { header: '日期', width: 11 },
  { header: '考核组', width: 9 },
  { header: '细则编号', width: 8 },
  { header: '项目', width: 15, wrap: true },
  { header: '加减分', width: 7, format: 'points' as NumberFormat },
  { header: '原因', width: 20, wrap: true },
  { header: '责任人', width: 8, wrap: true },
  { header: '申诉', width: 12, wrap: true },
] as const;
const LAST_COLUMN = COLUMNS.length;

const BAR_COLOR = 'FF5B9BD5';
const TREND_ROW_POINTS = 20;

/** Writes the rows of one sheet top down. */
class BlockWriter {
  row = 1;
  constructor(readonly sheet: Worksheet) {}

  /** One merged line across all columns. */
  line(text: string, options: { bold?: boolean; size?: number; height?: number; align?: 'left' | 'center' } = {}): number {
    const r = this.row++;
    const cell = this.sheet.getCell(r, 1);
    cell.value = text;
    cell.font = { bold: options.bold ?? false, size: options.size ?? 11 };
    cell.alignment = { horizontal: options.align ?? 'left', vertical: 'middle', wrapText: true };
    this.sheet.mergeCells(r, 1, r, LAST_COLUMN);
    if (options.height) this.sheet.getRow(r).height = options.height;
    return r;
  }

  /**
   * One bordered row; `cells` are `[value, span, format?]` laid out left to right, a span > 1 merged.
   * Wrapped text grows the row.
   */
  cells(cells: readonly (readonly [CellValue, number, NumberFormat?])[], header = false): number {
    const r = this.row++;
    let column = 1;
    const wrapped: { text: string; width: number }[] = [];
    for (const [value, span, format] of cells) {
      const cell = this.sheet.getCell(r, column);
      if (value !== null) cell.value = value;
      const width = COLUMNS.slice(column - 1, column - 1 + span).reduce((s, c) => s + c.width, 0);
      if (header) styleHeaderCell(cell);
      else {
        cell.border = BORDERS;
        cell.alignment = { vertical: 'middle', wrapText: true };
        if (format) cell.numFmt = NUMBER_FORMATS[format];
        wrapped.push({ text: String(value ?? ''), width });
      }
      for (let c = column + 1; c < column + span; c++) this.sheet.getCell(r, c).border = BORDERS;
      if (span > 1) this.sheet.mergeCells(r, column, r, column + span - 1);
      column += span;
    }
    fitRowHeight(wrapped, this.sheet.getRow(r));
    return r;
  }

  skip(): void {
    this.row++;
  }
}

const one = (value: CellValue, format?: NumberFormat) => [value, 1, format] as const;

function writeBlock(w: BlockWriter, title: string, v: VillageResult, s: VillageStatement, bars: ConditionalFormats): void {
  w.line(`${title} ${v.village} 目标管理考核明细`, { bold: true, size: 14, height: 30, align: 'center' });
  w.cells(['本月加分', '本月扣分', '本月得分', '本月排名', '累计加分', '累计扣分', '累计得分', '累计排名'].map((h) => one(h)), true);
  w.cells([
    one(v.monthBonus, 'points'),
    one(v.monthDeduction, 'points'),
    one(v.monthScore, 'points'),
    one(v.monthRank, 'integer'),
    one(v.ytdBonus, 'points'),
    one(v.ytdDeduction, 'points'),
    one(v.ytdScore, 'points'),
    one(v.ytdRank, 'integer'),
  ]);

  w.line('一、本月加减分记录（加减分为实际计入的分值）', { bold: true });
  w.cells(COLUMNS.map((c) => one(c.header)), true);
  if (s.entries.length === 0) w.cells([['本月无加减分记录。', LAST_COLUMN]]);
  for (const e of s.entries) {
    w.cells([one(e.date), one(e.group), one(e.rule), one(e.item), one(e.points, 'points'), one(e.reason), one(e.responsible), one(e.appeal)]);
  }

  w.line('二、问责及村级财务扣分', { bold: true });
  w.cells([one('日期'), ['事项', 3], one('扣分'), ['事由', 3]], true);
  if (s.deductions.length === 0) w.cells([['本月无问责及财务扣分。', LAST_COLUMN]]);
  for (const d of s.deductions) w.cells([one(d.date), [d.what, 3], one(d.points, 'points'), [d.reason, 3]]);

  w.line('三、村干部扣分责任分解', { bold: true });
  w.cells([one('岗位'), ...v.roles.map((r) => one(r.role))], true);
  w.cells([one('姓名'), ...v.roles.map((r) => one(r.name))]);
  w.cells([one('本月扣分'), ...v.roles.map((r) => one(r.monthDeduction, 'points'))]);
  w.cells([one('累计扣分'), ...v.roles.map((r) => one(r.ytdDeduction, 'points'))]);

  w.line('四、月度得分走势', { bold: true });
  w.cells([one('月份'), one('月度得分'), ['走势', LAST_COLUMN - 2]], true);
  const first = w.row;
  s.monthScores.forEach((score, i) => {
    const r = w.cells([one(`${i + 1}月`), one(score, 'points'), [score, LAST_COLUMN - 2]]);
    // The bar cell repeats the score for its data bar and hides the number.
    w.sheet.getCell(r, 3).numFmt = ';;;';
    w.sheet.getRow(r).height = TREND_ROW_POINTS;
  });
  if (s.monthScores.length > 0) {
    // Bars start a little below the lowest month so that it still shows one.
    const low = Math.floor(Math.min(...s.monthScores)) - 5;
    bars.dataBar(`C${first}:C${w.row - 1}`, BAR_COLOR, { min: low, max: Math.max(...s.monthScores, low + 1) });
  }

  w.skip();
  w.line('村（居）签收：________________    日期：________________', { height: 36 });
}

/** Writes 村考核明细: one page per village, in 村 order. */
export function writeStatementSheet(workbook: Workbook, result: AssessmentResult): Worksheet {
  const title = period(result);
  const sheet = addPrintableSheet(workbook, '村考核明细', {
    title: `${title}村（居）目标管理考核明细`,
    orientation: 'portrait',
    headerRows: 0,
    freezeColumns: 0,
  });
  COLUMNS.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  const w = new BlockWriter(sheet);
  const bars = new ConditionalFormats(sheet);
  result.villages.forEach((v, i) => {
    const statement = result.statements.find((s) => s.village === v.village);
    if (!statement) return;
    if (i > 0) sheet.getRow(w.row - 1).addPageBreak();
    writeBlock(w, title, v, statement, bars);
  });
  return sheet;
}
