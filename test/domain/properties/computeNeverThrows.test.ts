import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compute, TABLES } from '../../../functions/src/domain/index.js';
import type { Grid } from '../../../functions/src/domain/types.js';
import { richTown } from '../validation/helpers.js';
import { toGrids } from '../fixtures.js';
import { anyJunk, extremeNumber, junkGrid, numbersIn, plainJunk, shapeProblem } from './helpers.js';

/**
 * A cell of the rich town to replace: [sheet, row, column, value]. Positions wrap around the sheet's
 * used range, so most spoils hit real cells; `outside` puts the value below or right of the data.
 */
type Spoil = [sheet: number, row: number, col: number, value: unknown, outside: boolean];

const spoils = (junk: fc.Arbitrary<unknown>): fc.Arbitrary<Spoil[]> =>
  fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), junk, fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })), { minLength: 1, maxLength: 6 });

/** The rich valid town with the given cells replaced. */
function spoiltTown(list: readonly Spoil[]): Grid[] {
  const grids = toGrids(richTown()) as { name: string; origin: string; values: unknown[][] }[];
  for (const [sheet, row, col, value, outside] of list) {
    const grid = grids[sheet % grids.length]!;
    const r = outside ? grid.values.length + (row % 3) : row % grid.values.length;
    while (grid.values.length <= r) grid.values.push([]);
    const cells = grid.values[r]!;
    cells[outside ? cells.length + (col % 3) : col % Math.max(1, cells.length)] = value;
  }
  return grids;
}

const RUNS = { numRuns: 150 };

const NUMERIC_HEADERS = new Set(TABLES.flatMap((t) => t.columns.filter((c) => c.kind === 'number' || c.kind === 'money').map((c) => c.header)));
const EXTREMES = [1e308, -1e308, Number.MAX_VALUE, 1e300, 1e20, 5e-324, 2 ** 53 + 2];

/** Every number cell of the rich town's data rows, as [sheet, row, column] indices. */
function numberCells(): [number, number, number][] {
  return toGrids(richTown()).flatMap((grid, sheet) => {
    const header = grid.values[0]!;
    const cols = header.flatMap((h, col) => (NUMERIC_HEADERS.has(String(h)) ? [col] : []));
    return grid.values.slice(1).flatMap((_, i) => cols.map((col): [number, number, number] => [sheet, i + 1, col]));
  });
}

describe('compute on arbitrary grids', () => {
  it('never throws on grids of JSON-like junk and answers a well-formed result', () => {
    // Prepare
    const input = fc.array(junkGrid(plainJunk), { maxLength: 8 });

    // Act
    const property = fc.property(input, (grids) => shapeProblem(compute(grids)) === null);

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('never throws on grids holding any JS value', () => {
    // Prepare
    const input = fc.array(fc.oneof({ weight: 5, arbitrary: junkGrid(anyJunk) }, { weight: 1, arbitrary: fc.anything() as fc.Arbitrary<Grid> }), { maxLength: 8 });

    // Act
    const property = fc.property(input, (grids) => shapeProblem(compute(grids)) === null);

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('never throws on input that is not a list of grids', () => {
    // Prepare
    const input = fc.anything();

    // Act
    const property = fc.property(input, (grids) => shapeProblem(compute(grids as Grid[])) === null);

    // Assess
    expect(() => fc.assert(property, { numRuns: 100 })).not.toThrow();
  });

  it('reports missing sheets, not an exception, for an empty workbook', () => {
    // Prepare
    const grids: Grid[] = [];

    // Act
    const result = compute(grids);

    // Assess
    expect(result.status).toBe('invalid');
    expect(result.issues.map((i) => [i.sheet, i.cell, i.code])).toEqual(
      ['参数', '组别', '人员', '村', '考核细则', '组督查'].map((sheet) => [sheet, 'A1', 'missing_sheet']),
    );
  });
});

describe('compute on the valid town with junk cells', () => {
  it('never throws on JSON-like junk and answers a well-formed result', () => {
    // Prepare
    const input = spoils(plainJunk);

    // Act
    const property = fc.property(input, (list) => shapeProblem(compute(spoiltTown(list))) === null);

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('never throws on any JS value', () => {
    // Prepare
    const input = spoils(anyJunk);

    // Act
    const property = fc.property(input, (list) => shapeProblem(compute(spoiltTown(list))) === null);

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('never throws on extreme numbers', () => {
    // Prepare
    const input = spoils(extremeNumber);

    // Act
    const property = fc.property(input, (list) => shapeProblem(compute(spoiltTown(list))) === null);

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('never throws and answers finite numbers with an extreme number in any number cell', () => {
    // Prepare
    const cases = numberCells().flatMap(([sheet, row, col]) => EXTREMES.map((value): Spoil => [sheet, row, col, value, false]));

    // Act
    const failures = cases.flatMap((spoil) => {
      const grids = spoiltTown([spoil]);
      const at = `${grids[spoil[0]]!.name}!R${spoil[1] + 1}C${spoil[2] + 1}=${String(spoil[3])}`;
      try {
        const result = compute(grids);
        return numbersIn(result).every(Number.isFinite) ? [] : [`${at}: non-finite number in result`];
      } catch (e) {
        return [`${at}: ${String(e)}`];
      }
    });

    // Assess
    expect(failures).toEqual([]);
  });

  it('answers only finite JSON numbers, whatever the cells hold', () => {
    // Prepare
    const input = spoils(fc.oneof(plainJunk, extremeNumber));

    // Act
    const property = fc.property(input, (list) => numbersIn(compute(spoiltTown(list))).every(Number.isFinite));

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('never throws on 民调 counts too large for a rate', () => {
    // Prepare
    const book = richTown();
    book['民调']!.push(['毛家村', 1e306, 1e305, 1e306, 1e305, '']);

    // Act
    const run = () => compute(toGrids(book));

    // Assess
    expect(run).not.toThrow();
  });

  it('never throws on a sheet of 200 000 rows', () => {
    // Prepare
    const grids = toGrids(richTown());
    const inspections = grids.find((g) => g.name === '组督查')!;
    const filler = inspections.values[1]!;
    for (let i = 0; i < 200_000; i++) inspections.values.push([...filler]);

    // Act
    const run = () => compute(grids);

    // Assess
    expect(run).not.toThrow();
    expect(run().issues.filter((i) => i.code === 'duplicate_inspection')).toHaveLength(200_000);
  });
});
