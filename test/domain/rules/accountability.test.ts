import { describe, expect, it } from 'vitest';
import { d, smallTown } from '../fixtures.js';
import { addAccountability, run, villageOf } from './helpers.js';

describe('R9 accountability', () => {
  it('lists every 问责 row of the assessed month with its 处理, points only on villages', () => {
    // Prepare
    const book = smallTown();
    addAccountability(book, [
      [d('2015-04-08'), '周秘书', '花桥街村', '慢作为', '计生报表迟报', '通报批评', 2],
      [d('2015-03-15'), '黄支书', '花桥街村', '不作为', '防汛值班脱岗', '诫勉谈话', 1], // March: not listed
      [d('2015-04-12'), '张三', '计生组', '乱作为', '违规收费', '停职', 5], // a group: no points
      [d('2015-04-20'), '曾支书', '新塘村', '不作为', '矛盾上交', '', ''], // no 处理, no 扣分
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(r.accountability).toEqual([
      { date: '2015-04-08', name: '周秘书', unit: '花桥街村', kind: '慢作为', action: '通报批评', deduction: 2 },
      { date: '2015-04-12', name: '张三', unit: '计生组', kind: '乱作为', action: '停职', deduction: 0 },
      { date: '2015-04-20', name: '曾支书', unit: '新塘村', kind: '不作为', action: null, deduction: 0 },
    ]);
    // 花桥街村 month 100 − 2 = 98; ytd 100 − 2 − 1 = 97
    expect(villageOf(r, '花桥街村')).toMatchObject({ monthDeduction: 2, monthScore: 98, ytdDeduction: 3, ytdScore: 97 });
    expect(r.villages.map((v) => v.monthScore)).toEqual([98, 100, 100]);
    const text = r.bulletin.join('\n');
    for (const action of ['通报批评', '停职']) expect(text).toContain(action);
    expect(text).not.toContain('防汛值班脱岗');
  });

  it('takes a negative 扣分 as its absolute value (engine choice)', () => {
    // Prepare
    const book = smallTown();
    addAccountability(book, [[d('2015-04-08'), '刘主任', '花桥街村', '慢作为', '整改不力', '诫勉谈话', -1.5]]);

    // Act
    const r = run(book);

    // Assess
    expect(r.accountability.map((a) => a.deduction)).toEqual([1.5]);
    expect(villageOf(r, '花桥街村').monthScore).toBe(98.5);
  });
});
