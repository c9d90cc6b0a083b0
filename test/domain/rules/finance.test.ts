import { describe, expect, it } from 'vitest';
import { d, smallTown } from '../fixtures.js';
import { addFinance, issueCells, run, setParam, villageOf } from './helpers.js';

// 村级财务 columns: A 日期, B 村, C 类型, D 金额, E 上交代管中心, F 报账单号, G 镇审批.

const rows = () => [
  [d('2015-04-02'), '花桥街村', '收入', 1234.56, '否', '', ''], // row 2: E2
  [d('2015-04-03'), '花桥街村', '收入', 500, '', '', ''], // row 3: blank = 否 → E3
  [d('2015-04-04'), '花桥街村', '收入', 800, '是', '', ''], // row 4: fine
  [d('2015-04-05'), '新塘村', '支出', 300, '', '', ''], // row 5: no 报账单号 → F5
  [d('2015-04-06'), '新塘村', '支出', 300, '', 'BZ-2015-041', ''], // row 6: fine
  [d('2015-04-07'), '毛家村', '资源处置', 10000, '', '', ''], // row 7: blank 镇审批 → G7
  [d('2015-04-08'), '毛家村', '资源处置', 5000, '', '', '√'], // row 8: fine
  [d('2015-04-09'), '毛家村', '资源处置', 2000, '', '', '×'], // row 9: 否 → G9
  [d('2015-03-09'), '花桥街村', '收入', 100, '否', '', ''], // row 10: March, not counted
];

describe('R11 village finance', () => {
  it('finds the three kinds of violation of the assessed month, each warned at its cell', () => {
    // Prepare
    const book = smallTown();
    addFinance(book, rows());

    // Act
    const r = run(book);

    // Assess
    // 花桥街村: 2 violations, undeposited 1234.56 + 500 = 1734.56 yuan (123456 + 50000 fen)
    expect(r.finance).toEqual([
      { village: '花桥街村', violations: 2, undepositedIncome: 1734.56 },
      { village: '新塘村', violations: 1, undepositedIncome: 0 },
      { village: '毛家村', violations: 2, undepositedIncome: 0 },
    ]);
    expect(issueCells(r, 'finance_violation').sort()).toEqual(['村级财务!E2', '村级财务!E3', '村级财务!F5', '村级财务!G7', '村级财务!G9']);
    expect(r.issues.filter((i) => i.code === 'finance_violation').every((i) => i.severity === 'warning')).toBe(true);
    // 财务违规扣分 defaults to 0: no points
    expect(r.villages.map((v) => v.monthScore)).toEqual([100, 100, 100]);
  });

  it('deducts 财务违规扣分 per violation from the village', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '财务违规扣分', 0.5);
    addFinance(book, rows());

    // Act
    const r = run(book);

    // Assess
    // 花桥街村 2 × 0.5 = 1 in April (+ 0.5 in March ytd); 新塘村 1 × 0.5; 毛家村 2 × 0.5
    expect(villageOf(r, '花桥街村')).toMatchObject({ monthDeduction: 1, monthScore: 99, ytdDeduction: 1.5, ytdScore: 98.5 });
    expect(villageOf(r, '新塘村')).toMatchObject({ monthDeduction: 0.5, monthScore: 99.5 });
    expect(villageOf(r, '毛家村')).toMatchObject({ monthDeduction: 1, monthScore: 99 });
    expect(villageOf(r, '毛家村').byGroup['其他']).toEqual({ bonus: 0, deduction: 1 });
  });

  it('lists every village, without rows too', () => {
    // Prepare
    const book = smallTown();

    // Act
    const r = run(book);

    // Assess
    expect(r.finance).toEqual([
      { village: '花桥街村', violations: 0, undepositedIncome: 0 },
      { village: '新塘村', violations: 0, undepositedIncome: 0 },
      { village: '毛家村', violations: 0, undepositedIncome: 0 },
    ]);
  });
});
