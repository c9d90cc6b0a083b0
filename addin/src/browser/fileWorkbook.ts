/**
 * Browser mode: a workbook dropped into the page (WPS or LibreOffice users), read and written
 * with ExcelJS through the same layout as the CLI, then downloaded.
 */
import type { Workbook } from 'exceljs';
import type { AssessmentResult, Grid } from '../../../functions/src/domain/types.js';
import { workbookToGrids } from '../../../functions/src/workbook/readWorkbook.js';
import { layoutResults, type WorkbookPort } from '../shared/assessment.js';
import { recognisedSheets } from '../workbook/readWorkbook.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Opens an .xlsx file; a file ExcelJS cannot read gets a Chinese explanation. */
export async function openWorkbook(data: ArrayBuffer): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data);
  } catch {
    throw new Error('无法读取这个文件：请选择 .xlsx 格式的工作簿（WPS、LibreOffice 请“另存为” Excel 2007-365 格式）。');
  }
  return workbook;
}

/** The grids of the sheets the engine recognises, found on their first rows as in Excel. */
export function recognisedGrids(workbook: Workbook): Grid[] {
  const grids = workbookToGrids(workbook);
  const wanted = recognisedSheets(grids.map((g) => ({ ...g, values: g.values.slice(0, 10) })));
  return grids.filter((g) => wanted.has(g.name));
}

/** The dropped workbook as a port: results are written into it, ready to download. */
export function fileWorkbook(workbook: Workbook): WorkbookPort {
  return {
    read: async () => recognisedGrids(workbook),
    write: async (result: AssessmentResult, issuesOnly: boolean) => layoutResults(workbook, result, issuesOnly),
  };
}

/** `花桥街镇-2015.xlsx` → `花桥街镇-2015-结果.xlsx`, as the CLI names its copy. */
export function resultFileName(name: string): string {
  const stem = name.replace(/\.xlsx$/i, '');
  return `${stem}-结果.xlsx`;
}

/** Saves a workbook as an .xlsx download. */
export async function downloadWorkbook(workbook: Workbook, fileName: string): Promise<void> {
  const buffer = await workbook.xlsx.writeBuffer();
  const url = URL.createObjectURL(new Blob([buffer], { type: XLSX_TYPE }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
