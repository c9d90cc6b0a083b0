/** The open Excel workbook as a {@link WorkbookPort}: the adapter's read and write behind one object. */
import type { AssessmentResult } from '../../../functions/src/domain/types.js';
import { layoutResults, type WorkbookPort } from '../shared/assessment.js';
import { readWorkbook } from './readWorkbook.js';
import { replaceSheets } from './writeSheets.js';

/** A port on the open workbook; `write` needs the sheet names its own `read` saw. */
export function officeWorkbook(): WorkbookPort {
  let sheetNames: readonly string[] | null = null;
  return {
    async read() {
      const snapshot = await readWorkbook();
      sheetNames = snapshot.sheetNames;
      return snapshot.grids;
    },
    async write(result: AssessmentResult, issuesOnly: boolean) {
      if (!sheetNames) throw new Error('write() before read()');
      // ExcelJS is loaded only when results are written, not with the ribbon or the pane.
      const { default: ExcelJS } = await import('exceljs');
      const scratch = new ExcelJS.Workbook();
      layoutResults(scratch, result, issuesOnly);
      await replaceSheets(scratch, sheetNames);
    },
  };
}
