import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compute } from '../../../functions/src/domain/index.js';
import type { AssessmentResult } from '../../../functions/src/domain/types.js';
import type { Book } from '../fixtures.js';
import { APPEAL_HEADER } from '../rules/helpers.js';
import { bookGrids, serialOf, townArb, townBook, type TownSpec } from './helpers.js';

const RUNS = { numRuns: 100 };

/** A town with at least one score entry, and the index of the entry an appeal names. */
const appealed = townArb
  .filter((t) => t.entries.length > 0)
  .chain((town) => fc.record({ town: fc.constant(town), pick: fc.nat({ max: town.entries.length - 1 }) }))
  .map(({ town, pick }) => ({ town, row: firstIdentical(town, pick) }));

/**
 * The first entry identical to entry `pick` (same 村, 日期, 细则编号, 加减分): the one a single
 * 申诉 row names (R13 matches identical entries in reading order).
 */
function firstIdentical(town: TownSpec, pick: number): number {
  const p = town.entries[pick]!;
  return town.entries.findIndex((e) => e.village === p.village && e.month === p.month && e.day === p.day && e.rule === p.rule && e.pointsH === p.pointsH);
}

/** The book with one 申诉 row naming entry `row` (its 对村考核 row is `row + 1`). */
function withAppeal(town: TownSpec, row: number, result: string, newPoints: number | '' = ''): Book {
  const book = townBook(town);
  const e = book['对村考核']![row + 1]!;
  const entry = town.entries[row]!;
  book['申诉'] = [APPEAL_HEADER, [e[1]!, serialOf(town, entry.month, entry.day), e[2]!, entry.pointsH / 100, '申诉理由', result, newPoints, '', '']];
  return book;
}

/**
 * Every figure of a result: everything but the issues, the appeals list, the 申诉处理 section
 * (the last of the 通报) and the statements' 申诉 notes.
 */
function figures(r: AssessmentResult, dropWithdrawn = false) {
  expect(r.status).toBe('ok');
  const section = r.bulletin.findIndex((l) => l.endsWith('、申诉处理'));
  return {
    villages: r.villages,
    groups: r.groups,
    staff: r.staff,
    leaves: r.leaves,
    finance: r.finance,
    survey: r.survey,
    accountability: r.accountability,
    bulletin: r.bulletin.slice(0, section),
    statements: r.statements.map((s) => ({
      ...s,
      entries: s.entries.filter((e) => !(dropWithdrawn && e.appeal?.startsWith('撤销'))).map((e) => ({ ...e, appeal: null })),
    })),
  };
}

const run = (book: Book) => compute(bookGrids(book));

describe('R13 appeal properties', () => {
  it('an appeal 维持 or 待处理 never changes any figure', () => {
    fc.assert(
      fc.property(appealed, fc.constantFrom('维持', '待处理', ''), ({ town, row }, result) => {
        // Act
        const plain = run(townBook(town));
        const kept = run(withAppeal(town, row, result));

        // Assess
        expect(figures(kept)).toEqual(figures(plain));
        expect(kept.appeals[0]!.applied).toBe(false);
      }),
      RUNS,
    );
  });

  it('撤销 gives the same figures as deleting that row', () => {
    fc.assert(
      fc.property(appealed, ({ town, row }) => {
        // Prepare
        const deleted = townBook(town);
        deleted['对村考核']!.splice(row + 1, 1);

        // Act
        const withdrawn = run(withAppeal(town, row, '撤销'));
        const without = run(deleted);

        // Assess
        expect(figures(withdrawn, true)).toEqual(figures(without));
      }),
      RUNS,
    );
  });

  it('改为 x gives the same figures as editing that row\'s 加减分 to x', () => {
    const newPoints = fc.integer({ min: -2500, max: 2500 }).filter((p) => p !== 0);
    fc.assert(
      fc.property(appealed, newPoints, ({ town, row }, x) => {
        // Prepare
        const edited = { ...town, entries: town.entries.map((e, i) => (i === row ? { ...e, pointsH: x } : e)) };

        // Act
        const changed = run(withAppeal(town, row, '改为', x / 100));
        const typed = run(townBook(edited));

        // Assess
        expect(figures(changed)).toEqual(figures(typed));
      }),
      RUNS,
    );
  });
});
