/**
 * The documented size limits of one workbook (SPEC §6 "Limits"), shared by every side that
 * handles one: the service checks them while reading a request, before the engine runs (413), and
 * the add-in and the browser mode check them before sending. Each is at least twice what the
 * district-year benchmark (`bench/syntheticTown.ts`: 72 sheets, 72,003 rows on 考勤, 1,813,126
 * non-empty cells) needs; docs/security.md lists them with the measurements at each limit.
 */
import { address, parseAddress } from './sheets.js';
import type { Grid } from './types.js';

/** The limits. Rows count every row sent of a sheet, empty ones too (a sheet may come in several grids). */
export const LIMITS = {
  /** Distinct sheets in one workbook. */
  sheets: 200,
  /** Grids (blocks of sheets) in one request: the add-in sends a large sheet in several. */
  grids: 2_000,
  rowsPerSheet: 150_000,
  /** Cells that are neither empty text nor null, over the whole workbook. */
  nonEmptyCells: 4_000_000,
  /** Characters of one cell's text: Excel's own limit, so no real workbook exceeds it. */
  cellTextChars: 32_767,
} as const;

/**
 * The request body as sent (gzip bytes when compressed), the limit of the transport: Lambda takes
 * 6 MB per synchronous invocation and API Gateway hands a gzip body over base64-encoded (4/3), so
 * about 4.4 MB of gzip reaches the function. For workbooks like the benchmark's this binds before
 * the workbook limits (about 1.5 times the district year; docs/security.md).
 */
export const MAX_REQUEST_BYTES = Math.floor(4.4 * 1024 * 1024);

/**
 * The Chinese message for a request body over {@link MAX_REQUEST_BYTES}: what to move out. The
 * year's own months stay (the year-to-date figures and the 定稿 lock need them).
 * @param bytes - the body's size when known (the add-in knows it; the service may stop reading)
 */
export function requestTooLargeMessage(bytes?: number): string {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  const size = bytes === undefined ? '' : `有 ${mb(bytes)} MB，`;
  return `工作簿数据压缩后${size}超过考核服务单次可接收的 ${mb(MAX_REQUEST_BYTES)} MB 上限。请把往年的数据和与考核无关的工作表移到其他工作簿后再试（当年各月的数据要保留：年度累计和已定稿月份的核对都要用到）。`;
}

export type LimitName = keyof typeof LIMITS;
export type Limits = Record<LimitName, number>;

/** A workbook over one of the {@link LIMITS}; the message names the sheet (or cell) and the limit. */
export class LimitExceededError extends Error {
  override readonly name = 'LimitExceededError';

  constructor(
    readonly limit: LimitName,
    readonly sheet: string,
    readonly max: number,
    readonly actual: number,
    message: string,
  ) {
    super(message);
  }
}

/** What a reader found in one grid. */
export interface GridTally {
  name: string;
  /** A1 of the grid's top-left cell (default `A1`), to name the cell of an overlong text. */
  origin?: string;
  rows: number;
  nonEmptyCells: number;
  /** The longest text of the grid and where (0-based row and column in `values`). */
  longestText: { length: number; row: number; column: number };
}

const count = (n: number) => n.toLocaleString('en-US');
const ADVICE = '请把往年或无关的数据移到其他工作簿后再试。';

/** Adds up grids as they are read and throws {@link LimitExceededError} at the first limit passed. */
export class LimitTally {
  private readonly rowsBySheet = new Map<string, number>();
  private grids = 0;
  private cells = 0;

  /** @param limits - {@link LIMITS}; smaller ones in tests */
  constructor(private readonly limits: Limits = LIMITS) {}

  /**
   * Checks a grid still being read against the limits that only grow (rows of its sheet, non-empty
   * cells), so a reader can stop early; the grid is not counted yet.
   */
  checkGrowing(grid: GridTally): void {
    const rows = (this.rowsBySheet.get(grid.name) ?? 0) + grid.rows;
    if (rows > this.limits.rowsPerSheet) throw this.tooManyRows(grid.name, rows);
    if (this.cells + grid.nonEmptyCells > this.limits.nonEmptyCells) throw this.tooManyCells(grid.name, this.cells + grid.nonEmptyCells);
  }

  /** Counts a grid that has been read whole; throws at the first limit passed. */
  addGrid(grid: GridTally): void {
    this.grids += 1;
    if (this.grids > this.limits.grids) {
      throw new LimitExceededError('grids', grid.name, this.limits.grids, this.grids, `请求中的数据块超过 ${count(this.limits.grids)} 块的上限（第 ${count(this.grids)} 块是工作表「${grid.name}」）。${ADVICE}`);
    }
    const rows = (this.rowsBySheet.get(grid.name) ?? 0) + grid.rows;
    this.rowsBySheet.set(grid.name, rows);
    if (this.rowsBySheet.size > this.limits.sheets) {
      throw new LimitExceededError('sheets', grid.name, this.limits.sheets, this.rowsBySheet.size, `工作簿的工作表超过 ${this.limits.sheets} 张的上限（第 ${this.rowsBySheet.size} 张是「${grid.name}」）。${ADVICE}`);
    }
    if (rows > this.limits.rowsPerSheet) throw this.tooManyRows(grid.name, rows);
    this.cells += grid.nonEmptyCells;
    if (this.cells > this.limits.nonEmptyCells) throw this.tooManyCells(grid.name, this.cells);
    const { length, row, column } = grid.longestText;
    if (length > this.limits.cellTextChars) {
      const cell = cellAddress(grid.origin, row, column);
      throw new LimitExceededError('cellTextChars', grid.name, this.limits.cellTextChars, length, `工作表「${grid.name}」的单元格 ${cell} 有 ${count(length)} 个字符，超过每个单元格 ${count(this.limits.cellTextChars)} 个字符的上限。请缩短该单元格的内容后再试。`);
    }
  }

  // The counts found so far go into `actual`; the messages leave them out, as a reader that stops early knows only a lower bound.
  private tooManyRows(sheet: string, rows: number): LimitExceededError {
    return new LimitExceededError('rowsPerSheet', sheet, this.limits.rowsPerSheet, rows, `工作表「${sheet}」的行数超过每张工作表 ${count(this.limits.rowsPerSheet)} 行的上限。${ADVICE}`);
  }

  private tooManyCells(sheet: string, cells: number): LimitExceededError {
    return new LimitExceededError('nonEmptyCells', sheet, this.limits.nonEmptyCells, cells, `工作簿的非空单元格超过 ${count(this.limits.nonEmptyCells)} 个的上限（读到工作表「${sheet}」时超过）。${ADVICE}`);
  }
}

/** Checks grids already in memory (the add-in and the browser mode, before sending). */
export function checkGridLimits(grids: readonly Grid[], limits: Limits = LIMITS): void {
  const tally = new LimitTally(limits);
  for (const grid of grids) {
    const longestText = { length: 0, row: 0, column: 0 };
    let nonEmptyCells = 0;
    grid.values.forEach((values, row) =>
      values.forEach((value, column) => {
        if (value === null || value === undefined || value === '') return;
        nonEmptyCells += 1;
        if (typeof value === 'string' && value.length > longestText.length) Object.assign(longestText, { length: value.length, row, column });
      }),
    );
    tally.addGrid({ name: grid.name, origin: grid.origin, rows: grid.values.length, nonEmptyCells, longestText });
  }
}

function cellAddress(origin: string | undefined, row: number, column: number): string {
  const start = parseAddress(origin ?? 'A1') ?? { row: 1, col: 1 };
  return address(start.row + row, start.col + column);
}
