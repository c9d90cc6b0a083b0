/**
 * The rows of the undated tables that enter every month's figures (SPEC §6 "The lock"): the 参数
 * values other than 考核月份 (and 乡镇, the month's own town), and the 组别 (组长, 年度工作经费), 人员 (所在组, 职务) and 考核细则
 * (考核组, 分值, 加分上限, 责任分解) columns. Each row carries a key (its identity), so that a
 * finalised month's rows are compared by key and a row added later is no change.
 */
import type { DetectedTable } from './detectTables.js';
import { normName, parseNumber, parseYesNo } from './normalize.js';
import { address, cellAt } from './sheets.js';
import { PARAMS, type TableKey } from './tables.js';
import type { CellValue, MonthRow } from './types.js';
import { canonical } from './cellMeaning.js';

/** A reference row: a month row without its month, with a key and a label per cell. */
export type ReferenceRow = Omit<MonthRow, 'month'> & Required<Pick<MonthRow, 'key' | 'labels'>>;

/** The identity columns and the locked columns of each undated table. */
const KEYED: Partial<Record<TableKey, { id: readonly string[]; locked: readonly string[] }>> = {
  groups: { id: ['group'], locked: ['leader', 'budget'] },
  staff: { id: ['name', 'id'], locked: ['group', 'position'] },
  rules: { id: ['code'], locked: ['group', 'points', 'bonusCap', 'split'] },
};

const PARAM_KIND = new Map(PARAMS.map((p) => [p.key, p.kind]));
const PARAM_PREFIX = '参数:';

/** A 参数 value by meaning: `100` and `100.0` are the same points, `是` and `√` the same answer. */
export function canonicalParam(key: string, value: CellValue): string {
  const kind = PARAM_KIND.get(key);
  if (kind === 'yesno') {
    const yn = parseYesNo(value);
    if (yn.ok) return yn.value ? '是' : '否';
  } else if (kind === 'points' || kind === 'fen' || kind === 'int' || kind === 'weight') {
    const n = parseNumber(value);
    if (n.ok) return String(n.value);
  }
  return normName(value);
}

/** The 参数 key of a reference row key, or null for the other tables. */
export function paramOfKey(key: string): string | null {
  return key.startsWith(PARAM_PREFIX) ? key.slice(PARAM_PREFIX.length) : null;
}

/** The rows of 参数, 组别, 人员 and 考核细则 with their locked cells, in sheet order. */
export function referenceRows(tables: Map<TableKey, DetectedTable[]>, year: number | null): ReferenceRow[] {
  const rows: ReferenceRow[] = [];
  for (const t of tables.get('params') ?? []) {
    const keyCol = t.cols.get('key')!;
    const valueCol = t.cols.get('value')!;
    for (const row of t.rows) {
      const key = normName(cellAt(t.sheet, row, keyCol));
      // 考核月份 names the month assessed, not a figure of it; 乡镇 must match the town the service
      // stores the month under (a mismatch is refused as such, before any lock).
      if (!PARAM_KIND.has(key) || key === '考核月份' || key === '乡镇') continue;
      const a1 = address(row, valueCol);
      rows.push({ sheet: t.sheet.name, row, key: `${PARAM_PREFIX}${key}`, cells: { [a1]: canonicalParam(key, cellAt(t.sheet, row, valueCol)) }, labels: { [a1]: '值' } });
    }
  }
  for (const [tableKey, spec] of Object.entries(KEYED) as [TableKey, NonNullable<(typeof KEYED)[TableKey]>][]) {
    for (const t of tables.get(tableKey) ?? []) {
      for (const row of t.rows) {
        const id = spec.id
          .filter((k) => t.cols.has(k))
          .map((k) => canonical(t, k, t.sheet, row, t.cols.get(k)!, year))
          .filter(Boolean);
        if (id.length === 0) continue;
        const cells: Record<string, string> = {};
        const labels: Record<string, string> = {};
        for (const k of [...spec.id, ...spec.locked]) {
          const col = t.cols.get(k);
          if (col === undefined) continue;
          const a1 = address(row, col);
          cells[a1] = canonical(t, k, t.sheet, row, col, year);
          labels[a1] = t.def.columns.find((c) => c.key === k)!.header;
        }
        rows.push({ sheet: t.sheet.name, row, key: `${t.def.sheet}:${id.join('#')}`, cells, labels });
      }
    }
  }
  return rows;
}
