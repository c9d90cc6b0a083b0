import { describe, expect, it } from 'vitest';
import { smallTown } from '../fixtures.js';
import { addPlans, groupOf, planRows, run, setCell, setInspection, setParam } from './helpers.js';

describe('R5 funds', () => {
  it('gives the first months the remainder fen of a budget not divisible by 12', () => {
    // Prepare
    const book = smallTown();
    setCell(book, '组别', '计生组', '年度工作经费', 100000.1);
    setInspection(book, '2015-12', '计生组', 90);
    setInspection(book, '2015-12', '政法组', 80);

    // Act
    const months = ['2015-01', '2015-02', '2015-03', '2015-04', '2015-12'];
    const results = months.map((month) => run(book, { month }));

    // Assess
    // A = 10000010 fen; ⌊A/12⌋ = 833334 (× 12 = 10000008), A mod 12 = 2 → months 1–2 get 833335
    expect(results.map((r) => groupOf(r, '计生组').fundBase)).toEqual([8333.35, 8333.35, 8333.34, 8333.34, 8333.34]);
    // 政法组 60000 yuan = 6000000 fen divides evenly: 500000 fen every month
    expect(results.map((r) => groupOf(r, '政法组').fundBase)).toEqual([5000, 5000, 5000, 5000, 5000]);
  });

  it('pays round_half_up(base × 月度得分 / 100) and withholds the rest', () => {
    // Prepare
    const book = smallTown();
    setCell(book, '组别', '计生组', '年度工作经费', 100000.1);
    setCell(book, '组别', '政法组', '年度工作经费', 150);
    setInspection(book, '2015-04', '计生组', 76.97);
    setInspection(book, '2015-04', '政法组', 76.04);

    // Act
    const r = run(book);

    // Assess
    // 833334 × 76.97 / 100 = 6414171798 / 10000 = 641417.1798 → 641417 fen; 暂扣 833334 − 641417 = 191917
    expect(groupOf(r, '计生组')).toMatchObject({ fundBase: 8333.34, fundPaid: 6414.17, fundWithheld: 1919.17 });
    // 150 yuan = 15000 fen / 12 = 1250; 1250 × 76.04 / 100 = 950.5 → half-up 951; 暂扣 299
    expect(groupOf(r, '政法组')).toMatchObject({ fundBase: 12.5, fundPaid: 9.51, fundWithheld: 2.99 });
  });

  it('sums the year to date over the months 1..m that have a 组督查 row', () => {
    // Prepare
    const book = smallTown();
    setCell(book, '组别', '计生组', '年度工作经费', 100000.1);
    setInspection(book, '2015-01', '计生组', 76.97);
    setInspection(book, '2015-02', '计生组', 90);
    setInspection(book, '2015-03', '计生组', null);
    setInspection(book, '2015-04', '计生组', 80);
    setInspection(book, '2015-05', '计生组', 100); // after the assessed month

    // Act
    const r = run(book);

    // Assess
    // Jan 833335 × 0.7697 = 641417.9495 → 641418; Feb 833335 × 0.9 = 750001.5 → 750002;
    // Mar no row; Apr 833334 × 0.8 = 666667.2 → 666667; Σ = 2058087 fen
    expect(groupOf(r, '计生组')).toMatchObject({ fundPaid: 6666.67, fundWithheld: 1666.67, ytdFundPaid: 20580.87 });
    // 政法组 500000 fen × 0.8 for 4 months = 1600000 fen
    expect(groupOf(r, '政法组').ytdFundPaid).toBe(16000);
  });

  it('uses each month\'s own 督查得分 and plans for the year to date', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '计划完成率权重', 0.5);
    setInspection(book, '2015-03', '计生组', null);
    addPlans(book, [
      ...planRows('2015-01', '王组长', ['已完成']),
      ...planRows('2015-02', '王组长', ['延期完成']),
      ...planRows('2015-04', '王组长', ['已完成']),
      ...planRows('2015-04', '张三', ['未完成']),
    ]);

    // Act
    const r = run(book);

    // Assess
    // base 12000000 / 12 = 1000000 fen. Jan 0.5 × 90 + 0.5 × 100 = 95; Feb 1/1 → 95; Apr 1/2 → 45 + 25 = 70
    // ytd 950000 + 950000 + 700000 = 2600000 fen
    expect(groupOf(r, '计生组')).toMatchObject({ monthScore: 70, fundPaid: 7000, ytdFundPaid: 26000 });
  });
});
