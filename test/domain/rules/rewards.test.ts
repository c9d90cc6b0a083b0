import { describe, expect, it } from 'vitest';
import { smallTown, type Book } from '../fixtures.js';
import { groupOf, run, setCell, setParam, staffOf } from './helpers.js';

/** Sets a group's district columns: 上年全区排名, 本年全区排名, 参评单位数, 上年类别, 本年类别. */
function district(book: Book, group: string, values: (string | number)[]): void {
  ['上年全区排名', '本年全区排名', '参评单位数', '上年类别', '本年类别'].forEach((h, i) => setCell(book, '组别', group, h, values[i]!));
}

describe('R6 rewards and veto', () => {
  it('gives the larger of rank and class reward when both are earned', () => {
    // Prepare
    const book = smallTown(); // 计生组 15 → 9 of 20, 三类 → 二类

    // Act
    const r = run(book);

    // Assess
    // 前进位次 15 − 9 = 6 ≥ 5 → 10000; 进类 → 20000; max = 20000
    expect(groupOf(r, '计生组')).toMatchObject({ rankAdvance: 6, classImproved: true, reward: 20000, lastInDistrict: false, awardEligible: true });
  });

  it('sums both rewards when 奖励可叠加 is 是', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '奖励可叠加', '是');

    // Act
    const r = run(book);

    // Assess
    // 10000 + 20000
    expect(groupOf(r, '计生组').reward).toBe(30000);
  });

  it.each([
    { name: 'advance 5 = 排名前进位次', values: [15, 10, 20, '三类', '三类'], advance: 5, improved: false, reward: 10000 },
    { name: 'advance 4', values: [15, 11, 20, '三类', '三类'], advance: 4, improved: false, reward: 0 },
    { name: 'falling back', values: [9, 15, 20, '三类', '三类'], advance: -6, improved: false, reward: 0 },
    { name: 'class only', values: [15, 12, 20, '三类', '二类'], advance: 3, improved: true, reward: 20000 },
    { name: 'classes as digits', values: [15, 14, 20, 3, 1], advance: 1, improved: true, reward: 20000 },
    { name: 'a worse class', values: [15, 14, 20, '二类', '三类'], advance: 1, improved: false, reward: 0 },
    { name: 'only 本年类别', values: [15, 14, 20, '', '一类'], advance: 1, improved: false, reward: 0 },
  ])('rewards $name with $reward', ({ values, advance, improved, reward }) => {
    // Prepare
    const book = smallTown();
    district(book, '计生组', values);

    // Act
    const r = run(book);

    // Assess
    expect(groupOf(r, '计生组')).toMatchObject({ rankAdvance: advance, classImproved: improved, reward });
  });

  it('uses the 排名前进位次 and 排名前进奖励 parameters', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '排名前进位次', 3);
    setParam(book, '排名前进奖励', 5000);
    district(book, '计生组', [15, 11, 20, '三类', '三类']);

    // Act
    const r = run(book);

    // Assess
    // 15 − 11 = 4 ≥ 3 → 5000
    expect(groupOf(r, '计生组').reward).toBe(5000);
  });

  it('cancels 评先评优资格 of every member, the leader included, at last place', () => {
    // Prepare
    const book = smallTown();
    district(book, '计生组', [26, 20, 20, '三类', '三类']);

    // Act
    const r = run(book);

    // Assess
    // 本年 20 = 参评单位数 20 → last; 26 − 20 = 6 ≥ 5 still earns 10000
    expect(groupOf(r, '计生组')).toMatchObject({ rankAdvance: 6, reward: 10000, lastInDistrict: true, awardEligible: false });
    expect(['王组长', '张三', '李四'].map((n) => staffOf(r, n).awardEligible)).toEqual([false, false, false]);
    expect(['刘书记', '陈镇长', '赵组长', '钱五'].map((n) => staffOf(r, n).awardEligible)).toEqual([true, true, true, true]);
    expect(groupOf(r, '政法组').awardEligible).toBe(true);
  });

  it('gives a group without both rankings rankAdvance null, no rank reward and no veto', () => {
    // Prepare
    const book = smallTown();
    district(book, '政法组', ['', 20, 20, '', '']); // last place but no 上年全区排名

    // Act
    const r = run(book);

    // Assess
    expect(groupOf(r, '政法组')).toMatchObject({ rankAdvance: null, classImproved: false, reward: 0, lastInDistrict: false, awardEligible: true });
    expect(staffOf(r, '钱五').awardEligible).toBe(true);
  });

  it('computes the rewards the same in every month', () => {
    // Prepare
    const book = smallTown();

    // Act
    const r = run(book, { month: '2015-01' });

    // Assess
    expect(groupOf(r, '计生组')).toMatchObject({ rankAdvance: 6, classImproved: true, reward: 20000 });
  });
});
