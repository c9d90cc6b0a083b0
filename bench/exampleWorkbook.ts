/**
 * The repository's example workbook (examples/花桥街镇-2015.xlsx) as a benchmark size of its own,
 * read as the CLI reads a file, so that its figures (issue #3: compute through the local API)
 * stand next to the synthetic towns'.
 */
import { join } from 'node:path';
import { detectTables } from '../functions/src/domain/detectTables.js';
import { IssueList } from '../functions/src/domain/issues.js';
import { normName } from '../functions/src/domain/normalize.js';
import { assembleSheets, cellAt, parseAddress, type Sheet } from '../functions/src/domain/sheets.js';
import type { TableKey } from '../functions/src/domain/tables.js';
import type { Grid } from '../functions/src/domain/types.js';
import { readWorkbookFile } from '../functions/src/workbook/readWorkbookFile.js';
import { REPO_ROOT } from './bundle.js';
import type { TownSize } from './syntheticTown.js';

export const EXAMPLE_FILE = join(REPO_ROOT, 'examples', '花桥街镇-2015.xlsx');

/** Id of the example among the sizes (`--size example`). */
export const EXAMPLE_ID = 'example';

/** The example's grids and what they hold, described as the synthetic sizes are. */
export interface ExampleWorkbook {
  size: TownSize;
  grids: Grid[];
}

/** Where the value of a 参数 key is: its sheet and 1-based row and column; null when the key is absent. */
function paramCell(grids: readonly Grid[], key: string): { sheet: Sheet; row: number; col: number } | null {
  const params = detectTables(assembleSheets(grids), new IssueList()).get('params')?.[0];
  const keyCol = params?.cols.get('key');
  const col = params?.cols.get('value');
  if (!params || keyCol === undefined || col === undefined) return null;
  const row = params.rows.find((r) => normName(cellAt(params.sheet, r, keyCol)) === key);
  return row === undefined ? null : { sheet: params.sheet, row, col };
}

/**
 * The grids with 参数 乡镇 set to `town`: the service computes a workbook only for its caller's own
 * town, so each concurrent client sends the same workbook made out to its town.
 */
export function withTown(grids: readonly Grid[], town: string): Grid[] {
  const cell = paramCell(grids, '乡镇');
  if (!cell) throw new Error('the workbook has no 乡镇 in 参数');
  return grids.map((grid) => {
    const origin = parseAddress(grid.origin) ?? { row: 1, col: 1 };
    const r = cell.row - origin.row;
    const c = cell.col - origin.col;
    if (grid.name !== cell.sheet.name || !grid.values[r] || c < 0) return grid;
    return { ...grid, values: grid.values.map((values, i) => (i === r ? Object.assign([...values], { [c]: town }) : values)) };
  });
}

/**
 * Counts of the workbook's tables in the terms of a synthetic size: staff are the people of a
 * group, months run from January to 考核月份.
 */
export function describeWorkbook(id: string, grids: readonly Grid[]): TownSize {
  const tables = detectTables(assembleSheets(grids), new IssueList());
  const rows = (key: TableKey) => (tables.get(key) ?? []).reduce((sum, t) => sum + t.rows.length, 0);
  const grouped = (tables.get('staff') ?? []).reduce((sum, t) => sum + t.rows.filter((r) => cellAt(t.sheet, r, t.cols.get('group')!) !== '').length, 0);
  const month = paramCell(grids, '考核月份');
  const monthNo = month ? /^\d{4}-(\d{2})$/.exec(String(cellAt(month.sheet, month.row, month.col)))?.[1] : undefined;
  return {
    id,
    villages: rows('villages'),
    groups: rows('groups'),
    staff: grouped,
    scores: rows('scores'),
    attendance: rows('attendance'),
    plans: rows('plans'),
    months: Number(monthNo ?? 12),
  };
}

/** Reads the example workbook from examples/. */
export async function exampleWorkbook(): Promise<ExampleWorkbook> {
  const grids = await readWorkbookFile(EXAMPLE_FILE);
  return { size: describeWorkbook(EXAMPLE_ID, grids), grids };
}
