/**
 * Table detection (SPEC §2): a table is recognised by its sheet name, or by a header row within
 * the first 10 rows carrying all its required columns. Banners above the header are ignored,
 * columns may come in any order, blank rows are skipped and a 合计/小计/总计 row ends the table.
 */
import { normHeader, normName, isBlank } from './normalize.js';
import { address, lastColumn, type Sheet } from './sheets.js';
import { RESULT_SHEETS, TABLES, tableDef, type ColumnDef, type TableDef, type TableKey } from './tables.js';
import type { IssueList } from './issues.js';
import type { CellValue } from './types.js';

/** A recognised table on one sheet. */
export interface DetectedTable {
  def: TableDef;
  sheet: Sheet;
  headerRow: number;
  /** Column number of each recognised column key. */
  cols: Map<string, number>;
  /** Data row numbers in sheet order. */
  rows: number[];
  /** Keys of the columns that must not be empty. */
  required: ReadonlySet<string>;
  /** For `对村考核-<组名>` sheets: the group named in the sheet name. */
  sheetGroup: string | null;
}

const HEADER_SCAN_ROWS = 10;
const TOTAL_MARKERS = new Set(['合计', '小计', '总计']);
const SCORE_SHEET_PREFIX = /^对村考核\s*[-－—_–]\s*(.+)$/;
const IGNORED_SHEETS = new Set<string>([...RESULT_SHEETS, '说明']);
/** Tables without which nothing can be assessed: headers alone are an error, not an empty result. */
const NEED_ROWS: readonly TableKey[] = ['groups', 'staff', 'villages', 'rules'];

const headerKeys = (c: ColumnDef): string[] => [c.header, ...(c.synonyms ?? [])].map(normHeader);

/** Which columns of `def` the given row names, by column number. */
function matchHeaderRow(sheet: Sheet, row: number, def: TableDef): Map<string, number> {
  const cols = new Map<string, number>();
  sheet.rows[row]?.forEach((value, i) => {
    const h = normHeader(value);
    if (!h) return;
    const column = def.columns.find((c) => !cols.has(c.key) && headerKeys(c).includes(h));
    if (column) cols.set(column.key, sheet.firstCol + i);
  });
  return cols;
}

const requiredKeys = (def: TableDef): ReadonlySet<string> => new Set(def.columns.filter((c) => c.required).map((c) => c.key));

const requiredOf = (def: TableDef, sheetGroup: string | null): ColumnDef[] =>
  def.columns.filter((c) => c.required || (def.key === 'scores' && c.key === 'group' && sheetGroup === null));

function findHeader(sheet: Sheet, def: TableDef, sheetGroup: string | null): { row: number; cols: Map<string, number>; complete: boolean } | null {
  const required = requiredOf(def, sheetGroup);
  let best: { row: number; cols: Map<string, number>; complete: boolean } | null = null;
  let bestRequired = 0;
  for (let row = 1; row <= Math.min(HEADER_SCAN_ROWS, sheet.maxRow); row++) {
    const cols = matchHeaderRow(sheet, row, def);
    const found = required.filter((c) => cols.has(c.key)).length;
    if (found === required.length && found > 0) return { row, cols, complete: true };
    if (found > bestRequired) {
      bestRequired = found;
      best = { row, cols, complete: false };
    }
  }
  return best;
}

function sheetNameMatch(name: string): { key: TableKey; group: string | null } | null {
  const n = normHeader(name);
  const scoreGroup = SCORE_SHEET_PREFIX.exec(name.trim());
  if (scoreGroup) return { key: 'scores', group: normName(scoreGroup[1]) };
  const def = TABLES.find((t) => normHeader(t.sheet) === n);
  return def ? { key: def.key, group: null } : null;
}

function dataRows(sheet: Sheet, headerRow: number, cols: Map<string, number>): number[] {
  const rows: number[] = [];
  // Where the table's columns are in the row arrays (see Sheet.firstCol).
  const used = [...cols.values()].map((c) => c - sheet.firstCol);
  for (let r = headerRow + 1; r <= sheet.maxRow; r++) {
    const cells = sheet.rows[r];
    if (!cells) continue;
    let first: CellValue | undefined;
    for (let i = 0; i < cells.length && first === undefined; i++) if (cells[i] !== undefined && !isBlank(cells[i])) first = cells[i];
    if (typeof first === 'string' && TOTAL_MARKERS.has(normName(first))) break;
    for (const c of used) {
      if (!isBlank(cells[c] ?? '')) {
        rows.push(r);
        break;
      }
    }
  }
  return rows;
}

/**
 * Recognises every input table in the sheets and reports missing sheets and columns.
 * Sheets found by name take precedence; a table's header-detected sheets are used only when no
 * sheet carries its name, so that a user's own summary sheet with a 村名 column is not read as 村.
 */
export function detectTables(sheets: readonly Sheet[], issues: IssueList): Map<TableKey, DetectedTable[]> {
  const found = new Map<TableKey, DetectedTable[]>();
  const add = (t: DetectedTable) => found.set(t.def.key, [...(found.get(t.def.key) ?? []), t]);
  const unnamed: Sheet[] = [];

  for (const sheet of sheets) {
    if (IGNORED_SHEETS.has(sheet.name.trim())) continue;
    const match = sheetNameMatch(sheet.name);
    if (!match) {
      unnamed.push(sheet);
      continue;
    }
    const def = tableDef(match.key);
    const header = findHeader(sheet, def, match.group);
    const headerRow = header?.row ?? 1;
    const cols = header?.cols ?? new Map<string, number>();
    if (!header?.complete) {
      const missing = requiredOf(def, match.group).filter((c) => !cols.has(c.key));
      const lastCol = Math.max(0, lastColumn(sheet, headerRow));
      missing.forEach((c, i) => {
        const extra = def.key === 'scores' && c.key === 'group' ? '（表名不含组名时必须有此列，或把表名改为「对村考核-组名」）' : '';
        issues.error(sheet.name, address(headerRow, lastCol + 1 + i), 'missing_column', `工作表「${sheet.name}」缺少必填列「${c.header}」${extra}，请在表头行添加。`);
      });
      continue;
    }
    add({ def, sheet, headerRow, cols, rows: dataRows(sheet, headerRow, cols), required: requiredKeys(def), sheetGroup: match.group });
  }

  const named = new Set(found.keys());
  for (const sheet of unnamed) {
    let best: { def: TableDef; row: number; cols: Map<string, number> } | null = null;
    for (const def of TABLES) {
      if (named.has(def.key)) continue;
      const header = findHeader(sheet, def, null);
      if (header?.complete && (!best || header.cols.size > best.cols.size)) best = { def, row: header.row, cols: header.cols };
    }
    if (best) add({ def: best.def, sheet, headerRow: best.row, cols: best.cols, rows: dataRows(sheet, best.row, best.cols), required: requiredKeys(best.def), sheetGroup: null });
  }

  for (const def of TABLES) {
    if (def.requiredSheet && !found.has(def.key) && !sheets.some((s) => sheetNameMatch(s.name)?.key === def.key)) {
      issues.error(def.sheet, 'A1', 'missing_sheet', `缺少工作表「${def.sheet}」（必填列：${def.columns.filter((c) => c.required).map((c) => c.header).join('、')}）。`);
    }
  }
  for (const key of NEED_ROWS) {
    const tables = found.get(key);
    if (!tables || tables.some((t) => t.rows.length > 0)) continue;
    const { def, sheet, headerRow, cols } = tables[0]!;
    const firstColumn = Math.min(...cols.values());
    issues.error(sheet.name, address(headerRow, firstColumn), 'empty_table', `工作表「${sheet.name}」表头以下没有数据：请至少填写一行${def.sheet}信息后再计算。`);
  }
  return found;
}
