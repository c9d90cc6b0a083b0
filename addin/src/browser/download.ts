/** Downloads offered by the page: the result copy of a dropped workbook, the blank template. */
import type { Workbook } from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XLSM_TYPE = 'application/vnd.ms-excel.sheet.macroEnabled.12';

/** Offers bytes as a download. */
export function downloadBytes(bytes: Uint8Array | ArrayBuffer, fileName: string, type = XLSX_TYPE): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves an ExcelJS workbook (the template) as an .xlsx download. */
export async function downloadWorkbook(workbook: Workbook, fileName: string): Promise<void> {
  downloadBytes(await workbook.xlsx.writeBuffer(), fileName);
}
