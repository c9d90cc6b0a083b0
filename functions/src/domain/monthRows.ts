/**
 * The input rows that enter a month's figures, and the 定稿 lock (SPEC §6): after a month is
 * finalised, any added, removed or edited dated row of that month, and any edit of the 参数,
 * 组别, 人员 and 考核细则 rows it used, is an error naming the changed cell.
 */
import { canonical } from './cellMeaning.js';
import { detectTables, type DetectedTable } from './detectTables.js';
import { IssueList } from './issues.js';
import { parseDate, parseMonth, serialMonth } from './normalize.js';
import { readParams } from './readParams.js';
import { referenceRows } from './referenceRows.js';
import { monthRowOf, rowChanges, type DatedRow, type MonthRows, type RowChange } from './rowChanges.js';
import { assembleSheets, cellAt } from './sheets.js';
import type { TableKey } from './tables.js';
import type { Grid, MonthRow } from './types.js';

/** Tables whose rows belong to a month, with the column that dates them. */
const DATED: Partial<Record<TableKey, string>> = {
  scores: 'date',
  attendance: 'date',
  leave: 'start',
  plans: 'month',
  inspections: 'month',
  accountability: 'date',
  finance: 'date',
  survey: 'month',
  // A 申诉 row belongs to the month of the entry it names (记录日期); only an applied one changes it.
  appeals: 'date',
};

/** 撤销 and 改为 change the entry a 申诉 row names; 维持, 待处理 and blank change nothing (R13). */
const APPLIED_APPEAL = new Set(['撤销', '改为']);

function rowMonths(t: DetectedTable, row: number, year: number | null): string[] {
  const key = DATED[t.def.key]!;
  const raw = cellAt(t.sheet, row, t.cols.get(key) ?? 0);
  if (t.def.key === 'leave') {
    const start = parseDate(raw, year);
    const end = parseDate(cellAt(t.sheet, row, t.cols.get('end') ?? 0), year);
    if (!start.ok) return [];
    const last = end.ok && end.value >= start.value ? end.value : start.value;
    const months = new Set<string>();
    for (let d = start.value; d <= last && months.size < 13; d = d + 1) months.add(serialMonth(d));
    return [...months];
  }
  if (t.def.columns.find((c) => c.key === key)?.kind === 'date') {
    const d = parseDate(raw, year);
    return d.ok ? [serialMonth(d.value)] : [];
  }
  const m = parseMonth(raw, year);
  return m.ok ? [m.value] : [];
}

/**
 * Collects the rows that enter the given months' figures — by default the assessed month
 * (`month`, else 参数 考核月份): the dated rows of those months (blank-month 民调 rows belong to
 * every month asked for) and, for each month, the 参数, 组别, 人员 and 考核细则 rows.
 */
export function collectMonthRows(
  grids: readonly Grid[],
  options: { month?: string; months?: readonly string[] } = {},
): { month: string | null; year: number | null; rows: MonthRow[] } {
  const scratch = new IssueList();
  const tables = detectTables(assembleSheets(grids), scratch);
  const { params, year } = readParams(tables.get('params'), options.month, scratch);
  const month = options.month ?? params?.month ?? null;
  return { month, year, rows: monthRowsOf(tables, year, options.months ?? (month ? [month] : [])) };
}

/** The rows of the given months in tables already detected (compute reuses its own detection). */
export function monthRowsOf(tables: Map<TableKey, DetectedTable[]>, year: number | null, months: readonly string[]): MonthRow[] {
  const { dated, reference } = monthRowSet(tables, year, months);
  return [...dated.map(monthRowOf), ...reference];
}

/** `monthRowsOf` with the dated rows lean, as the lock compares them. */
function monthRowSet(tables: Map<TableKey, DetectedTable[]>, year: number | null, months: readonly string[]): MonthRows {
  const wanted = new Set(months);
  const dated: DatedRow[] = [];
  for (const key of Object.keys(DATED) as TableKey[]) {
    for (const t of tables.get(key) ?? []) {
      const cols = [...t.cols.entries()].sort((a, b) => a[1] - b[1]);
      const columns = cols.map(([, col]) => col);
      const result = t.cols.get('result');
      for (const row of t.rows) {
        if (key === 'appeals' && (result === undefined || !APPLIED_APPEAL.has(canonical(t, 'result', t.sheet, row, result, year)))) continue;
        let own = rowMonths(t, row, year);
        if (own.length === 0 && key === 'survey') own = [...wanted];
        // Most rows belong to other months; their cells are not needed.
        if (!own.some((m) => wanted.has(m))) continue;
        const values = cols.map(([k, col]) => canonical(t, k, t.sheet, row, col, year));
        for (const m of own) if (wanted.has(m)) dated.push({ month: m, sheet: t.sheet.name, row, columns, values });
      }
    }
  }
  const reference: MonthRow[] = [];
  const rows = referenceRows(tables, year);
  for (const month of wanted) for (const r of rows) reference.push({ month, ...r });
  return { dated, reference };
}

const monthsLabel = (unsorted: readonly string[]) => {
  const months = [...unsorted].sort();
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  return years.map((y) => `${y}年${months.filter((m) => m.startsWith(y)).map((m) => Number(m.slice(5))).join('月、')}月`).join('、');
};

const quote = (v: string | null) => v || '（空）';

/** The Chinese sentence of one change of a 定稿 month's inputs. */
function lockMessage(c: RowChange): string {
  const locked = `${monthsLabel(c.months)}已定稿，`;
  const tail = '定稿后的数据不能更改。';
  if (c.subject !== null) {
    if (c.kind === 'removed') return `${locked}「${c.sheet}」中定稿时使用的「${c.subject}」已被删除或改名（${c.row}）。${tail}`;
    return `${locked}「${c.sheet}」中「${c.subject}」的${c.label}在定稿后被修改：原为「${quote(c.old)}」，现为「${quote(c.new)}」。${tail}`;
  }
  if (c.kind === 'added') return `${locked}此行是定稿后新增的（${c.row}）。${tail}`;
  if (c.kind === 'removed') return `${locked}定稿时第 ${c.rowNumber} 行的记录（${c.row}）已被删除或改到其他月份。${tail}`;
  return `${locked}此单元格在定稿后被修改：原为「${quote(c.old)}」，现为「${quote(c.new)}」。${tail}`;
}

/**
 * Compares the rows stored at 定稿 with the current rows of the same months and reports every
 * change as `finalized_month_changed` at the changed cell (one issue per cell, naming every
 * finalised month it touches).
 */
export function diffMonthRows(
  finalized: readonly MonthRow[],
  tables: Map<TableKey, DetectedTable[]>,
  year: number | null,
  issues: IssueList,
): void {
  const months = [...new Set(finalized.map((r) => r.month))];
  for (const c of rowChanges(finalized, monthRowSet(tables, year, months))) issues.error(c.sheet, c.cell, 'finalized_month_changed', lockMessage(c));
}
