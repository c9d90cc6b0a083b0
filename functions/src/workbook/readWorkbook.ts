/**
 * Turns an ExcelJS workbook into the raw grids the engine takes, the same values Excel's
 * `range.values` hands the add-in. No node:fs here: the browser mode reuses it after
 * `wb.xlsx.load(arrayBuffer)`.
 */
import type { Cell, CellValue as ExcelValue, Workbook, Worksheet } from 'exceljs';
import type { CellValue, Grid } from '../domain/types.js';

const MS_PER_DAY = 86_400_000;
/** Excel serial of 1970-01-01 in the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25_569;

/**
 * A JS date (ExcelJS gives them in UTC) as an Excel serial number of the 1900 date system;
 * the time of day is the fractional part. This is the exact inverse of ExcelJS's own
 * serial → Date conversion, so a stored serial comes back unchanged.
 */
export function dateToExcelSerial(date: Date): number {
  return date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/** Text of a rich-text value, or of a hyperlink whose text is rich. */
function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'richText' in value && Array.isArray(value.richText)) {
    return value.richText.map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : '')).join('');
  }
  return value === undefined || value === null ? '' : String(value);
}

/** One ExcelJS cell value as Excel's `range.values` would give it. */
function toCellValue(value: ExcelValue): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) {
    const serial = dateToExcelSerial(value);
    return Number.isFinite(serial) ? serial : '';
  }
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) return toCellValue(value.result ?? null);
  if ('hyperlink' in value) return plainText(value.text);
  if ('richText' in value) return plainText(value);
  return String(value);
}

/** The value of a cell; a merged range keeps its value in the master cell only. */
function cellValue(cell: Cell): CellValue {
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  return toCellValue(cell.value);
}

/** One worksheet as a rectangular grid from A1 to its last row and column holding a value. */
export function worksheetToGrid(worksheet: Worksheet): Grid {
  const cells: { row: number; col: number; value: CellValue }[] = [];
  let lastRow = 0;
  let lastCol = 0;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const value = cellValue(cell);
      if (value === '') return;
      cells.push({ row: rowNumber, col: colNumber, value });
      lastRow = Math.max(lastRow, rowNumber);
      lastCol = Math.max(lastCol, colNumber);
    });
  });
  // Excel reports an empty sheet's used range as the single empty cell A1.
  const values: CellValue[][] = Array.from({ length: Math.max(lastRow, 1) }, () =>
    new Array<CellValue>(Math.max(lastCol, 1)).fill(''),
  );
  for (const { row, col, value } of cells) values[row - 1]![col - 1] = value;
  return { name: worksheet.name, origin: 'A1', values };
}

/** Every worksheet of the workbook, in tab order, as one grid each. */
export function workbookToGrids(workbook: Workbook): Grid[] {
  return workbook.worksheets.map(worksheetToGrid);
}
