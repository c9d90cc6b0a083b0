import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compute } from '../../../functions/src/domain/index.js';
import type { AssessmentResult } from '../../../functions/src/domain/types.js';
import { bookGrids, h, ROLES, serialOf, townArb, townBook, type TownSpec } from './helpers.js';

const RUNS = { numRuns: 150 };

/** A generated valid town with its result. */
const computed = townArb.map((town) => ({ town, result: compute(bookGrids(townBook(town))) }));

/** base_i of R5 in fen, computed here independently with BigInt. */
function baseFen(budgetFen: number, month: number): bigint {
  const a = BigInt(budgetFen);
  return a / 12n + (BigInt(month) <= a % 12n ? 1n : 0n);
}

/** 应发 of R5 in fen: round_half_up(base × score / 100) with the score in hundredths (0..10000). */
const paidFen = (base: bigint, scoreH: number): bigint => (2n * base * BigInt(scoreH) + 10000n) / 20000n;

/** The month's attributed deductions of a village per SPEC R8, in hundredths, for months 1..m (index 0 = January). */
function attributed(town: TownSpec, village: number): number[] {
  const months = Array<number>(town.month).fill(0);
  for (const e of town.entries) {
    const rule = town.rules[e.rule]!;
    if (e.village !== village || e.pointsH >= 0 || e.month > town.month) continue;
    if (e.responsible !== null || rule.split !== null) months[e.month - 1]! += -e.pointsH;
  }
  for (const a of town.accountability) if (a.village === village && a.role !== null && a.month <= town.month) months[a.month - 1]! += a.pointsH;
  return months;
}

/** SPEC R7 bonus and deduction of a village per month 1..m, in hundredths: caps year to date in date then row order. */
function villageTally(town: TownSpec, village: number): { bonus: number[]; deduction: number[] } {
  const bonus = Array<number>(town.month).fill(0);
  const deduction = Array<number>(town.month).fill(0);
  const used = new Map<number, number>();
  const entries = town.entries
    .map((e, row) => ({ e, row, date: serialOf(town, e.month, e.day) }))
    .filter(({ e }) => e.village === village && e.month <= town.month)
    .sort((a, b) => a.date - b.date || a.row - b.row);
  for (const { e } of entries) {
    if (e.pointsH < 0) {
      deduction[e.month - 1]! += -e.pointsH;
      continue;
    }
    const cap = town.rules[e.rule]!.capH;
    const before = used.get(e.rule) ?? 0;
    const counted = cap === null ? e.pointsH : Math.max(0, Math.min(e.pointsH, cap - before));
    used.set(e.rule, before + counted);
    bonus[e.month - 1]! += counted;
  }
  for (const a of town.accountability) if (a.village === village && a.month <= town.month) deduction[a.month - 1]! += a.pointsH;
  return { bonus, deduction };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Fails with the town and result attached, so a counterexample is readable. */
function check(ok: boolean, what: string, town: TownSpec, result: AssessmentResult): boolean {
  if (!ok) throw new Error(`${what}\nissues: ${JSON.stringify(result.issues.filter((i) => i.severity === 'error'))}\ntown: ${JSON.stringify(town)}`);
  return true;
}

describe('generated valid towns', () => {
  it('compute to status ok', () => {
    // Prepare
    const input = computed;

    // Act
    const property = fc.property(input, ({ town, result }) => check(result.status === 'ok', 'status invalid', town, result));

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });
});

describe('funds (R5)', () => {
  it('pay 应发 + 暂扣 = base to the fen, with base and 应发 as R5 defines them', () => {
    // Prepare
    const input = computed;

    // Act
    const property = fc.property(input, ({ town, result }) =>
      town.groups.every((g, i) => {
        const r = result.groups[i]!;
        const base = baseFen(g.budgetFen, town.month);
        const score = g.inspectionsH[town.month - 1]!;
        return (
          check(h(r.fundPaid) + h(r.fundWithheld) === h(r.fundBase), `${r.group}: 应发 ${r.fundPaid} + 暂扣 ${r.fundWithheld} ≠ ${r.fundBase}`, town, result) &&
          check(BigInt(h(r.fundBase)) === base, `${r.group}: base ${r.fundBase} ≠ ${base} fen`, town, result) &&
          check(BigInt(h(r.fundPaid)) === paidFen(base, score), `${r.group}: 应发 ${r.fundPaid} ≠ ${paidFen(base, score)} fen`, town, result)
        );
      }),
    );

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('pay year to date the sum of the months that have a 组督查 row', () => {
    // Prepare
    const input = computed;

    // Act
    const property = fc.property(input, ({ town, result }) =>
      town.groups.every((g, i) => {
        const expected = g.inspectionsH.reduce((acc, s, m) => (s === null ? acc : acc + paidFen(baseFen(g.budgetFen, m + 1), s)), 0n);
        return check(BigInt(h(result.groups[i]!.ytdFundPaid)) === expected, `${result.groups[i]!.group}: ytd ${result.groups[i]!.ytdFundPaid} ≠ ${expected} fen`, town, result);
      }),
    );

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });
});

describe('responsibility split (R8)', () => {
  it('gives the roles exactly the month’s and the year’s attributed deductions', () => {
    // Prepare
    const input = computed;

    // Act
    const property = fc.property(input, ({ town, result }) =>
      result.villages.every((v, i) => {
        const expected = attributed(town, i);
        const month = sum(v.roles.map((r) => h(r.monthDeduction)));
        const ytd = sum(v.roles.map((r) => h(r.ytdDeduction)));
        return (
          check(month === expected[town.month - 1], `${v.village}: roles' month ${month} ≠ ${expected[town.month - 1]}`, town, result) &&
          check(ytd === sum(expected), `${v.village}: roles' ytd ${ytd} ≠ ${sum(expected)}`, town, result)
        );
      }),
    );

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('lists the four roles in order with their names, never a negative share', () => {
    // Prepare
    const input = computed;

    // Act
    const property = fc.property(input, ({ town, result }) =>
      result.villages.every((v) =>
        check(
          JSON.stringify(v.roles.map((r) => r.role)) === JSON.stringify(ROLES) && v.roles.every((r) => r.monthDeduction >= 0 && r.ytdDeduction >= r.monthDeduction && r.name !== null),
          `${v.village}: roles ${JSON.stringify(v.roles)}`,
          town,
          result,
        ),
      ),
    );

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });
});

describe('village scores and ranks (R7)', () => {
  it('scores 村基础分 + 加分 − 扣分 exactly in hundredths, month and year to date', () => {
    // Prepare
    const input = computed;

    // Act
    const property = fc.property(input, ({ town, result }) =>
      result.villages.every((v) =>
        check(
          h(v.monthScore) === town.villageBaseH + h(v.monthBonus) - h(v.monthDeduction) && h(v.ytdScore) === town.villageBaseH + h(v.ytdBonus) - h(v.ytdDeduction),
          `${v.village}: ${JSON.stringify(v)}`,
          town,
          result,
        ),
      ),
    );

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('adds up bonuses after the year-to-date caps and deductions uncapped', () => {
    // Prepare
    const input = computed;

    // Act
    const property = fc.property(input, ({ town, result }) =>
      result.villages.every((v, i) => {
        const { bonus, deduction } = villageTally(town, i);
        const m = town.month - 1;
        return check(
          h(v.monthBonus) === bonus[m] && h(v.monthDeduction) === deduction[m] && h(v.ytdBonus) === sum(bonus) && h(v.ytdDeduction) === sum(deduction),
          `${v.village}: expected bonus ${bonus[m]}/${sum(bonus)}, deduction ${deduction[m]}/${sum(deduction)}, got ${JSON.stringify(v)}`,
          town,
          result,
        );
      }),
    );

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('ranks by competition ranking: 1 + the number of strictly greater scores', () => {
    // Prepare
    const input = computed;

    // Act
    const property = fc.property(input, ({ town, result }) => {
      const month = result.villages.map((v) => h(v.monthScore));
      const ytd = result.villages.map((v) => h(v.ytdScore));
      return result.villages.every((v, i) =>
        check(
          v.monthRank === 1 + month.filter((s) => s > month[i]!).length && v.ytdRank === 1 + ytd.filter((s) => s > ytd[i]!).length,
          `${v.village}: ranks ${v.monthRank}/${v.ytdRank} for scores ${JSON.stringify(month)} / ${JSON.stringify(ytd)}`,
          town,
          result,
        ),
      );
    });

    // Assess
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });
});
