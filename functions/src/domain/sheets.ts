/**
 * Turns the grids Excel hands over into whole sheets addressed by row and column,
 * joining the chunks of a sheet that arrived in several parts.
 */
import type { CellValue, Grid } from './types.js';

/** A sheet assembled from its grids; rows and columns are 1-based as in Excel. */
export interface Sheet {
  name: string;
  /** Position of the sheet among the grids, for stable ordering. */
  index: number;
  /** `rows[row][col]`, both 1-based; holes are empty cells. Arrays, not maps: the row scan is the hot path. */
  rows: (CellValue[] | undefined)[];
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

/** Joins grids into sheets. Grids that are not arrays of rows are ignored. */
export function assembleSheets(grids: readonly Grid[]): Sheet[] {
  const byName = new Map<string, Sheet>();
  if (!Array.isArray(grids)) return [];
  for (const grid of grids) {
    if (!grid || typeof grid !== 'object' || typeof grid.name !== 'string') continue;
    let sheet = byName.get(grid.name);
    if (!sheet) {
      sheet = { name: grid.name, index: byName.size, rows: [], maxRow: 0 };
      byName.set(grid.name, sheet);
    }
    const origin = parseAddress(typeof grid.origin === 'string' ? grid.origin : 'A1') ?? { row: 1, col: 1 };
    if (!Array.isArray(grid.values)) continue;
    (grid.values as unknown[]).forEach((rowValues: unknown, r: number) => {
      if (!Array.isArray(rowValues)) return;
      const rowNo = origin.row + r;
      let row = sheet.rows[rowNo];
      rowValues.forEach((v: unknown, c: number) => {
        const value = toCellValue(v);
        if (value === '') return;
        row ??= sheet.rows[rowNo] = [];
        row[origin.col + c] = value;
      });
      if (row && rowNo > sheet.maxRow) sheet.maxRow = rowNo;
    });
  }
  return [...byName.values()];
}

/** The value of a cell, `''` when empty. */
export function cellAt(sheet: Sheet, row: number, col: number): CellValue {
  return sheet.rows[row]?.[col] ?? '';
}
