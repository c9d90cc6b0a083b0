/** Node-only loading of .xlsx files from disk (the browser mode loads from an ArrayBuffer instead). */
import { stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Grid } from '../domain/types.js';
import { workbookToGrids } from './readWorkbook.js';

/** A workbook file that cannot be opened; the message is Chinese and names the file. */
export class WorkbookFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkbookFileError';
  }
}

/**
 * Loads an .xlsx file.
 * @throws WorkbookFileError when the file is missing, not a file, or not an .xlsx workbook
 */
export async function loadWorkbookFile(path: string): Promise<ExcelJS.Workbook> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new WorkbookFileError(`找不到文件「${path}」`);
  if (!info.isFile()) throw new WorkbookFileError(`「${path}」不是文件`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (cause) {
    throw new WorkbookFileError(`无法读取「${path}」：不是有效的 .xlsx 工作簿（.xls 或 .et 文件请先另存为 .xlsx）`, {
      cause,
    });
  }
  return workbook;
}

/** Loads an .xlsx file and returns every worksheet as a grid (see `workbookToGrids`). */
export async function readWorkbookFile(path: string): Promise<Grid[]> {
  return workbookToGrids(await loadWorkbookFile(path));
}
