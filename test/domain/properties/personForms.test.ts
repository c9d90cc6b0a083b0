import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compute } from '../../../functions/src/domain/index.js';
import { rewritePersons } from '../personForms.js';
import { bookGrids, townArb, townBook } from './helpers.js';

const RUNS = { numRuns: 100 };

describe('person references', () => {
  it('rewriting every person reference into another accepted form never changes the results', () => {
    // Prepare
    const input = fc.tuple(townArb, fc.array(fc.nat(), { minLength: 1, maxLength: 64 }));

    // Act
    const property = fc.property(input, ([town, picks]) => {
      const book = townBook(town);
      const rewritten = rewritePersons(book, (_sheet, row, col) => picks[(row * 7 + col) % picks.length]!);
      expect(compute(bookGrids(rewritten))).toEqual(compute(bookGrids(book)));
    });

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });
});
