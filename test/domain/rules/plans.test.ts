import { describe, expect, it } from 'vitest';
import { smallTown } from '../fixtures.js';
import { addPlans, groupOf, issueCells, planRows, run, staffOf } from './helpers.js';

describe('R3 plans', () => {
  it('pools the plan items of every member of the group, the 组长 included, item-weighted', () => {
    // Prepare
    const book = smallTown();
    addPlans(book, [
      ...planRows('2015-04', '王组长', ['已完成', '未完成']),
      ...planRows('2015-04', '张三', ['已完成', '延期完成', '进行中']),
      ...planRows('2015-04', '李四', ['已完成']),
      ...planRows('2015-03', '张三', ['未完成', '未完成', '未完成', '未完成']), // March: not counted
    ]);

    // Act
    const r = run(book);

    // Assess
    // items 2 + 3 + 1 = 6; done (已完成 + 延期完成) 1 + 2 + 1 = 4 → 4/6 = 0.66667 → 0.6667;
    // on time (已完成) 1 + 1 + 1 = 3 → 3/6 = 0.5. (The mean of person rates would be 0.7222.)
    expect(groupOf(r, '计生组')).toMatchObject({ planItems: 6, planCompletion: 0.6667, onTimeCompletion: 0.5 });
    expect(staffOf(r, '王组长')).toMatchObject({ planItems: 2, planCompletion: 0.5 }); // 1/2
    expect(staffOf(r, '张三')).toMatchObject({ planItems: 3, planCompletion: 0.6667 }); // 2/3
    expect(staffOf(r, '李四')).toMatchObject({ planItems: 1, planCompletion: 1 }); // 1/1
    // no items: 0/0 rates are null
    expect(groupOf(r, '政法组')).toMatchObject({ planItems: 0, planCompletion: null, onTimeCompletion: null });
    expect(staffOf(r, '钱五')).toMatchObject({ planItems: 0, planCompletion: null });
  });

  it('warns plan_missing at the 姓名 cell in 人员 of each member (组长 included) without a plan in the month', () => {
    // Prepare
    const book = smallTown();
    addPlans(book, [
      ...planRows('2015-04', '张三', ['已完成']),
      ...planRows('2015-04', '李四', ['进行中']),
      ...planRows('2015-03', '王组长', ['已完成']), // only March
    ]);

    // Act
    const r = run(book);

    // Assess
    // 王组长 A4, 赵组长 A7, 钱五 A8; 刘书记/陈镇长 belong to no group
    expect(issueCells(r, 'plan_missing')).toEqual(['人员!A4', '人员!A7', '人员!A8']);
    expect(r.issues.filter((i) => i.code === 'plan_missing').every((i) => i.severity === 'warning')).toBe(true);
  });
});
