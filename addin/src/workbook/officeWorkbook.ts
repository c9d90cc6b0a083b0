/** The open Excel workbook as a {@link WorkbookPort}: the adapter's read and write behind one object. */
import type { Workbook } from 'exceljs';
import type { AssessmentResult } from '../../../functions/src/domain/types.js';
import { writeResultSheets } from '../../../functions/src/workbook/writeResults.js';
import type { WorkbookPort } from '../common/assessment.js';
import { readWorkbook } from './readWorkbook.js';
import { replaceSheets } from './writeSheets.js';

/**
 * Lays the result out into `workbook` with the shared result layout. For 校验, and for a result
 * with errors, only 校验问题 is written and earlier results stay (SPEC §3).
 */
function layoutResults(workbook: Workbook, result: AssessmentResult, issuesOnly: boolean): void {
  writeResultSheets(workbook, issuesOnly ? { ...result, status: 'invalid' } : result);
}

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
