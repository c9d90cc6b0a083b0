import { describe, expect, it } from 'vitest';
import { d, smallTown } from '../fixtures.js';
import { addAccountability, addFinance, addScores, issueCells, run, setParam, villageOf } from './helpers.js';

// 对村考核 columns: A 日期, B 村, C 细则编号, D 加减分, E 原因, F 考核组, G 责任人, H 录入人.
// 考核细则: JS-01 cap 3 (计生组), JS-02 分值 5 no cap (计生组), ZF-01 (政法组), ZF-02 cap 2 (政法组), ZF-03 分值 2 (政法组).

describe('R7 village scores', () => {
  it('adds up the month and the year to date from 村基础分, by the month of each 日期', () => {
    // Prepare
    const book = smallTown();
    addScores(book, [
      [d('2015-03-10'), '花桥街村', 'JS-02', 2, '流动人口登记及时', '计生组', '', ''],
      [d('2015-04-05'), '花桥街村', 'JS-02', -1.5, '流动人口底数不清', '计生组', '', ''],
      [d('2015-04-08'), '花桥街村', 'ZF-01', 1, '化解信访积案', '政法组', '', ''],
      [d('2015-05-06'), '花桥街村', 'JS-02', -5, '五月的扣分', '计生组', '', ''], // after the assessed month
      [d('2015-01-15'), '新塘村', 'ZF-01', -3, '越级上访', '政法组', '', ''],
      [d('2015-04-20'), '新塘村', 'ZF-01', 0.5, '矛盾调处及时', '政法组', '', ''],
    ]);

    // Act
    const r = run(book);

    // Assess
    // 花桥街村 month: 100 + 1 − 1.5 = 99.5; ytd: 100 + (2 + 1) − 1.5 = 101.5
    expect(villageOf(r, '花桥街村')).toMatchObject({ monthBonus: 1, monthDeduction: 1.5, monthScore: 99.5, ytdBonus: 3, ytdDeduction: 1.5, ytdScore: 101.5 });
    // 新塘村 month: 100 + 0.5 = 100.5; ytd: 100 + 0.5 − 3 = 97.5
    expect(villageOf(r, '新塘村')).toMatchObject({ monthBonus: 0.5, monthDeduction: 0, monthScore: 100.5, ytdBonus: 0.5, ytdDeduction: 3, ytdScore: 97.5 });
    expect(villageOf(r, '毛家村')).toMatchObject({ monthScore: 100, ytdScore: 100 });
    // month: 新塘村 100.5 (1), 毛家村 100 (2), 花桥街村 99.5 (3); ytd: 花桥街村 101.5 (1), 毛家村 100 (2), 新塘村 97.5 (3)
    expect(r.villages.map((v) => [v.village, v.monthRank, v.ytdRank])).toEqual([
      ['花桥街村', 3, 1],
      ['新塘村', 1, 3],
      ['毛家村', 2, 2],
    ]);
    // the month's figures per group, in 组别 order, plus 其他
    expect(villageOf(r, '花桥街村').byGroup).toEqual({ 计生组: { bonus: 0, deduction: 1.5 }, 政法组: { bonus: 1, deduction: 0 }, 其他: { bonus: 0, deduction: 0 } });
    expect(villageOf(r, '新塘村').byGroup).toEqual({ 计生组: { bonus: 0, deduction: 0 }, 政法组: { bonus: 0.5, deduction: 0 }, 其他: { bonus: 0, deduction: 0 } });
  });

  it('clips bonuses at the item\'s 加分上限, year to date per village and item, in date order', () => {
    // Prepare
    const book = smallTown();
    addScores(book, [
      [d('2015-04-20'), '花桥街村', 'JS-01', 2, '四月下旬加分', '计生组', '', ''], // row 2
      [d('2015-01-10'), '花桥街村', 'JS-01', 2, '一月加分', '计生组', '', ''], // row 3
      [d('2015-03-20'), '花桥街村', 'JS-01', 2, '三月加分', '计生组', '', ''], // row 4
      [d('2015-03-25'), '花桥街村', 'JS-01', -1, '三月扣分', '计生组', '', ''], // row 5, a deduction frees nothing
      [d('2015-04-10'), '花桥街村', 'JS-01', 1, '四月上旬加分', '计生组', '', ''], // row 6
      [d('2015-04-10'), '新塘村', 'JS-01', 2, '新塘村加分', '计生组', '', ''], // row 7, own cap
      [d('2015-04-12'), '花桥街村', 'JS-02', 4, '无上限项目', '计生组', '', ''], // row 8
    ]);

    // Act
    const r = run(book);

    // Assess
    // 花桥街村 JS-01 in date order: 01-10 +2 (used 2), 03-20 +2 → +1 (used 3), 04-10 +1 → 0, 04-20 +2 → 0
    // bonus: Jan 2, Mar 1, Apr 0 + 4 (JS-02) = 4; ytd 7; deduction 1 in March
    expect(villageOf(r, '花桥街村')).toMatchObject({ monthBonus: 4, monthScore: 104, ytdBonus: 7, ytdDeduction: 1, ytdScore: 106 });
    expect(villageOf(r, '新塘村')).toMatchObject({ monthBonus: 2, monthScore: 102 });
    // warnings only for the clipped entries of April (rows 6 and 2), not for March's row 4
    expect(issueCells(r, 'bonus_capped').sort()).toEqual(['对村考核!D2', '对村考核!D6']);
    expect(r.issues.filter((i) => i.code === 'bonus_capped').every((i) => i.severity === 'warning')).toBe(true);
  });

  it('clips in row order among entries of the same date', () => {
    // Prepare
    const book = smallTown();
    addScores(book, [
      [d('2015-04-10'), '毛家村', 'ZF-02', 1.5, '民调宣传到位', '政法组', '', ''], // row 2: +1.5
      [d('2015-04-10'), '毛家村', 'ZF-02', 1.5, '民调入户宣传', '政法组', '', ''], // row 3: cap 2 → +0.5
      [d('2015-04-11'), '毛家村', 'ZF-02', -1, '宣传栏未更新', '政法组', '', ''], // row 4
    ]);

    // Act
    const r = run(book);

    // Assess
    // 100 + 1.5 + 0.5 − 1 = 101
    expect(villageOf(r, '毛家村')).toMatchObject({ monthBonus: 2, monthDeduction: 1, monthScore: 101 });
    expect(issueCells(r, 'bonus_capped')).toEqual(['对村考核!D3']);
  });

  it('never caps a deduction, not even at the item\'s 分值, and lets scores pass 村基础分 and 0', () => {
    // Prepare
    const book = smallTown();
    addScores(book, [
      [d('2015-04-03'), '花桥街村', 'JS-02', -8, '瞒报出生人口', '计生组', '', ''], // 分值 5
      [d('2015-04-03'), '新塘村', 'ZF-03', -60, '发生安全事故', '政法组', '', ''], // 分值 2
      [d('2015-04-04'), '新塘村', 'ZF-03', -60, '再次发生安全事故', '政法组', '', ''],
      [d('2015-04-03'), '毛家村', 'JS-02', 7, '流动人口服务先进', '计生组', '', ''], // 分值 5 is no cap
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(villageOf(r, '花桥街村')).toMatchObject({ monthDeduction: 8, monthScore: 92 }); // 100 − 8
    expect(villageOf(r, '新塘村')).toMatchObject({ monthDeduction: 120, monthScore: -20 }); // 100 − 60 − 60
    expect(villageOf(r, '毛家村')).toMatchObject({ monthBonus: 7, monthScore: 107 }); // 100 + 7
    expect(issueCells(r, 'bonus_capped')).toEqual([]);
  });

  it('ranks ties with the same rank (1, 2, 2, 4), tied villages keeping the 村 order', () => {
    // Prepare
    const book = smallTown();
    book['村']!.push(['石门村', '石支书', '石主任', '石秘书', '石专干']);
    addScores(book, [
      [d('2015-04-03'), '毛家村', 'ZF-01', -2, '毛家村信访', '政法组', '', ''], // 98
      [d('2015-04-03'), '花桥街村', 'JS-02', -2, '花桥街村流动人口', '计生组', '', ''], // 98
      [d('2015-04-03'), '新塘村', 'JS-02', 1, '新塘村流动人口', '计生组', '', ''], // 101
      [d('2015-04-03'), '石门村', 'ZF-01', -3, '石门村信访', '政法组', '', ''], // 97
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(r.villages.map((v) => [v.village, v.monthScore, v.monthRank, v.ytdRank])).toEqual([
      ['花桥街村', 98, 2, 2],
      ['新塘村', 101, 1, 1],
      ['毛家村', 98, 2, 2],
      ['石门村', 97, 4, 4],
    ]);
    // in the 通报's ranking the tie keeps the 村 order: 花桥街村 before 毛家村
    const text = r.bulletin.join('\n');
    expect(text.indexOf('花桥街村')).toBeGreaterThan(-1);
    expect(text.indexOf('花桥街村')).toBeLessThan(text.indexOf('毛家村'));
  });

  it('adds 问责 扣分 and 财务违规扣分 to the village deduction under 其他', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '财务违规扣分', 0.5);
    addScores(book, [[d('2015-04-03'), '花桥街村', 'JS-02', -1, '流动人口底数不清', '计生组', '', '']]);
    addAccountability(book, [
      [d('2015-04-08'), '周秘书', '花桥街村', '慢作为', '报表迟报', '通报批评', 2],
      [d('2015-03-03'), '黄支书', '花桥街村', '不作为', '会议缺席', '诫勉谈话', 1],
    ]);
    addFinance(book, [
      [d('2015-04-09'), '花桥街村', '收入', 1000, '否', '', ''],
      [d('2015-03-09'), '花桥街村', '支出', 200, '', '', ''],
    ]);

    // Act
    const r = run(book);

    // Assess
    // month: 1 (计生组) + 2 (问责) + 0.5 (1 violation × 0.5) = 3.5 → 96.5
    // ytd: 3.5 + 1 (March 问责) + 0.5 (March violation) = 5 → 95
    expect(villageOf(r, '花桥街村')).toMatchObject({ monthDeduction: 3.5, monthScore: 96.5, ytdDeduction: 5, ytdScore: 95 });
    expect(villageOf(r, '花桥街村').byGroup).toEqual({ 计生组: { bonus: 0, deduction: 1 }, 政法组: { bonus: 0, deduction: 0 }, 其他: { bonus: 0, deduction: 2.5 } });
  });

  it('starts from the 村基础分 parameter', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '村基础分', 90);
    addScores(book, [[d('2015-02-03'), '新塘村', 'JS-02', -1.25, '流动人口底数不清', '计生组', '', '']]);

    // Act
    const r = run(book);

    // Assess
    expect(villageOf(r, '花桥街村')).toMatchObject({ monthScore: 90, ytdScore: 90 });
    expect(villageOf(r, '新塘村')).toMatchObject({ monthScore: 90, ytdScore: 88.75 }); // 90 − 1.25
  });
});
