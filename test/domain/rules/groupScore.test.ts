import { describe, expect, it } from 'vitest';
import { smallTown } from '../fixtures.js';
import { addPlans, groupOf, planRows, run, setInspection, setParam } from './helpers.js';

describe('R4 group monthly score', () => {
  it('is the 督查得分 with the default 计划完成率权重 0', () => {
    // Prepare
    const book = smallTown();
    addPlans(book, planRows('2015-04', '张三', ['未完成', '未完成', '已完成']));

    // Act
    const r = run(book);

    // Assess
    expect(groupOf(r, '计生组')).toMatchObject({ inspectionScore: 90, monthScore: 90 });
    expect(groupOf(r, '政法组')).toMatchObject({ inspectionScore: 80, monthScore: 80 });
  });

  it('weighs the pooled plan completion with 计划完成率权重 0.2', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '计划完成率权重', 0.2);
    addPlans(book, [
      ...planRows('2015-04', '王组长', ['已完成', '未完成']),
      ...planRows('2015-04', '张三', ['已完成', '延期完成', '进行中']),
      ...planRows('2015-04', '李四', ['已完成']),
      ...planRows('2015-04', '赵组长', ['已完成', '已完成', '延期完成']),
      ...planRows('2015-04', '钱五', ['未完成']),
    ]);

    // Act
    const r = run(book);

    // Assess
    // 计生组: 0.8 × 90 + 0.2 × 100 × 4/6 = 72 + 13.3333 = 85.3333 → 85.33
    expect(groupOf(r, '计生组').monthScore).toBe(85.33);
    // 政法组: 0.8 × 80 + 0.2 × 100 × 3/4 = 64 + 15 = 79
    expect(groupOf(r, '政法组').monthScore).toBe(79);
    // 应发 with the score in hundredths: 1000000 fen × 85.33 / 100 = 853300 fen; 暂扣 146700 fen
    expect(groupOf(r, '计生组')).toMatchObject({ fundPaid: 8533, fundWithheld: 1467 });
    // 政法组 base 6000000 / 12 = 500000 fen × 0.79 = 395000 fen
    expect(groupOf(r, '政法组')).toMatchObject({ fundPaid: 3950, fundWithheld: 1050 });
  });

  it('reads 计划完成率权重 typed as a percentage and 年度 typed with 年', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '计划完成率权重', '20%');
    setParam(book, '年度', '2015年');
    addPlans(book, planRows('2015-04', '赵组长', ['已完成', '已完成', '延期完成', '未完成']));

    // Act
    const r = run(book);

    // Assess
    // 政法组: 0.8 × 80 + 0.2 × 100 × 3/4 = 79, as with 0.2
    expect(r.year).toBe(2015);
    expect(groupOf(r, '政法组').monthScore).toBe(79);
  });

  it('rounds the weighted score half-up to hundredths', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '计划完成率权重', 0.3);
    setInspection(book, '2015-04', '计生组', 85.55);
    addPlans(book, planRows('2015-04', '王组长', ['已完成', '未完成', '未完成']));

    // Act
    const r = run(book);

    // Assess
    // 0.7 × 85.55 + 0.3 × 100 × 1/3 = 59.885 + 10 = 69.885 → 69.89
    expect(groupOf(r, '计生组').monthScore).toBe(69.89);
  });

  it('counts a completion of 0 for a group without plan items when the weight is above 0 (engine choice)', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '计划完成率权重', 0.2);
    addPlans(book, planRows('2015-04', '张三', ['已完成']));

    // Act
    const r = run(book);

    // Assess
    // 政法组 has no items in the month: 0.8 × 80 + 0.2 × 0 = 64
    expect(groupOf(r, '政法组').monthScore).toBe(64);
  });

  it('scores by 督查得分 alone when the workbook has no 月度计划 sheet (an absent sheet contributes nothing)', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '计划完成率权重', 0.2);

    // Act
    const r = run(book);

    // Assess
    expect(groupOf(r, '政法组').monthScore).toBe(80);
    expect(groupOf(r, '计生组').monthScore).toBe(90);
  });
});
