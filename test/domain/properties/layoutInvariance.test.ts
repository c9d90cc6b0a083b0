import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compute, TABLES } from '../../../functions/src/domain/index.js';
import { mapSheets, permuteColumns, renameHeaders, withBanner, withoutAddresses } from '../validation/helpers.js';
import type { Book, Rows } from '../fixtures.js';
import { bannerArb, bookGrids, townArb, townBook } from './helpers.js';

const RUNS = { numRuns: 100 };
const MAX_SHEETS = 16;

/** Ways of writing a header that SPEC §2 says must match: synonyms, a unit, spaces, full-width forms. */
function headerVariants(header: string): string[] {
  const synonyms = TABLES.flatMap((t) => t.columns).find((c) => c.header === header)?.synonyms ?? [];
  return [header, ...synonyms, `${header}（元）`, `${header}(分)`, `${header}（天）`, ` ${header} `, [...header].join('\u3000'), `\u3000${header}`];
}

const sheetPicks = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: MAX_SHEETS, maxLength: MAX_SHEETS });

/** Applies one pick per sheet, in sheet order. */
function perSheet<T>(book: Book, picks: readonly T[], f: (rows: Rows, pick: T) => Rows): Book {
  let i = 0;
  return mapSheets(book, (rows) => f(rows, picks[i++ % picks.length]!));
}

/** Column order given by sorting random keys (ties keep the original order). */
function orderOf(rows: Rows, keys: readonly number[]): number[] {
  const width = Math.max(...rows.map((r) => r.length));
  return [...Array(width).keys()].sort((a, b) => (keys[a % keys.length]! - keys[b % keys.length]!) || a - b);
}

function renamed(rows: Rows, picks: readonly number[]): Rows {
  const header = rows[0] ?? [];
  const names = Object.fromEntries(header.map((h, c) => [String(h), headerVariants(String(h))[picks[c % picks.length]! % headerVariants(String(h)).length]!]));
  return renameHeaders(rows, names);
}

const layouts = {
  banner: sheetPicks(bannerArb),
  order: sheetPicks(fc.array(fc.nat({ max: 20 }), { minLength: 10, maxLength: 10 })),
  names: sheetPicks(fc.array(fc.nat(), { minLength: 10, maxLength: 10 })),
};

describe('layout of the input tables', () => {
  it('banner rows above the headers change nothing but addresses', () => {
    // Prepare
    const input = fc.tuple(townArb, layouts.banner);

    // Act
    const property = fc.property(input, ([town, banners]) => {
      const book = townBook(town);
      const moved = perSheet(book, banners, withBanner);
      expect(withoutAddresses(compute(bookGrids(moved)))).toEqual(withoutAddresses(compute(bookGrids(book))));
    });

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('permuted columns change nothing but addresses', () => {
    // Prepare
    const input = fc.tuple(townArb, layouts.order);

    // Act
    const property = fc.property(input, ([town, orders]) => {
      const book = townBook(town);
      const moved = perSheet(book, orders, (rows, keys) => permuteColumns(rows, orderOf(rows, keys)));
      expect(withoutAddresses(compute(bookGrids(moved)))).toEqual(withoutAddresses(compute(bookGrids(book))));
    });

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('headers renamed to synonyms, with units, spaces or full-width forms change nothing at all', () => {
    // Prepare
    const input = fc.tuple(townArb, layouts.names);

    // Act
    const property = fc.property(input, ([town, picks]) => {
      const book = townBook(town);
      const moved = perSheet(book, picks, renamed);
      expect(compute(bookGrids(moved))).toEqual(compute(bookGrids(book)));
    });

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('all three together change nothing but addresses', () => {
    // Prepare
    const input = fc.tuple(townArb, layouts.banner, layouts.order, layouts.names);

    // Act
    const property = fc.property(input, ([town, banners, orders, picks]) => {
      const book = townBook(town);
      const renamedBook = perSheet(book, picks, renamed);
      const permuted = perSheet(renamedBook, orders, (rows, keys) => permuteColumns(rows, orderOf(rows, keys)));
      const moved = perSheet(permuted, banners, withBanner);
      expect(withoutAddresses(compute(bookGrids(moved)))).toEqual(withoutAddresses(compute(bookGrids(book))));
    });

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });
});
