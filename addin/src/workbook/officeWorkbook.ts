/** The open Excel workbook as a {@link WorkbookPort}: the adapter's read and write behind one object. */
import type { AssessmentResult } from '../../../functions/src/domain/types.js';
import { layoutResults, type WorkbookPort } from '../common/assessment.js';
import { readWorkbook } from './readWorkbook.js';
import { replaceSheets } from './writeSheets.js';

/**
 * A port on the open workbook. `write` looks at the workbook as it is when writing, not as `read`
 * saw it: co-authors and the user may change it while the service computes.
 */
export function officeWorkbook(): WorkbookPort {
  return {
    async read() {
      return (await readWorkbook()).grids;
    },
    async write(result: AssessmentResult, issuesOnly: boolean) {
      // ExcelJS is loaded only when results are written, not with the ribbon or the pane.
      const { default: ExcelJS } = await import('exceljs');
      const scratch = new ExcelJS.Workbook();
      layoutResults(scratch, result, issuesOnly);
      await replaceSheets(scratch);
    },
  };
}
