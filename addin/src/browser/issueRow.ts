/** Browser mode: the row an issue points at in a dropped workbook, with its table's headers. */
import { detectTables } from '../../../functions/src/domain/detectTables.js';
import { IssueList } from '../../../functions/src/domain/issues.js';
import { assembleSheets, columnName, parseAddress } from '../../../functions/src/domain/sheets.js';
import type { Grid } from '../../../functions/src/domain/types.js';

/** The row of an issue's cell, with the headers of its table where the engine finds one; null when the sheet is not in the file. */
export function issueRow(grids: readonly Grid[], sheet: string, cell: string): { cells: { label: string; text: string }[]; row: number } | null {
  const grid = grids.find((g) => g.name === sheet);
  const at = parseAddress(cell);
  if (!grid || !at) return null;
  const tables = detectTables(assembleSheets([grid]), new IssueList());
  const headerRow = [...tables.values()].flat()[0]?.headerRow;
  const values = grid.values[at.row - 1] ?? [];
  const headers = headerRow === undefined || headerRow === at.row ? [] : (grid.values[headerRow - 1] ?? []);
  const cells = values.map((value, i) => ({ label: String(headers[i] ?? '') || `${columnName(i + 1)}列`, text: String(value ?? '') }));
  return { cells, row: at.row };
}
