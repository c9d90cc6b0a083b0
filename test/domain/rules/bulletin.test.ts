import { describe, expect, it } from 'vitest';
import { d, smallTown } from '../fixtures.js';
import { addAccountability, addAttendance, addFinance, addScores, addSurvey, groupOf, run, villageOf } from './helpers.js';

describe('R10 bulletin', () => {
  it('reports first and last villages, deductions with reasons, lapses by name, 组长扣款, 问责, finance and 民调', () => {
    // Prepare
    const book = smallTown();
    addScores(book, [
      [d('2015-04-03'), '花桥街村', 'JS-02', -2, '育龄妇女信息未及时更新', '计生组', '', ''],
      [d('2015-04-06'), '新塘村', 'ZF-01', 1, '调处纠纷及时', '政法组', '', ''],
      [d('2015-04-07'), '毛家村', 'ZF-01', -0.5, '信访台账不全', '政法组', '', ''],
    ]);
    addAttendance(book, [
      [d('2015-04-01'), '张三', '定时查岗', '缺签', '', ''],
      [d('2015-04-02'), '李四', '不定时抽查', '旷工', '', ''],
    ]);
    addAccountability(book, [[d('2015-04-08'), '周秘书', '花桥街村', '慢作为', '计生报表迟报', '通报批评', 1]]);
    addFinance(book, [[d('2015-04-09'), '毛家村', '资源处置', 5000, '', '', '否']]);
    addSurvey(book, [['新塘村', 100, 90, 50, 50, '2015-04']]);

    // Act
    const r = run(book);

    // Assess
    // 新塘村 101 first, 毛家村 99.5, 花桥街村 100 − 2 − 1 = 97 last; 组长扣款 100 × 1 + 200 × 1 = 300
    expect(villageOf(r, '花桥街村').monthScore).toBe(97);
    expect(groupOf(r, '计生组').leaderPenalty).toBe(300);
    const lines = r.bulletin;
    const lineWith = (...parts: string[]) => lines.find((l) => parts.every((p) => l.includes(p)));
    expect(lines.length).toBeGreaterThan(0);
    expect(lineWith('新塘村', '花桥街村')).toBeDefined(); // first and last named together
    expect(lineWith('花桥街村', '育龄妇女信息未及时更新')).toBeDefined();
    expect(lineWith('毛家村', '信访台账不全')).toBeDefined();
    expect(lineWith('花桥街村', '计生报表迟报')).toBeDefined(); // the 问责 deduction with its reason
    expect(lines.some((l) => l.includes('调处纠纷及时'))).toBe(false); // a bonus is no deduction
    expect(lineWith('张三', '缺签')).toBeDefined();
    expect(lineWith('李四', '旷工')).toBeDefined();
    expect(lineWith('王组长', '300')).toBeDefined();
    expect(lineWith('周秘书', '慢作为', '通报批评')).toBeDefined();
    expect(lineWith('毛家村', '违规')).toBeDefined();
    expect(lineWith('新塘村', '90')).toBeDefined(); // 知晓率 90% < 100%
    expect(lineWith('计生组', '90')).toBeDefined(); // group score
    expect(lineWith('政法组', '80')).toBeDefined();
  });
});
