/**
 * The input rows that belong to a month, and the 定稿 lock (SPEC §6): after a month is finalised,
 * any added, removed or edited row of that month is an error naming the changed cell.
 */
import { detectTables, type DetectedTable } from './detectTables.js';
import { IssueList } from './issues.js';
import { normName, normText, parseDate, parseMonth, parseNumber, serialMonth, serialToIso } from './normalize.js';
import { readParams } from './readParams.js';
import { address, assembleSheets, cellAt, parseAddress, type Sheet } from './sheets.js';
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
};

// Cells are compared as their normalised meaning, so retyping 2015/4/2 as 2015-04-02 is no change.
function canonical(t: DetectedTable, key: string, sheet: Sheet, row: number, col: number, year: number | null): string {
  const v = cellAt(sheet, row, col);
  const kind = t.def.columns.find((c) => c.key === key)?.kind;
  if (kind === 'date') {
    const d = parseDate(v, year);
    if (d.ok) return serialToIso(d.value);
  } else if (kind === 'month') {
    const m = parseMonth(v, year);
    if (m.ok) return m.value;
  } else if (kind === 'number' || kind === 'money') {
    const n = parseNumber(v);
    if (n.ok) return String(n.value);
  }
  return kind === 'name' ? normName(v) : normText(v);
}

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
 * Collects the rows of every dated table that belong to the given months — by default the assessed
 * month (`month`, else 参数 考核月份). Blank-month 民调 rows belong to every month asked for.
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
  const wanted = new Set(months);
  const rows: MonthRow[] = [];
  for (const key of Object.keys(DATED) as TableKey[]) {
    for (const t of tables.get(key) ?? []) {
      const cols = [...t.cols.entries()].sort((a, b) => a[1] - b[1]);
      for (const row of t.rows) {
        let own = rowMonths(t, row, year);
        if (own.length === 0 && key === 'survey') own = [...wanted];
        // Most rows belong to other months; their cells are not needed.
        if (!own.some((m) => wanted.has(m))) continue;
        const cells: Record<string, string> = {};
        for (const [k, col] of cols) cells[address(row, col)] = canonical(t, k, t.sheet, row, col, year);
        for (const m of own) if (wanted.has(m)) rows.push({ month: m, sheet: t.sheet.name, row, cells });
      }
    }
  }
  return rows;
}

const signature = (r: MonthRow) =>
  JSON.stringify(
    Object.entries(r.cells)
      .map(([a1, v]) => [parseAddress(a1)?.col ?? 0, v] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, v]) => v),
  );

const preview = (r: MonthRow) => Object.values(r.cells).filter(Boolean).join(' / ');

/**
 * Compares the rows stored at 定稿 with the current rows of the same months and reports every
 * added, removed or edited row as `finalized_month_changed`, at the changed cell.
 */
export function diffMonthRows(finalized: readonly MonthRow[], current: readonly MonthRow[], issues: IssueList): void {
  const months = new Set(finalized.map((r) => r.month));
  const now = current.filter((r) => months.has(r.month));
  const unmatched = new Map<string, MonthRow[]>();
  for (const r of finalized) unmatched.set(`${r.month}|${signature(r)}`, [...(unmatched.get(`${r.month}|${signature(r)}`) ?? []), r]);
  const added: MonthRow[] = [];
  for (const r of now) {
    const pool = unmatched.get(`${r.month}|${signature(r)}`);
    if (pool?.length) pool.shift();
    else added.push(r);
  }
  const removed = [...unmatched.values()].flat();
  const locked = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月已定稿`;
  for (const r of added) {
    const before = removed.findIndex((x) => x.month === r.month && x.sheet === r.sheet && x.row === r.row);
    if (before < 0) {
      issues.error(r.sheet, Object.keys(r.cells)[0] ?? `A${r.row}`, 'finalized_month_changed', `${locked(r.month)}，此行是定稿后新增的（${preview(r)}）。定稿后的数据不能更改。`);
      continue;
    }
    const old = removed.splice(before, 1)[0]!;
    for (const a1 of new Set([...Object.keys(old.cells), ...Object.keys(r.cells)])) {
      if ((old.cells[a1] ?? '') === (r.cells[a1] ?? '')) continue;
      issues.error(r.sheet, a1, 'finalized_month_changed', `${locked(r.month)}，此单元格在定稿后被修改：原为「${old.cells[a1] || '（空）'}」，现为「${r.cells[a1] || '（空）'}」。定稿后的数据不能更改。`);
    }
  }
  for (const r of removed) {
    issues.error(r.sheet, Object.keys(r.cells)[0] ?? `A${r.row}`, 'finalized_month_changed', `${locked(r.month)}，定稿时第 ${r.row} 行的记录（${preview(r)}）已被删除或改到其他月份。定稿后的数据不能更改。`);
  }
}
