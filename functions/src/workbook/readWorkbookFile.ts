/** Node-only reading of workbook files from disk (the browser mode reads a dropped file's bytes instead). */
import { readFile, stat } from 'node:fs/promises';
import type { Grid } from '../domain/types.js';
import { openPackage, WorkbookFileError, type XlsxPackage } from './openPackage.js';
import { packageToGrids } from './readPackage.js';

export { WorkbookFileError };

/**
 * Opens a workbook file as a package.
 * @throws WorkbookFileError when the file is missing, not a file, or not an .xlsx/.xlsm workbook
 *   (the message names the file and says what it is instead)
 */
export async function openWorkbookFile(path: string): Promise<XlsxPackage> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new WorkbookFileError(`找不到文件「${path}」`);
  if (!info.isFile()) throw new WorkbookFileError(`「${path}」不是文件`);
  try {
    return await openPackage(new Uint8Array(await readFile(path)));
  } catch (error) {
    if (error instanceof WorkbookFileError) throw new WorkbookFileError(`无法读取「${path}」：${error.message}`, { cause: error });
    throw error;
  }
}

/** Reads a workbook file and returns every worksheet as a grid (see `packageToGrids`). */
export async function readWorkbookFile(path: string): Promise<Grid[]> {
  return packageToGrids(await openWorkbookFile(path));
}
