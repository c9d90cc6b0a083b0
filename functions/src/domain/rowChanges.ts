/**
 * What changed between two snapshots of a month's input rows: the 定稿 lock reports these as
 * errors, and a correction (更正) lists them as the entries it changed.
 */
import { parseAddress } from './sheets.js';
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

const preview = (r: MonthRow) => Object.values(r.cells).filter(Boolean).join(' / ');
const firstCell = (r: MonthRow) => Object.keys(r.cells)[0] ?? `A${r.row}`;
const subjectOf = (key: string) => key.slice(key.indexOf(':') + 1).replace('#', ' ');
const defaultOf = (param: string) => canonicalParam(param, PARAM_DEFAULTS[param] ?? '');
const asDefault = (value: string) => `${value}（默认值）`;

const columnOf = (a1: string): number => parseAddress(a1)?.col ?? 0;

// Dated rows are matched by their values in column order, so moving a row is no change.
function signature(r: MonthRow): string {
  const cells = Object.entries(r.cells);
  let ordered = true;
  for (let i = 1; i < cells.length && ordered; i++) ordered = columnOf(cells[i - 1]![0]) < columnOf(cells[i]![0]);
  if (!ordered) cells.sort((a, b) => columnOf(a[0]) - columnOf(b[0]));
  return JSON.stringify(cells.map(([, v]) => v));
}

type Change = Omit<RowChange, 'months'> & { month: string };

function datedChanges(before: readonly MonthRow[], after: readonly MonthRow[]): Change[] {
  const changes: Change[] = [];
  const unmatched = new Map<string, MonthRow[]>();
  for (const r of before) {
    const key = `${r.month}|${signature(r)}`;
    const pool = unmatched.get(key);
    if (pool) pool.push(r);
    else unmatched.set(key, [r]);
  }
  const added: MonthRow[] = [];
  for (const r of after) {
    const pool = unmatched.get(`${r.month}|${signature(r)}`);
    if (pool?.length) pool.shift();
    else added.push(r);
  }
  const removed = [...unmatched.values()].flat();
  const base = (r: MonthRow) => ({ month: r.month, sheet: r.sheet, subject: null, label: null, row: preview(r), rowNumber: r.row });
  for (const r of added) {
    const index = removed.findIndex((x) => x.month === r.month && x.sheet === r.sheet && x.row === r.row);
    if (index < 0) {
      changes.push({ ...base(r), cell: firstCell(r), kind: 'added', old: null, new: null });
      continue;
    }
    const old = removed.splice(index, 1)[0]!;
    for (const a1 of new Set([...Object.keys(old.cells), ...Object.keys(r.cells)])) {
      if ((old.cells[a1] ?? '') === (r.cells[a1] ?? '')) continue;
      changes.push({ ...base(r), cell: a1, kind: 'edited', old: old.cells[a1] ?? '', new: r.cells[a1] ?? '' });
    }
  }
  for (const r of removed) changes.push({ ...base(r), cell: firstCell(r), kind: 'removed', old: null, new: null });
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
    changes.push({ month: r.month, sheet: r.sheet, cell, kind: 'edited', subject: subjectOf(key), label, old, new: now, row: preview(r), rowNumber: r.row });
  for (const old of before) {
    const key = old.key!;
    const param = paramOfKey(key);
    const now = current.get(`${old.month}|${key}`);
    current.delete(`${old.month}|${key}`);
    if (!now) {
      const value = Object.values(old.cells)[0] ?? '';
      if (param === null) changes.push({ month: old.month, sheet: old.sheet, cell: firstCell(old), kind: 'removed', subject: subjectOf(key), label: null, old: null, new: null, row: preview(old), rowNumber: old.row });
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

/**
 * Every change from `before` to `after` among the months of `before`: dated rows added, removed or
 * edited, and edits of the reference rows (参数, 组别, 人员, 考核细则). A change found in several
 * months (a 参数 used by each finalised month) is listed once with all its months.
 */
export function rowChanges(before: readonly MonthRow[], after: readonly MonthRow[]): RowChange[] {
  const months = new Set(before.map((r) => r.month));
  const now = after.filter((r) => months.has(r.month));
  const changes = [
    ...datedChanges(before.filter((r) => r.key === undefined), now.filter((r) => r.key === undefined)),
    ...referenceChanges(before.filter((r) => r.key !== undefined), now.filter((r) => r.key !== undefined)),
  ];
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
