/**
 * Fast paths of the columnar reader: the common cell (a plain number, a plain text without outer
 * spaces or error values) read straight from the sheet's row array, with no reader object and no
 * regular expression. Each function returns `undefined` whenever the cell is not that common
 * case; the row is then read by {@link RowReader}, which normalises and reports exactly as
 * before. A fast path therefore never changes a result: it only answers where the full reader
 * would give the same value and no issue.
 */
import { isoToSerial, parseMonth, serialMonth } from './normalize.js';
import type { ReadContext } from './rowReader.js';
import type { DetectedTable } from './detectTables.js';
import type { CellValue } from './types.js';

/** Whether a UTF-16 code unit may be whitespace to the normaliser (controls included, to be safe). */
function isSpaceLike(c: number): boolean {
  if (c <= 0x20) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200d) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x2060 || c === 0x3000 || c === 0xfeff;
}

/**
 * The text of a cell that normalises to itself: a non-empty string with no outer whitespace that
 * cannot be an Excel error value (those all start with `#`).
 */
export function plainText(v: CellValue | undefined): string | undefined {
  if (typeof v !== 'string' || v.length === 0) return undefined;
  const first = v.charCodeAt(0);
  return first === 0x23 || isSpaceLike(first) || isSpaceLike(v.charCodeAt(v.length - 1)) ? undefined : v;
}

/** A number cell within `max` in magnitude (what `RowReader.number` accepts without a word). */
export function plainNumber(v: CellValue | undefined, max: number): number | undefined {
  return typeof v === 'number' && Math.abs(v) <= max ? v + 0 : undefined;
}

/** First and last serial of the 年度, or null without a 年度. */
export function yearRange(ctx: ReadContext): readonly [number, number] | null {
  if (ctx.year === null) return null;
  return (ctx.yearRange ??= [isoToSerial(`${ctx.year}-01-01`), isoToSerial(`${ctx.year}-12-31`)]);
}

/** A date typed as a serial of the 年度, as its whole day. */
export function plainDate(v: CellValue | undefined, range: readonly [number, number] | null): number | undefined {
  return range !== null && typeof v === 'number' && v >= range[0] && v < range[1] + 1 ? Math.floor(v) : undefined;
}

/** `serialMonth` remembered per serial (an array over the year, a map beyond it): a year's entries share a few hundred dates. */
export class MonthOf {
  private readonly inYear: (string | undefined)[] = new Array<string | undefined>(400);
  private readonly others = new Map<number, string>();

  constructor(private readonly first = 0) {}

  of(serial: number): string {
    const day = serial - this.first;
    if (day >= 0 && day < 400) return (this.inYear[day] ??= serialMonth(serial));
    let month = this.others.get(serial);
    if (month === undefined) this.others.set(serial, (month = serialMonth(serial)));
    return month;
  }
}

/** The months that cells name, remembered per value: a column of months repeats a dozen values. */
export class MonthCells {
  private readonly months = new Map<CellValue, string | null>();

  constructor(private readonly year: number | null) {}

  /** The month `YYYY-MM` of the 年度 a cell names, or undefined when the full reader must read it. */
  of(v: CellValue | undefined): string | undefined {
    if (this.year === null || (typeof v !== 'string' && typeof v !== 'number')) return undefined;
    let month = this.months.get(v);
    if (month === undefined) {
      const parsed = parseMonth(v, this.year);
      this.months.set(v, (month = parsed.ok && parsed.value.startsWith(`${this.year}-`) ? parsed.value : null));
    }
    return month ?? undefined;
  }
}

/** Where each column of a table is in its sheet's row arrays (see `Sheet.firstCol`), -1 for a column the table lacks. */
export function columnsOf<K extends string>(t: DetectedTable, keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, t.cols.has(k) ? t.cols.get(k)! - t.sheet.firstCol : -1])) as Record<K, number>;
}

/** Whether a cell is empty as sent: a hole, `null` or `''` (whitespace is for the full reader). */
export const emptyCell = (v: CellValue | undefined): boolean => v === undefined || v === null || v === '';
