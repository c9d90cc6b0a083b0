import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assembleSheets, cellAt, columnName, lastColumn } from '../../../functions/src/domain/sheets.js';
import type { CellValue, Grid } from '../../../functions/src/domain/types.js';

/** Cells as the add-in and the file readers send them, plus what a careless caller might. */
const cellArb = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -5, max: 50 }), fc.constant(''), fc.constant(null)) },
  { weight: 1, arbitrary: fc.oneof(fc.boolean(), fc.constant(' '), fc.constant(Number.NaN), fc.constant(undefined), fc.date({ noInvalidDate: false }), fc.constant({ a: 1 })) },
);

/** A block of rows placed at a row and column of the sheet. */
const blockArb = fc.record({
  row: fc.integer({ min: 1, max: 6 }),
  col: fc.integer({ min: 1, max: 5 }),
  values: fc.array(fc.array(cellArb, { maxLength: 5 }), { maxLength: 5 }),
});

/** What a cell must read as: the last block's non-empty value there, converted as SPEC §2 reads it. */
function expectedCells(blocks: readonly { row: number; col: number; values: unknown[][] }[]): Map<string, CellValue> {
  const cells = new Map<string, CellValue>();
  for (const b of blocks) {
    b.values.forEach((rowValues, r) =>
      rowValues.forEach((v, c) => {
        const value = toValue(v);
        if (value !== '') cells.set(`${b.row + r}:${b.col + c}`, value);
      }),
    );
  }
  return cells;
}

function toValue(v: unknown): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return JSON.stringify(v);
}

describe('assembleSheets', () => {
  it('reads every cell of overlapping blocks at any origin as the last non-empty value written there', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { minLength: 1, maxLength: 4 }), (blocks) => {
        // Prepare
        const grids: Grid[] = blocks.map((b) => ({ name: '考勤', origin: `${columnName(b.col)}${b.row}`, values: b.values }));
        const expected = expectedCells(blocks);

        // Act
        const [sheet] = assembleSheets(grids);

        // Assess
        for (let row = 1; row <= 12; row++) {
          for (let col = 1; col <= 12; col++) {
            const cell = cellAt(sheet!, row, col);
            expect(cell === null ? '' : cell).toEqual(expected.get(`${row}:${col}`) ?? '');
          }
        }
        const rows = [...expected.keys()].map((k) => Number(k.split(':')[0]));
        expect(sheet!.maxRow).toBe(rows.length ? Math.max(...rows) : 0);
        for (const row of new Set(rows)) {
          const cols = [...expected.keys()].filter((k) => Number(k.split(':')[0]) === row).map((k) => Number(k.split(':')[1]));
          expect(lastColumn(sheet!, row)).toBe(Math.max(...cols));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the rows of a plain grid as sent rather than copying them', () => {
    // Prepare
    const values = [['日期', '姓名'], [42036, '王芳'], ['', null]];

    // Act
    const [sheet] = assembleSheets([{ name: '考勤', origin: 'C3', values }]);

    // Assess
    expect(sheet!.rows[3]).toBe(values[0]);
    expect(sheet!.rows[4]).toBe(values[1]);
    expect(sheet!.rows[5]).toBeUndefined();
    expect(cellAt(sheet!, 4, 4)).toBe('王芳');
    expect(values).toEqual([['日期', '姓名'], [42036, '王芳'], ['', null]]);
  });
});
