/**
 * Reads one data row of a detected table: normalises each cell by its column kind and reports
 * empty, textual or erroneous values with the sheet, the cell and a Chinese message.
 */
import type { DetectedTable } from './detectTables.js';
import type { IssueList } from './issues.js';
import {
  displayValue,
  isBlank,
  isExcelError,
  normName,
  normText,
  parseDate,
  parseMonth,
  parseNumber,
  parseYesNo,
  isoToSerial,
  serialToIso,
  type Parsed,
} from './normalize.js';
import { pointsToHundredths, yuanToFen } from './rounding.js';
import { address } from './sheets.js';
import { suggest } from './suggest.js';
import type { CellValue } from './types.js';

const EXPECTED: Record<string, string> = {
  number: '数字，如 -2、1.5 或「扣2分」',
  money: '金额（元），如 1200 或 1.5万',
  date: '日期，如 2015-04-02 或 2015年4月2日',
  month: '月份，如 2015-04 或 4月',
  yesno: '是或否（也可填 √/×）',
};

/** Largest magnitude of a number cell (points, counts, days). */
export const MAX_NUMBER = 1e7;
/** Largest amount of money in yuan (一百亿元). */
const MAX_YUAN = 1e10;

/** Shared context of reading: the 年度 and where issues go. */
export interface ReadContext {
  year: number | null;
  issues: IssueList;
  /** First and last serial of the year, filled on first use. */
  yearRange?: [number, number];
}

/** Accessor for one data row; every getter reports its own problems and returns null on them. */
export class RowReader {
  /** The row's cells, looked up once rather than on every getter. */
  private readonly cells: readonly (CellValue | undefined)[] | undefined;

  constructor(
    readonly table: DetectedTable,
    readonly row: number,
    private readonly ctx: ReadContext,
  ) {
    this.cells = table.sheet.rows[row];
  }

  get sheet(): string {
    return this.table.sheet.name;
  }

  has(key: string): boolean {
    return this.table.cols.has(key);
  }

  /** A1 address of a column's cell in this row (the row's first cell when the column is absent). */
  cell(key: string): string {
    return address(this.row, this.table.cols.get(key) ?? Math.min(...this.table.cols.values()));
  }

  raw(key: string): CellValue {
    const col = this.table.cols.get(key);
    return col === undefined ? '' : (this.cells?.[col - this.table.sheet.firstCol] ?? '');
  }

  private header(key: string): string {
    return this.table.def.columns.find((c) => c.key === key)?.header ?? key;
  }

  private required(key: string): boolean {
    return this.table.required.has(key);
  }

  error(key: string, code: string, message: string): void {
    this.ctx.issues.error(this.sheet, this.cell(key), code, message);
  }

  warning(key: string, code: string, message: string): void {
    this.ctx.issues.warning(this.sheet, this.cell(key), code, message);
  }

  /** Reports an empty required cell; true when the cell has a value. */
  private present(key: string, required: boolean): boolean {
    const v = this.raw(key);
    if (!isBlank(v)) return true;
    if (required) this.error(key, 'missing_value', `「${this.header(key)}」不能为空，请填写。`);
    return false;
  }

  private parsed<T>(key: string, kind: string, result: Parsed<T>, required: boolean): T | null {
    if (result.ok) return result.value;
    if (result.reason === 'empty') {
      if (required) this.error(key, 'missing_value', `「${this.header(key)}」不能为空，应填写${EXPECTED[kind]}。`);
      return null;
    }
    const shown = displayValue(this.raw(key));
    if (result.reason === 'error') {
      this.error(key, 'excel_error', `「${this.header(key)}」是错误值「${shown}」（公式出错），应填写${EXPECTED[kind]}。`);
    } else {
      const code = kind === 'date' ? 'invalid_date' : kind === 'month' ? 'invalid_month' : kind === 'yesno' ? 'invalid_value' : 'not_a_number';
      this.error(key, code, `「${this.header(key)}」的值「${shown}」无法识别，应填写${EXPECTED[kind]}。`);
    }
    return null;
  }

  text(key: string, required = this.required(key)): string | null {
    const v = this.raw(key);
    if (isExcelError(v)) {
      this.error(key, 'excel_error', `「${this.header(key)}」是错误值「${displayValue(v)}」（公式出错），请改为实际内容。`);
      return null;
    }
    return this.present(key, required) ? normText(v) : null;
  }

  name(key: string, required = this.required(key)): string | null {
    const t = this.text(key, required);
    return t === null ? null : normName(t);
  }

  number(key: string, required = this.required(key)): number | null {
    return this.bounded(key, this.parsed(key, 'number', parseNumber(this.raw(key)), required), MAX_NUMBER);
  }

  // Bounds keep every product of the integer arithmetic exact (below 2^53) and the JSON finite.
  private bounded(key: string, n: number | null, max: number): number | null {
    if (n === null || Math.abs(n) <= max) return n;
    this.error(key, 'out_of_range', `「${this.header(key)}」的值「${displayValue(this.raw(key))}」超出范围，绝对值不能超过 ${max.toLocaleString('en-US')}。`);
    return null;
  }

  /** A number of points in integer hundredths. */
  points(key: string, required = this.required(key)): number | null {
    const n = this.number(key, required);
    return n === null ? null : pointsToHundredths(n);
  }

  /** An amount of yuan in integer fen. */
  money(key: string, required = this.required(key)): number | null {
    const n = this.bounded(key, this.parsed(key, 'money', parseNumber(this.raw(key)), required), MAX_YUAN);
    return n === null ? null : yuanToFen(n);
  }

  // Compared as numbers: every score and attendance row has a date.
  private inYear(serial: number, year: number): boolean {
    const [first, last] = (this.ctx.yearRange ??= [isoToSerial(`${year}-01-01`), isoToSerial(`${year}-12-31`)]);
    return serial >= first && serial <= last;
  }

  /** A date as an Excel serial, checked to lie in the 年度. */
  date(key: string, required = this.required(key)): number | null {
    const d = this.parsed(key, 'date', parseDate(this.raw(key), this.ctx.year), required);
    if (d !== null && this.ctx.year !== null && !this.inYear(d, this.ctx.year)) {
      this.error(key, 'date_out_of_year', `「${this.header(key)}」${serialToIso(d)} 不在考核年度 ${this.ctx.year} 年内。`);
      return null;
    }
    return d;
  }

  /** A month `YYYY-MM`, checked to lie in the 年度. */
  month(key: string, required = this.required(key)): string | null {
    const m = this.parsed(key, 'month', parseMonth(this.raw(key), this.ctx.year), required);
    if (m !== null && this.ctx.year !== null && !m.startsWith(`${this.ctx.year}-`)) {
      this.error(key, 'date_out_of_year', `「${this.header(key)}」${m} 不在考核年度 ${this.ctx.year} 年内。`);
      return null;
    }
    return m;
  }

  yesNo(key: string): boolean | null {
    return this.parsed(key, 'yesno', parseYesNo(this.raw(key)), false);
  }

  /** One of the listed values (after trimming), with the nearest one suggested. */
  choice<T extends string>(key: string, values: readonly T[], required = this.required(key)): T | null {
    const t = this.name(key, required);
    if (t === null || t === '') return null;
    if ((values as readonly string[]).includes(t)) return t as T;
    const near = suggest(t, values);
    this.error(
      key,
      'invalid_value',
      `「${this.header(key)}」的值「${t}」不是可选值（${values.join('、')}）${near ? `，是否为「${near}」？` : '。'}`,
    );
    return null;
  }
}

/** The reader of each data row of the given tables, in sheet then row order. */
export function* eachRow(tables: readonly DetectedTable[] | undefined, ctx: ReadContext): Generator<RowReader> {
  // One reader at a time: a list of all of them outlives the young generation on a big sheet.
  for (const t of tables ?? []) for (const r of t.rows) yield new RowReader(t, r, ctx);
}
