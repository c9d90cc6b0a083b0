/**
 * Turns the grids Excel hands over into whole sheets addressed by row and column,
 * joining the chunks of a sheet that arrived in several parts.
 */
import type { CellValue, Grid } from './types.js';

/**
 * A sheet assembled from its grids. Rows are 1-based as in Excel; each row holds the cells from
 * column {@link Sheet.firstCol} on, so cell (row, col) is `rows[row][col - firstCol]` (use
 * {@link cellAt}). A row is usually the very array the grid sent, not a copy: holes, `null` and
 * `''` are empty cells.
 */
export interface Sheet {
  name: string;
  /** Position of the sheet among the grids, for stable ordering. */
  index: number;
  /** Arrays, not maps: the row scan is the hot path. A row with no value is undefined. */
  rows: (readonly (CellValue | undefined)[] | undefined)[];
  /** Column number of index 0 of every row. */
  firstCol: number;
  maxRow: number;
}

/** Column number (1-based) to letters: 1 → A, 27 → AA. */
export function columnName(col: number): string {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Row and column (1-based) to an A1 address. */
export const address = (row: number, col: number): string => `${columnName(col)}${row}`;

/** Parses an A1 address; null when it is not one. */
export function parseAddress(a1: string): { row: number; col: number } | null {
  // The plain form the engine writes (`B12`) without a regular expression: the 定稿 lock reads millions.
  let col = 0;
  let i = 0;
  for (; i < a1.length && i < 3; i++) {
    const c = a1.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  let row = 0;
  let j = i;
  for (; j < a1.length; j++) {
    const c = a1.charCodeAt(j);
    if (c < 48 || c > 57) break;
    row = row * 10 + c - 48;
  }
  if (i > 0 && j === a1.length && j > i && j - i <= 7) return { row, col };
  return parseLooseAddress(a1);
}

/** Any other form Excel writes: `$B$12`, lower case, spaces around. */
function parseLooseAddress(a1: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(a1.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), col };
}

// Only the types Excel can hand over are kept; anything else becomes its text so that it is reported, not thrown on.
function toCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint' || typeof v === 'symbol') return v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return Object.prototype.toString.call(v);
  }
}

const isEmpty = (v: unknown): boolean => v === '' || v === null || v === undefined;

/** How a row of a grid can be kept: as it is, converted (it holds values Excel never hands over), or not at all (all empty). */
function rowState(values: readonly unknown[]): 'kept' | 'convert' | 'empty' {
  let state: 'kept' | 'empty' = 'empty';
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    if (isEmpty(v)) continue;
    const type = typeof v;
    if (type === 'string' || type === 'boolean' || (type === 'number' && Number.isFinite(v))) state = 'kept';
    else return 'convert';
  }
  return state;
}

/** The row's cells from column `firstCol` on, as a new array; `values` start at column `col`. */
function shifted(values: readonly unknown[], col: number, firstCol: number, into: (CellValue | undefined)[] = []): (CellValue | undefined)[] {
  for (let c = 0; c < values.length; c++) {
    const value = toCellValue(values[c]);
    if (value !== '') into[col + c - firstCol] = value;
  }
  return into;
}

/** Moves every row of `sheet` so that its index 0 is column `firstCol` (smaller than the current one). */
function rebase(sheet: Sheet, firstCol: number): void {
  sheet.rows = sheet.rows.map((row) => row && shifted(row, sheet.firstCol, firstCol));
  sheet.firstCol = firstCol;
}

/**
 * Joins grids into sheets. Grids that are not arrays of rows are ignored. Rows are kept as sent
 * where they can be (the engine never changes them); a row is copied only when it holds values
 * Excel never hands over, when its grid starts in another column than the sheet's first grid, or
 * when two grids overlap (the later non-empty cells win).
 */
export function assembleSheets(grids: readonly Grid[]): Sheet[] {
  const byName = new Map<string, Sheet>();
  if (!Array.isArray(grids)) return [];
  for (const grid of grids) {
    if (!grid || typeof grid !== 'object' || typeof grid.name !== 'string') continue;
    const origin = parseAddress(typeof grid.origin === 'string' ? grid.origin : 'A1') ?? { row: 1, col: 1 };
    let sheet = byName.get(grid.name);
    if (!sheet) {
      sheet = { name: grid.name, index: byName.size, rows: [], firstCol: origin.col, maxRow: 0 };
      byName.set(grid.name, sheet);
    }
    if (!Array.isArray(grid.values)) continue;
    if (origin.col < sheet.firstCol) rebase(sheet, origin.col);
    const values = grid.values as unknown[];
    for (let r = 0; r < values.length; r++) {
      const rowValues = values[r];
      if (!Array.isArray(rowValues)) continue;
      const state = rowState(rowValues);
      if (state === 'empty') continue;
      const rowNo = origin.row + r;
      const before = sheet.rows[rowNo];
      const row = state === 'kept' && origin.col === sheet.firstCol && !before ? (rowValues as CellValue[]) : shifted(rowValues, origin.col, sheet.firstCol, before ? [...before] : []);
      // A converted row may hold nothing after all (an invalid Date reads as empty).
      if (row.length === 0) continue;
      sheet.rows[rowNo] = row;
      if (rowNo > sheet.maxRow) sheet.maxRow = rowNo;
    }
  }
  return [...byName.values()];
}

/** Column number of the last non-empty cell of a row; 0 for an empty row. */
export function lastColumn(sheet: Sheet, row: number): number {
  const cells = sheet.rows[row] ?? [];
  let i = cells.length - 1;
  while (i >= 0 && isEmpty(cells[i])) i--;
  return i < 0 ? 0 : sheet.firstCol + i;
}

/** The value of a cell, `''` when empty. */
export function cellAt(sheet: Sheet, row: number, col: number): CellValue {
  return sheet.rows[row]?.[col - sheet.firstCol] ?? '';
}
