import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compute } from '../../../functions/src/domain/index.js';
import type { Grid } from '../../../functions/src/domain/types.js';
import { workbookToGrids } from '../../../functions/src/workbook/readWorkbook.js';
import { buildExampleWorkbook } from '../../../scripts/exampleWorkbook.js';
import { sizeById, syntheticTown } from '../../../bench/syntheticTown.js';

/**
 * The columnar reader answers the common cell (a plain number, a text without outer spaces) from
 * the row array and leaves every other cell to the full reader. A trailing space on a text is the
 * same value to the rules (SPEC §2 trims it), but sends the cell to the full reader: so padding
 * texts must never change a result, valid or not.
 */
const padded = (grids: readonly Grid[], pick: (sheet: number, row: number, col: number) => boolean): Grid[] =>
  grids.map((g, s) => ({
    ...g,
    values: g.values.map((row, r) => row.map((v, c) => (typeof v === 'string' && v !== '' && pick(s, r, c) ? `${v}\u3000` : v))),
  }));

const example = workbookToGrids(buildExampleWorkbook());
const town = syntheticTown(sizeById('town'));

/** Junk a user types, put on a cell of the workbook: each is read by one path or the other. */
const junkArb = fc.constantFrom<unknown>('', '#REF!', 'abc', ' 扣2分 ', '２０１５年３月', -3, 99999999, 'x村', '2015-13-01', '是', true, 42100, 0, '撤销');

describe('the columnar reader', () => {
  it('gives the result of the full reader on the example and a town, whatever cells it leaves to it', () => {
    fc.assert(
      fc.property(fc.constantFrom(example, town), fc.integer({ min: 0, max: 6 }), fc.integer(), (grids, every, seed) => {
        // Prepare: some texts (or all) padded; every = 0 pads them all
        const pick = (s: number, r: number, c: number) => every === 0 || (s * 31 + r * 7 + c + seed) % (every + 1) === 0;

        // Act
        const plain = compute(grids);
        const full = compute(padded(grids, pick));

        // Assess
        expect(full).toEqual(plain);
      }),
      { numRuns: 12 },
    );
  });

  it('gives the result of the full reader on workbooks with mistakes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), junkArb), { minLength: 1, maxLength: 6 }), (edits) => {
        // Prepare
        const grids = structuredClone(example);
        for (const [s, r, c, junk] of edits) {
          const sheet = grids[s % grids.length]!;
          const row = sheet.values[r % Math.max(1, sheet.values.length)];
          if (row && row.length > 0) row[c % row.length] = junk;
        }

        // Act
        const plain = compute(grids);
        const full = compute(padded(grids, () => true));

        // Assess
        expect(full).toEqual(plain);
      }),
      { numRuns: 40 },
    );
  });
});
