import { describe, expect, it } from 'vitest';
import { d, smallTown, type Book } from '../fixtures.js';
import { addAccountability, addScores, roleDeductions, run, setCell, villageOf } from './helpers.js';

/** Adds a 考核细则 row of 计生组 with the given 责任分解. */
function addRule(book: Book, code: string, split: string): void {
  book['考核细则']!.push([code, '计划生育', `${code} 项目`, '计生组', 5, '', split]);
}

const score = (date: string, village: string, code: string, points: number, group: string, responsible = '') =>
  [d(date), village, code, points, `${code} 扣分原因`, group, responsible, ''];

describe('R8 responsibility split', () => {
  it('splits a deduction by the 责任分解 percentages, month and year to date', () => {
    // Prepare
    const book = smallTown();
    addScores(book, [score('2015-04-03', '花桥街村', 'JS-01', -1, '计生组'), score('2015-03-03', '花桥街村', 'JS-01', -2, '计生组')]);

    // Act
    const r = run(book);

    // Assess
    // JS-01 支书30%、主任20%、秘书20%、专干30%: April 1 → 0.3/0.2/0.2/0.3; March 2 → 0.6/0.4/0.4/0.6
    expect(villageOf(r, '花桥街村').roles).toEqual([
      { role: '支书', name: '黄支书', monthDeduction: 0.3, ytdDeduction: 0.9 },
      { role: '主任', name: '刘主任', monthDeduction: 0.2, ytdDeduction: 0.6 },
      { role: '秘书', name: '周秘书', monthDeduction: 0.2, ytdDeduction: 0.6 },
      { role: '专干', name: '谭专干', monthDeduction: 0.3, ytdDeduction: 0.9 },
    ]);
  });

  it('gives the remainder hundredths by largest remainder, ties to the role written earlier', () => {
    // Prepare
    const book = smallTown();
    addScores(book, [score('2015-04-03', '花桥街村', 'ZF-03', -0.5, '政法组')]);

    // Act
    const r = run(book);

    // Assess
    // ZF-03 1/1/1/97 of 50 hundredths: 0.5, 0.5, 0.5, 48.5 → floors 0, 0, 0, 48 (2 left);
    // all remainders 0.5 → 支书 and 主任 (written first) get one each
    expect(roleDeductions(villageOf(r, '花桥街村'))).toEqual({ 支书: [0.01, 0.01], 主任: [0.01, 0.01], 秘书: [0, 0], 专干: [0.48, 0.48] });
  });

  it('splits 33/33/34 by largest remainder', () => {
    // Prepare
    const book = smallTown();
    addRule(book, 'JS-03', '支书33%、主任33%、秘书34%');
    addScores(book, [score('2015-04-03', '花桥街村', 'JS-03', -1, '计生组'), score('2015-04-03', '新塘村', 'JS-03', -0.1, '计生组')]);

    // Act
    const r = run(book);

    // Assess
    // 1.00 = 100 hundredths: 33, 33, 34 exactly
    expect(roleDeductions(villageOf(r, '花桥街村'))).toEqual({ 支书: [0.33, 0.33], 主任: [0.33, 0.33], 秘书: [0.34, 0.34], 专干: [0, 0] });
    // 0.10 = 10 hundredths: 3.3, 3.3, 3.4 → 3, 3, 3 + the 1 left to the largest remainder (秘书 0.4)
    expect(roleDeductions(villageOf(r, '新塘村'))).toEqual({ 支书: [0.03, 0.03], 主任: [0.03, 0.03], 秘书: [0.04, 0.04], 专干: [0, 0] });
  });

  it('breaks a tie by the order written in 责任分解, not the report order', () => {
    // Prepare
    const book = smallTown();
    addRule(book, 'JS-04', '专干50%、支书50%');
    addScores(book, [score('2015-04-03', '毛家村', 'JS-04', -0.01, '计生组')]);

    // Act
    const r = run(book);

    // Assess
    // 1 hundredth: 0.5 / 0.5 → 专干, written first
    expect(villageOf(r, '毛家村').roles.map((x) => [x.role, x.monthDeduction])).toEqual([
      ['支书', 0],
      ['主任', 0],
      ['秘书', 0],
      ['专干', 0.01],
    ]);
  });

  it('splits each entry on its own', () => {
    // Prepare
    const book = smallTown();
    addScores(book, [score('2015-04-03', '花桥街村', 'JS-01', -0.01, '计生组'), score('2015-04-04', '花桥街村', 'JS-01', -0.01, '计生组')]);

    // Act
    const r = run(book);

    // Assess
    // each 1 hundredth: 0.3/0.2/0.2/0.3 → tie 支书/专干 → 支书; twice → 支书 0.02
    // (splitting the pooled 0.02 would give 支书 0.01 and 专干 0.01)
    expect(roleDeductions(villageOf(r, '花桥街村'))).toEqual({ 支书: [0.02, 0.02], 主任: [0, 0], 秘书: [0, 0], 专干: [0, 0] });
  });

  it('charges 100% to the role named in 责任人, by role or by the person\'s name, and no one otherwise', () => {
    // Prepare
    const book = smallTown();
    addScores(book, [
      score('2015-04-03', '花桥街村', 'JS-01', -2, '计生组', '专干'), // overrides the split
      score('2015-04-03', '新塘村', 'JS-02', -1, '计生组', '谭主任'), // 新塘村's 主任, item without split
      score('2015-04-04', '新塘村', 'JS-02', -0.5, '计生组'), // no split, no 责任人: not attributed
      score('2015-04-05', '毛家村', 'ZF-03', -1, '政法组', '毛支书'),
      [d('2015-04-06'), '毛家村', 'JS-02', 1, '加分不分解', '计生组', '毛专干', ''], // a bonus is never charged
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(roleDeductions(villageOf(r, '花桥街村'))).toEqual({ 支书: [0, 0], 主任: [0, 0], 秘书: [0, 0], 专干: [2, 2] });
    expect(roleDeductions(villageOf(r, '新塘村'))).toEqual({ 支书: [0, 0], 主任: [1, 1], 秘书: [0, 0], 专干: [0, 0] });
    expect(villageOf(r, '新塘村').monthDeduction).toBe(1.5);
    expect(roleDeductions(villageOf(r, '毛家村'))).toEqual({ 支书: [1, 1], 主任: [0, 0], 秘书: [0, 0], 专干: [0, 0] });
  });

  it('charges a 问责 扣分 100% to the role of the named village cadre', () => {
    // Prepare
    const book = smallTown();
    addAccountability(book, [
      [d('2015-04-08'), '周秘书', '花桥街村', '慢作为', '报表迟报', '通报批评', 2],
      [d('2015-04-09'), '张三', '花桥街村', '不作为', '驻村工作不到位', '通报批评', 1], // no village role
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(villageOf(r, '花桥街村').monthDeduction).toBe(3);
    expect(roleDeductions(villageOf(r, '花桥街村'))).toEqual({ 支书: [0, 0], 主任: [0, 0], 秘书: [2, 2], 专干: [0, 0] });
  });

  it('lists the four roles of every village with names and zeros', () => {
    // Prepare
    const book = smallTown();
    setCell(book, '村', '新塘村', '秘书', '');

    // Act
    const r = run(book);

    // Assess
    expect(villageOf(r, '新塘村').roles).toEqual([
      { role: '支书', name: '曾支书', monthDeduction: 0, ytdDeduction: 0 },
      { role: '主任', name: '谭主任', monthDeduction: 0, ytdDeduction: 0 },
      { role: '秘书', name: null, monthDeduction: 0, ytdDeduction: 0 },
      { role: '专干', name: '蒋专干', monthDeduction: 0, ytdDeduction: 0 },
    ]);
    expect(r.villages.every((v) => v.roles.map((x) => x.role).join() === '支书,主任,秘书,专干')).toBe(true);
  });

  it('accepts a town cadre (a 人员 or the 驻村领导) as 责任人 without charging a village role by name', () => {
    // Prepare
    const book = smallTown();
    book['村']![0]!.push('驻村领导');
    book['村']![1]!.push('陈镇长');
    book['村']![2]!.push('钱五');
    addScores(book, [score('2015-04-03', '花桥街村', 'JS-01', -1, '计生组', '陈镇长'), score('2015-04-03', '新塘村', 'JS-02', -1, '计生组', '张三')]);

    // Act
    const r = run(book);

    // Assess
    // R8: the 责任人 names no role, so JS-01's 责任分解 applies (30/20/20/30 of 1.00); JS-02 has none → not attributed
    expect(roleDeductions(villageOf(r, '花桥街村'))).toEqual({ 支书: [0.3, 0.3], 主任: [0.2, 0.2], 秘书: [0.2, 0.2], 专干: [0.3, 0.3] });
    expect(roleDeductions(villageOf(r, '新塘村'))).toEqual({ 支书: [0, 0], 主任: [0, 0], 秘书: [0, 0], 专干: [0, 0] });
    expect(villageOf(r, '花桥街村').monthDeduction).toBe(1);
  });
});
