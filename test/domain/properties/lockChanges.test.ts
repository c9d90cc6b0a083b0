import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { collectMonthRows, compute } from '../../../functions/src/domain/index.js';
import type { Grid, MonthRow } from '../../../functions/src/domain/types.js';
import { sizeById, syntheticTown } from '../../../bench/syntheticTown.js';

/**
 * The 定稿 lock matches the runs of rows that are equal at both ends of a month in place and
 * only the rest by value. Whatever is moved, deleted, inserted or edited in the finalised months
 * of a town, it must report exactly what changed.
 */
const town = syntheticTown(sizeById('town'));
const FINALISED = ['2015-01', '2015-02', '2015-03'];
/** The rows of January to March as the store hands them back after 定稿. */
const stored: MonthRow[] = JSON.parse(JSON.stringify(collectMonthRows(town, { months: FINALISED }).rows));
/** Banner, blank row and header come before a synthetic sheet's rows. */
const FIRST = 3;
const entrySheets = town.flatMap((g, i) => (g.name.startsWith('对村考核-') ? [i] : []));

const isFinalised = (serial: unknown) => typeof serial === 'number' && serial < 42095; // 2015-04-01
const lockIssues = (grids: readonly Grid[], rows: readonly MonthRow[] = stored) =>
  compute(grids, { finalizedRows: [...rows] }).issues.filter((i) => i.code === 'finalized_month_changed');

/** A copy of the town and the n-th of its 对村考核 sheets (modulo their count) in that copy. */
const copyWithSheet = (n: number) => {
  const grids = structuredClone(town);
  return { grids, g: grids[entrySheets[n % entrySheets.length]!]! };
};

/** The sheet's rows of January to March, by index in its values. */
const finalisedRows = (g: Grid) => g.values.flatMap((r, i) => (i >= FIRST && isFinalised(r[0]) ? [i] : []));

describe('the 定稿 lock', () => {
  it('finds no change when the rows are sorted otherwise or the stored cells are out of column order', () => {
    fc.assert(
      fc.property(fc.integer(), fc.boolean(), (seed, reversed) => {
        // Prepare
        const grids = structuredClone(town);
        for (const i of entrySheets) {
          const rows = grids[i]!.values.slice(FIRST);
          const shuffled = fc.sample(fc.shuffledSubarray(rows, { minLength: rows.length }), { seed: seed + i, numRuns: 1 })[0]!;
          grids[i]!.values.splice(FIRST, rows.length, ...shuffled);
        }
        const rows = reversed ? stored.map((r) => ({ ...r, cells: Object.fromEntries(Object.entries(r.cells).reverse()) })) : stored;

        // Act
        const issues = lockIssues(grids, rows);

        // Assess
        expect(issues).toEqual([]);
      }),
      { numRuns: 6 },
    );
  });

  it('reports each deleted row of a finalised month once, naming it', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (sheet, picks) => {
        // Prepare
        const { grids, g } = copyWithSheet(sheet);
        const rows = finalisedRows(g);
        const deleted = new Set(picks.map((n) => rows[n % rows.length]!));
        const numbers = [...deleted].map((i) => `定稿时第 ${i + 1} 行的记录`);
        g.values = g.values.filter((_, i) => !deleted.has(i));

        // Act
        const issues = lockIssues(grids);

        // Assess
        expect(issues.map((i) => numbers.find((n) => i.message.includes(n)) ?? i.message).sort()).toEqual(numbers.sort());
      }),
      { numRuns: 10 },
    );
  });

  it('reports a row inserted among the rows of a finalised month at its first cell', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), (sheet, source, position) => {
        // Prepare: a copy of a finalised row with another reason
        const { grids, g } = copyWithSheet(sheet);
        const copy = [...g.values[finalisedRows(g)[source % finalisedRows(g).length]!]!];
        copy[4] = '定稿后补录';
        const at = FIRST + (position % (g.values.length - FIRST + 1));
        g.values.splice(at, 0, copy);

        // Act
        const issues = lockIssues(grids);

        // Assess
        expect(issues).toEqual([expect.objectContaining({ sheet: g.name, cell: `A${at + 1}`, message: expect.stringContaining('此行是定稿后新增的') })]);
      }),
      { numRuns: 10 },
    );
  });

  it('reports an edited 加减分 of a finalised month at its cell with the old value, after rows deleted below it', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), (sheet, pick, below) => {
        // Prepare
        const { grids, g } = copyWithSheet(sheet);
        const rows = finalisedRows(g);
        const index = rows[pick % rows.length]!;
        // As stored: the canonical points, whichever way the cell was typed (some say 扣1分)
        const old = stored.find((r) => r.sheet === g.name && r.row === index + 1)!.cells[`D${index + 1}`];
        g.values[index]![3] = 7.5;
        const later = rows.filter((i) => i > index);
        const deleted = later.length > 0 ? later[below % later.length]! : -1;
        g.values = g.values.filter((_, i) => i !== deleted);

        // Act
        const issues = lockIssues(grids);

        // Assess
        expect(issues.filter((i) => i.message.includes('此单元格在定稿后被修改'))).toEqual([
          expect.objectContaining({ sheet: g.name, cell: `D${index + 1}`, message: expect.stringContaining(`原为「${old}」，现为「7.5」`) }),
        ]);
        expect(issues).toHaveLength(deleted < 0 ? 1 : 2);
      }),
      { numRuns: 10 },
    );
  });

  it('reports a row added to a finalised month that had no entries of its sheet at 定稿', () => {
    // Prepare: March stored without its dated rows, as a month with no entries is
    const { grids, g } = copyWithSheet(0);
    const onlyReference = stored.filter((r) => r.month !== '2015-03' || r.key !== undefined);
    const march = g.values.findIndex((r, i) => i >= FIRST && typeof r[0] === 'number' && r[0] >= 42064 && r[0] < 42095);

    // Act
    const issues = lockIssues(grids, onlyReference);

    // Assess
    expect(march).toBeGreaterThan(0);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues).toContainEqual(expect.objectContaining({ sheet: g.name, cell: `A${march + 1}`, message: expect.stringContaining('2015年3月已定稿，此行是定稿后新增的') }));
    expect(issues.every((i) => i.message.startsWith('2015年3月已定稿'))).toBe(true);
  });
});
