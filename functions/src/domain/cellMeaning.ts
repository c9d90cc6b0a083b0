/** A cell of a detected table by its meaning, as the 定稿 lock stores and compares it. */
import type { DetectedTable } from './detectTables.js';
import { normName, normText, parseDate, parseMonth, parseNumber, serialToIso } from './normalize.js';
import { cellAt, type Sheet } from './sheets.js';

/**
 * The normalised meaning of a cell, so retyping 2015/4/2 as 2015-04-02 (or 100 as 100.00) is no change.
 */
export function canonical(t: DetectedTable, key: string, sheet: Sheet, row: number, col: number, year: number | null): string {
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

