/**
 * What changed between two snapshots of a month's input rows: the 定稿 lock reports these as
 * errors, and a correction (更正) lists them as the entries it changed.
 */
import { address, parseAddress } from './sheets.js';
import { canonicalParam, paramOfKey } from './referenceRows.js';
import { PARAM_DEFAULTS } from './tables.js';
import type { MonthRow } from './types.js';

/** One changed cell, or one added or removed row. */
export interface RowChange {
  /** The months (`YYYY-MM`) whose input rows changed. */
  months: string[];
  sheet: string;
  /** A1 of the changed cell; the row's first cell for an added or removed row. */
  cell: string;
  kind: 'edited' | 'added' | 'removed';
  /** Rows of 参数, 组别, 人员 and 考核细则: what the row names (`村基础分`, `计生组`); null for dated rows. */
  subject: string | null;
  /** Rows of 参数, 组别, 人员 and 考核细则: the header of the changed column. */
  label: string | null;
  old: string | null;
  new: string | null;
  /** The row's values joined by ` / ` (what an added or removed row said). */
  row: string;
  rowNumber: number;
}

/**
 * A dated row as the lock compares it: its values in column order. The A1-keyed cells of a
 * `MonthRow` are built only for a row that is reported, since a year holds hundreds of thousands.
 */
export interface DatedRow {
  month: string;
  sheet: string;
  row: number;
  /** Column numbers (1-based), ascending, one per value. */
  columns: readonly number[];
  values: readonly string[];
}

const preview = (values: readonly string[]) => values.filter(Boolean).join(' / ');
const firstCell = (r: MonthRow) => Object.keys(r.cells)[0] ?? `A${r.row}`;
const subjectOf = (key: string) => key.slice(key.indexOf(':') + 1).replace('#', ' ');
const defaultOf = (param: string) => canonicalParam(param, PARAM_DEFAULTS[param] ?? '');
const asDefault = (value: string) => `${value}（默认值）`;

const columnOf = (a1: string): number => parseAddress(a1)?.col ?? 0;

/** A stored dated row with its cells in column order (they were stored so; sorted if not). */
export function datedRowOf(r: MonthRow): DatedRow {
  const keys = Object.keys(r.cells);
  const columns = keys.map(columnOf);
  let ordered = true;
  for (let i = 1; i < columns.length && ordered; i++) ordered = columns[i - 1]! < columns[i]!;
  if (!ordered) {
    const order = columns.map((_, i) => i).sort((a, b) => columns[a]! - columns[b]!);
    return { month: r.month, sheet: r.sheet, row: r.row, columns: order.map((i) => columns[i]!), values: order.map((i) => r.cells[keys[i]!]!) };
  }
  return { month: r.month, sheet: r.sheet, row: r.row, columns, values: keys.map((k) => r.cells[k]!) };
}

/** The `MonthRow` of a dated row: its cells by A1 address. */
export function monthRowOf(r: DatedRow): MonthRow {
  const cells: Record<string, string> = {};
  for (let i = 0; i < r.columns.length; i++) cells[address(r.row, r.columns[i]!)] = r.values[i]!;
  return { month: r.month, sheet: r.sheet, row: r.row, cells };
}

type Change = Omit<RowChange, 'months'> & { month: string };

// Dated rows are matched by their values in column order, so moving a row is no change.
const signature = (r: DatedRow) => `${r.month}|${JSON.stringify(r.values)}`;
const place = (r: DatedRow) => `${r.month}|${r.sheet}|${r.row}`;

/** Whether a stored row holds, in column order, the values of a current one. */
function sameValues(stored: MonthRow, now: DatedRow): boolean {
  const values = now.values;
  const cells = stored.cells;
  const keys = Object.keys(cells);
  if (keys.length !== values.length) return false;
  for (let i = 0; i < keys.length; i++) if (cells[keys[i]!] !== values[i]) return false;
  // Stored in column order as collected; a row stored otherwise is compared by value instead.
  for (let i = 1; i < keys.length; i++) if (columnOf(keys[i - 1]!) >= columnOf(keys[i]!)) return false;
  return true;
}

/**
 * A month's rows are collected in sheet order both at 定稿 and now, so the runs that are equal at
 * both ends are matched in place; only the rows between them are matched by value (a year of
 * rows, unchanged, is then one pass of string comparisons).
 */
function datedChanges(before: ReadonlyMap<string, MonthRow[]>, after: readonly DatedRow[]): Change[] {
  const current = new Map<string, DatedRow[]>();
  for (const r of after) {
    if (!before.has(r.month)) continue;
    const list = current.get(r.month);
    if (list) list.push(r);
    else current.set(r.month, [r]);
  }
  const old: DatedRow[] = [];
  const now: DatedRow[] = [];
  for (const [month, was] of before) {
    const is = current.get(month) ?? [];
    let start = 0;
    while (start < was.length && start < is.length && sameValues(was[start]!, is[start]!)) start++;
    let endWas = was.length;
    let endIs = is.length;
    while (endWas > start && endIs > start && sameValues(was[endWas - 1]!, is[endIs - 1]!)) {
      endWas--;
      endIs--;
    }
    for (let i = start; i < endWas; i++) old.push(datedRowOf(was[i]!));
    for (let i = start; i < endIs; i++) now.push(is[i]!);
  }
  return valueChanges(old, now);
}

function valueChanges(before: readonly DatedRow[], after: readonly DatedRow[]): Change[] {
  const unmatched = new Map<string, DatedRow[]>();
  for (const r of before) {
    const key = signature(r);
    const pool = unmatched.get(key);
    if (pool) pool.push(r);
    else unmatched.set(key, [r]);
  }
  const added: DatedRow[] = [];
  for (const r of after) {
    const pool = unmatched.get(signature(r));
    if (pool?.length) pool.shift();
    else added.push(r);
  }
  // A row added where one was removed (same month, sheet and row) is an edit of that row's cells.
  const removedAt = new Map<string, DatedRow[]>();
  for (const pool of unmatched.values()) {
    for (const r of pool) {
      const at = removedAt.get(place(r));
      if (at) at.push(r);
      else removedAt.set(place(r), [r]);
    }
  }
  const changes: Change[] = [];
  const base = (r: DatedRow) => ({ month: r.month, sheet: r.sheet, subject: null, label: null, row: preview(r.values), rowNumber: r.row });
  for (const r of added) {
    const old = removedAt.get(place(r))?.shift();
    const now = monthRowOf(r);
    if (!old) {
      changes.push({ ...base(r), cell: firstCell(now), kind: 'added', old: null, new: null });
      continue;
    }
    const was = monthRowOf(old).cells;
    for (const a1 of new Set([...Object.keys(was), ...Object.keys(now.cells)])) {
      if ((was[a1] ?? '') === (now.cells[a1] ?? '')) continue;
      changes.push({ ...base(r), cell: a1, kind: 'edited', old: was[a1] ?? '', new: now.cells[a1] ?? '' });
    }
  }
  for (const pool of removedAt.values()) for (const r of pool) changes.push({ ...base(r), cell: firstCell(monthRowOf(r)), kind: 'removed', old: null, new: null });
  return changes;
}

const byLabel = (r: MonthRow) => new Map(Object.entries(r.labels ?? {}).map(([a1, label]) => [label, { a1, value: r.cells[a1] ?? '' }]));

/**
 * Reference rows are matched by key; a key only in `after` is a row added later and no change,
 * except a 参数 whose value differs from the default the earlier month was computed with.
 * Months whose snapshot has no reference rows (finalised before the lock covered them) are skipped.
 */
function referenceChanges(before: readonly MonthRow[], after: readonly MonthRow[]): Change[] {
  const months = new Set(before.map((r) => r.month));
  const current = new Map<string, MonthRow>();
  for (const r of after) if (months.has(r.month) && !current.has(`${r.month}|${r.key}`)) current.set(`${r.month}|${r.key}`, r);
  const changes: Change[] = [];
  const edit = (r: MonthRow, key: string, label: string, cell: string, old: string, now: string) =>
    changes.push({ month: r.month, sheet: r.sheet, cell, kind: 'edited', subject: subjectOf(key), label, old, new: now, row: preview(Object.values(r.cells)), rowNumber: r.row });
  for (const old of before) {
    const key = old.key!;
    const param = paramOfKey(key);
    const now = current.get(`${old.month}|${key}`);
    current.delete(`${old.month}|${key}`);
    if (!now) {
      const value = Object.values(old.cells)[0] ?? '';
      if (param === null) changes.push({ month: old.month, sheet: old.sheet, cell: firstCell(old), kind: 'removed', subject: subjectOf(key), label: null, old: null, new: null, row: preview(Object.values(old.cells)), rowNumber: old.row });
      else if (value !== defaultOf(param)) edit(old, key, '值', firstCell(old), value, asDefault(defaultOf(param)));
      continue;
    }
    const was = byLabel(old);
    const is = byLabel(now);
    for (const label of new Set([...was.keys(), ...is.keys()])) {
      const o = was.get(label)?.value ?? '';
      const n = is.get(label)?.value ?? '';
      if (o !== n) edit(now, key, label, is.get(label)?.a1 ?? firstCell(now), o, n);
    }
  }
  for (const now of current.values()) {
    const param = paramOfKey(now.key!);
    const value = Object.values(now.cells)[0] ?? '';
    if (param !== null && value !== defaultOf(param)) edit(now, now.key!, '值', firstCell(now), asDefault(defaultOf(param)), value);
  }
  return changes;
}

/** A month's rows split for comparing: dated rows lean, rows of 参数, 组别, 人员 and 考核细则 whole. */
export interface MonthRows {
  dated: readonly DatedRow[];
  reference: readonly MonthRow[];
}

/** Splits collected `MonthRow`s into the form `rowChanges` compares them in. */
export function splitRows(rows: readonly MonthRow[]): MonthRows {
  const dated: DatedRow[] = [];
  const reference: MonthRow[] = [];
  for (const r of rows) {
    if (r.key === undefined) dated.push(datedRowOf(r));
    else reference.push(r);
  }
  return { dated, reference };
}

/**
 * Every change from `before` (stored rows) to `after` among the months of `before`: dated rows
 * added, removed or edited, and edits of the reference rows (参数, 组别, 人员, 考核细则). A change
 * found in several months (a 参数 used by each finalised month) is listed once with all its months.
 */
export function rowChanges(before: readonly MonthRow[], after: MonthRows): RowChange[] {
  // One pass over the stored rows: a year of them is large.
  const dated = new Map<string, MonthRow[]>();
  const reference: MonthRow[] = [];
  for (const r of before) {
    let month = dated.get(r.month);
    if (!month) dated.set(r.month, (month = []));
    if (r.key !== undefined) reference.push(r);
    else month.push(r);
  }
  const changes = [...datedChanges(dated, after.dated), ...referenceChanges(reference, after.reference.filter((r) => dated.has(r.month)))];
  const merged = new Map<string, RowChange>();
  for (const { month, ...c } of changes) {
    const id = JSON.stringify([c.sheet, c.cell, c.kind, c.subject, c.label, c.old, c.new, c.row]);
    const seen = merged.get(id);
    if (seen) {
      if (!seen.months.includes(month)) seen.months.push(month);
    } else merged.set(id, { months: [month], ...c });
  }
  return [...merged.values()];
}
