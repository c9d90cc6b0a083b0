import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGridLimits, LIMITS, LimitExceededError, type Limits } from '../../functions/src/domain/limits.js';
import type { Grid } from '../../functions/src/domain/types.js';
import { checkRequestLimits } from '../../functions/src/http/requestLimits.js';

const SMALL: Limits = { sheets: 3, grids: 5, rowsPerSheet: 6, nonEmptyCells: 40, cellTextChars: 8 };

/** What a check threw: the limit, sheet, count and message, or null when the grids are within the limits. */
function outcome(check: () => void): { limit: string; sheet: string; actual: number; message: string } | null {
  try {
    check();
    return null;
  } catch (error) {
    if (!(error instanceof LimitExceededError)) throw error;
    return { limit: error.limit, sheet: error.sheet, actual: error.actual, message: error.message };
  }
}

const cell = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
);
const grid = fc.record({
  name: fc.constantFrom('考勤', '人员', '村', '"引号"\\表', '参数'),
  origin: fc.constantFrom('A1', 'B5', 'A7'),
  values: fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 5 }),
});

describe('the workbook limits', () => {
  it('are at least twice the district-year benchmark (72 sheets, 72,003 rows, 1,813,126 non-empty cells)', () => {
    // Prepare
    const districtYear = { sheets: 72, rowsPerSheet: 72_003, nonEmptyCells: 1_813_126 };

    // Act
    const ratios = Object.entries(districtYear).map(([name, value]) => LIMITS[name as keyof typeof districtYear] / value);

    // Assess
    for (const ratio of ratios) expect(ratio).toBeGreaterThanOrEqual(2);
  });

  it('refuse the same workbooks, naming the same sheet, on the request bytes (service) as on the grids (add-in)', () => {
    fc.assert(
      fc.property(fc.array(grid, { maxLength: 7 }), fc.boolean(), fc.boolean(), (grids, valuesFirst, indent) => {
        // Prepare
        const ordered = grids.map((g) => (valuesFirst ? { values: g.values, origin: g.origin, name: g.name } : g));
        const text = JSON.stringify({ town: '花桥街镇', grids: ordered, month: '2015-04' }, null, indent ? 2 : undefined);

        // Act: the service may stop at the first row past a limit, so it may name another limit of that sheet
        const onText = outcome(() => checkRequestLimits(text, SMALL));
        const onGrids = outcome(() => checkGridLimits(grids as Grid[], SMALL));

        // Assess
        expect(onText?.sheet).toEqual(onGrids?.sheet);
        if (valuesFirst) expect(onText).toEqual(onGrids);
      }),
      { numRuns: 400 },
    );
  });

  it('name the sheet, the limit and the cell of an overlong text', () => {
    // Prepare
    const grids: Grid[] = [
      { name: '人员', origin: 'A1', values: [['姓名'], ['张三']] },
      { name: '考勤', origin: 'B3', values: [['日期', '姓名'], [42036, 'x'.repeat(9)]] },
    ];

    // Act
    const found = outcome(() => checkRequestLimits(JSON.stringify({ town: 't', grids }), SMALL));

    // Assess
    expect(found).toEqual({
      limit: 'cellTextChars',
      sheet: '考勤',
      actual: 9,
      message: '工作表「考勤」的单元格 C4 有 9 个字符，超过每个单元格 8 个字符的上限。请缩短该单元格的内容后再试。',
    });
  });

  it('add up the rows of a sheet sent in several grids', () => {
    // Prepare
    const block = (origin: string): Grid => ({ name: '考勤', origin, values: [[1], [2], [3], [4]] });

    // Act
    const found = outcome(() => checkRequestLimits(JSON.stringify({ grids: [block('A1'), block('A5')] }), SMALL));

    // Assess
    expect([found?.limit, found?.actual, found?.message]).toEqual(['rowsPerSheet', 7, '工作表「考勤」的行数超过每张工作表 6 行的上限。请把往年或无关的数据移到其他工作簿后再试。']);
  });

  it('stop at the first row past the limit when the sheet name came first', () => {
    // Prepare
    const rows = Array.from({ length: 1_000 }, (_, i) => [i]);
    const text = JSON.stringify({ grids: [{ name: '考勤', origin: 'A1', values: rows }] });
    const cut = text.slice(0, text.indexOf('[7]') + 3);

    // Act: the text cut after row 7 is refused as the whole is
    const found = outcome(() => checkRequestLimits(cut, SMALL));

    // Assess
    expect([found?.limit, found?.sheet, found?.actual]).toEqual(['rowsPerSheet', '考勤', 7]);
  });

  it('leave malformed JSON to the parser', () => {
    // Prepare
    const texts = ['{"grids":[{"name":"考勤","values":[[1,2', '{"grids":[{"name":"a\\', '[1,2,]', 'nul', ''];

    // Act
    const found = texts.map((text) => outcome(() => checkRequestLimits(text, SMALL)));

    // Assess
    expect(found).toEqual(texts.map(() => null));
  });
});
