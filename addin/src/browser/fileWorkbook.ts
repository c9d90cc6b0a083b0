/**
 * Browser mode: a workbook dropped into the page (WPS or LibreOffice users). It is read with the
 * same package reader as the CLI and its result copy made by the same graft (SPEC §8): the file
 * comes back whole, with the result sheets (or only 校验问题) added, ready to download. The pane
 * loads this module (and the zip reader it brings) only when a file is dropped.
 */
import { RESULT_SHEETS } from '../../../functions/src/domain/tables.js';
import type { AssessmentResult, Grid } from '../../../functions/src/domain/types.js';
import { graftResultSheets } from '../../../functions/src/workbook/graftResults.js';
import { openPackage } from '../../../functions/src/workbook/openPackage.js';
import { packageToGrids } from '../../../functions/src/workbook/readPackage.js';
import type { WorkbookPort } from '../common/assessment.js';
import { recognisedSheets } from '../workbook/readWorkbook.js';

/** A dropped workbook: its bytes (the copy is made from them) and the values of its sheets. */
export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
  grids: Grid[];
  macroEnabled: boolean;
}

/** A result copy ready to download. */
export interface ResultCopy {
  /** Every result sheet after a successful 计算考核, or only 校验问题. */
  kind: 'results' | 'issues';
  fileName: string;
  bytes: Uint8Array;
  /** The sheets added to the workbook. */
  sheets: readonly string[];
  issues: number;
}

/**
 * Opens a dropped file.
 * @throws WorkbookFileError saying in Chinese what the file is and what to do
 */
export async function openWorkbookFile(name: string, data: ArrayBuffer): Promise<OpenedFile> {
  const pkg = await openPackage(new Uint8Array(data));
  return { name, bytes: pkg.bytes, grids: await packageToGrids(pkg), macroEnabled: pkg.macroEnabled };
}

/**
 * The grids of the sheets the engine recognises, found on their first rows as in Excel. A
 * workbook with none of them sends the first rows it was judged on, so that the answer names
 * the missing sheets instead of refusing an empty request.
 */
export function recognisedGrids(grids: readonly Grid[]): Grid[] {
  const heads = grids.map((g) => ({ ...g, values: g.values.slice(0, 10) }));
  const wanted = recognisedSheets(heads);
  return wanted.size > 0 ? grids.filter((g) => wanted.has(g.name)) : heads;
}

/** `花桥街镇-2015.xlsx` → `花桥街镇-2015-结果.xlsx` (as the CLI names its copy), `-校验问题.xlsx` for the issue list alone. */
export function resultFileName(name: string, kind: ResultCopy['kind'] = 'results', macroEnabled = false): string {
  const stem = name.replace(/\.xls[xm]$/i, '');
  return `${stem}-${kind === 'results' ? '结果' : '校验问题'}.${macroEnabled ? 'xlsm' : 'xlsx'}`;
}

/** The dropped file as a port: each write makes a fresh copy of the file as dropped; `copy()` is the latest. */
export function fileWorkbook(file: OpenedFile): { port: WorkbookPort; copy: () => ResultCopy | null } {
  let latest: ResultCopy | null = null;
  const port: WorkbookPort = {
    read: async () => recognisedGrids(file.grids),
    write: async (result: AssessmentResult, issuesOnly: boolean) => {
      const kind = issuesOnly ? 'issues' : 'results';
      latest = {
        kind,
        fileName: resultFileName(file.name, kind, file.macroEnabled),
        bytes: await graftResultSheets(file.bytes, issuesOnly ? { ...result, status: 'invalid' } : result),
        sheets: issuesOnly ? ['校验问题'] : RESULT_SHEETS,
        issues: result.issues.length,
      };
    },
  };
  return { port, copy: () => latest };
}
