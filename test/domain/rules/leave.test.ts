import { describe, expect, it } from 'vitest';
import { d, smallTown } from '../fixtures.js';
import { addAttendance, addLeaves, groupOf, issueCells, run, setParam, staffOf } from './helpers.js';

// 人员 rows: A2 刘书记 (书记), A3 陈镇长 (镇长), A4 王组长, A5 张三, A6 李四 (计生组), A7 赵组长, A8 钱五 (政法组).
// 请假 columns: A 姓名, B 开始日期, C 结束日期, D 天数, E 事由, F 组长审批, G 领导审批.

describe('R1 leave', () => {
  it('accepts a leave of up to 2 days approved by the own 组长 or by 同意/√/是', () => {
    // Prepare
    const book = smallTown();
    addLeaves(book, [
      ['张三', d('2015-04-01'), d('2015-04-01'), 1, '事假', '王组长', ''],
      ['张三', d('2015-04-06'), d('2015-04-07'), 2, '病假', '同意', ''],
      ['李四', d('2015-04-08'), d('2015-04-08'), 1, '事假', '√', ''],
      ['钱五', d('2015-04-09'), d('2015-04-09'), 1, '事假', '是', ''],
      ['钱五', d('2015-04-13'), d('2015-04-13'), 1, '事假', '赵组长', ''],
      // a full-width space inside the name is removed by normalisation
      ['李四', d('2015-04-14'), d('2015-04-14'), 0.5, '事假', '王　组长', ''],
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(r.leaves).toEqual([
      { cell: 'A2', name: '张三', days: 1, valid: true, reason: null },
      { cell: 'A3', name: '张三', days: 2, valid: true, reason: null },
      { cell: 'A4', name: '李四', days: 1, valid: true, reason: null },
      { cell: 'A5', name: '钱五', days: 1, valid: true, reason: null },
      { cell: 'A6', name: '钱五', days: 1, valid: true, reason: null },
      { cell: 'A7', name: '李四', days: 0.5, valid: true, reason: null },
    ]);
    expect(issueCells(r, 'leave_invalid')).toEqual([]);
    expect([staffOf(r, '张三').absentDays, staffOf(r, '李四').absentDays, staffOf(r, '钱五').absentDays]).toEqual([0, 0, 0]);
  });

  it('does not take any other name in 组长审批 as an approval and warns at that cell', () => {
    // Prepare
    const book = smallTown();
    addLeaves(book, [
      ['张三', d('2015-04-01'), d('2015-04-01'), 1, '事假', '赵组长', ''], // another group's 组长
      ['李四', d('2015-04-02'), d('2015-04-02'), 1, '事假', '刘书记', ''], // the 书记 is no 组长审批
      ['钱五', d('2015-04-03'), d('2015-04-03'), 1, '事假', '钱五', ''], // himself
      ['张三', d('2015-04-20'), d('2015-04-20'), 1, '事假', '', ''], // empty
      ['李四', d('2015-04-21'), d('2015-04-21'), 1, '事假', '已同意', ''], // not exactly a mark
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(r.leaves.map((l) => l.valid)).toEqual([false, false, false, false, false]);
    expect(r.leaves.every((l) => typeof l.reason === 'string' && l.reason.length > 0)).toBe(true);
    expect(issueCells(r, 'leave_invalid')).toEqual(['请假!F2', '请假!F3', '请假!F4', '请假!F5', '请假!F6']);
    expect(r.issues.filter((i) => i.code === 'leave_invalid').every((i) => i.severity === 'warning')).toBe(true);
    // 未批准请假按旷工 defaults to 是: 张三 1 + 1 = 2 days, 李四 1 + 1 = 2, 钱五 1
    expect(staffOf(r, '张三').absentDays).toBe(2);
    expect(staffOf(r, '李四').absentDays).toBe(2);
    expect(staffOf(r, '钱五').absentDays).toBe(1);
    // 组长扣款 = 200 × (2 + 2) = 800 for 计生组, 200 × 1 = 200 for 政法组
    expect(groupOf(r, '计生组').leaderPenalty).toBe(800);
    expect(groupOf(r, '政法组').leaderPenalty).toBe(200);
  });

  it('needs 领导审批 by a 书记 or 镇长 for a leave longer than 2 days', () => {
    // Prepare
    const book = smallTown();
    book['人员']!.push(['孙副镇长', '政法组', '副镇长', '']);
    addLeaves(book, [
      ['张三', d('2015-04-01'), d('2015-04-03'), 3, '病假', '王组长', '陈镇长'], // valid
      ['李四', d('2015-04-06'), d('2015-04-08'), 3, '病假', '同意', '刘书记'], // valid
      ['钱五', d('2015-04-13'), d('2015-04-15'), 3, '病假', '赵组长', ''], // G4 empty
      ['张三', d('2015-04-20'), d('2015-04-22'), 3, '病假', '王组长', '王组长'], // G5 a 组长 is not 书记/镇长
      ['钱五', d('2015-04-27'), d('2015-04-29'), 3, '病假', '赵组长', '孙副镇长'], // G6 副镇长 is no one of them
      ['李四', d('2015-04-27'), d('2015-04-28'), 2, '事假', '王组长', ''], // 2 ≤ 2: no 领导审批 needed
      ['李四', d('2015-04-09'), d('2015-04-11'), 2.5, '事假', '王组长', ''], // G8 2.5 > 2
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(r.leaves.map((l) => l.valid)).toEqual([true, true, false, false, false, true, false]);
    expect(issueCells(r, 'leave_invalid')).toEqual(['请假!G4', '请假!G5', '请假!G6', '请假!G8']);
    // invalid days in April: 钱五 3 + 3 = 6, 张三 3, 李四 2.5
    expect(staffOf(r, '钱五').absentDays).toBe(6);
    expect(staffOf(r, '张三').absentDays).toBe(3);
    expect(staffOf(r, '李四').absentDays).toBe(2.5);
  });

  it('uses the 组长批假天数 parameter as the limit', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '组长批假天数', 3);
    addLeaves(book, [
      ['张三', d('2015-04-01'), d('2015-04-03'), 3, '病假', '王组长', ''], // 3 ≤ 3
      ['李四', d('2015-04-06'), d('2015-04-09'), 4, '病假', '王组长', ''], // G3 4 > 3
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(r.leaves.map((l) => l.valid)).toEqual([true, false]);
    expect(issueCells(r, 'leave_invalid')).toEqual(['请假!G3']);
  });

  it('needs 领导审批 for any leave of a 组长 himself, and keeps his days off the group', () => {
    // Prepare
    const book = smallTown();
    addLeaves(book, [
      ['王组长', d('2015-04-01'), d('2015-04-01'), 1, '事假', '王组长', ''], // G2 empty
      ['赵组长', d('2015-04-02'), d('2015-04-02'), 1, '事假', '同意', '陈镇长'], // valid
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(r.leaves.map((l) => l.valid)).toEqual([false, true]);
    expect(issueCells(r, 'leave_invalid')).toEqual(['请假!G2']);
    expect(staffOf(r, '王组长').absentDays).toBe(1);
    // the leader's own lapse shows only on his staff row: group 0 days, 组长扣款 0
    expect(groupOf(r, '计生组').absentDays).toBe(0);
    expect(groupOf(r, '计生组').leaderPenalty).toBe(0);
  });

  it('takes the 组长 from 组别: another person with 职务 组长 is a member', () => {
    // Prepare
    const book = smallTown();
    book['人员']!.push(['孙组长', '计生组', '组长', '']); // 人员 A9, not named in 组别
    addLeaves(book, [['孙组长', d('2015-04-01'), d('2015-04-01'), 1, '事假', '王组长', '']]);
    addAttendance(book, [[d('2015-04-02'), '孙组长', '', '缺签', '', '']]);

    // Act
    const r = run(book);

    // Assess
    // a member's 1-day leave approved by 王组长 needs no 领导审批
    expect(r.leaves.map((l) => l.valid)).toEqual([true]);
    // his 缺签 is charged to 王组长: 100 × 1
    expect(groupOf(r, '计生组')).toMatchObject({ missedSignIns: 1, leaderPenalty: 100 });
  });

  it('asks 领导审批 of a person without group (engine choice where SPEC is silent)', () => {
    // Prepare
    const book = smallTown();
    addLeaves(book, [
      ['刘书记', d('2015-04-01'), d('2015-04-01'), 1, '事假', '同意', ''],
      ['刘书记', d('2015-04-02'), d('2015-04-02'), 1, '事假', '同意', '陈镇长'],
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(r.leaves.map((l) => l.valid)).toEqual([false, true]);
    expect(issueCells(r, 'leave_invalid')).toEqual(['请假!G2']);
  });

  it('lays an invalid leave\'s 天数 on its days from 开始日期 and counts those in the assessed month', () => {
    // Prepare
    const book = smallTown();
    addLeaves(book, [
      // 3 days from 03-30: 03-30, 03-31 in March, 04-01 in April
      ['张三', d('2015-03-30'), d('2015-04-01'), 3, '事假', '', ''],
      // 2.5 days from 04-29: 04-29 (1), 04-30 (1) in April, 05-01 (0.5) in May
      ['李四', d('2015-04-29'), d('2015-05-01'), 2.5, '事假', '', ''],
      // 2 days over a 4-day span from 03-30: 03-30 and 03-31, nothing in April
      ['钱五', d('2015-03-30'), d('2015-04-02'), 2, '事假', '', ''],
    ]);

    // Act
    const april = run(book);
    const march = run(book, { month: '2015-03' });

    // Assess
    expect([staffOf(april, '张三').absentDays, staffOf(april, '李四').absentDays, staffOf(april, '钱五').absentDays]).toEqual([1, 2, 0]);
    expect([staffOf(march, '张三').absentDays, staffOf(march, '李四').absentDays, staffOf(march, '钱五').absentDays]).toEqual([2, 0, 2]);
    // April 计生组: 200 × (1 + 2) = 600; March: 200 × 2 = 400 each group
    expect(groupOf(april, '计生组').leaderPenalty).toBe(600);
    expect(groupOf(april, '政法组').leaderPenalty).toBe(0);
    expect(groupOf(march, '计生组').leaderPenalty).toBe(400);
    expect(groupOf(march, '政法组').leaderPenalty).toBe(400);
  });

  it('only warns about an invalid leave when 未批准请假按旷工 is 否', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '未批准请假按旷工', '否');
    addLeaves(book, [['张三', d('2015-04-01'), d('2015-04-03'), 3, '事假', '王组长', '']]);

    // Act
    const r = run(book);

    // Assess
    expect(issueCells(r, 'leave_invalid')).toEqual(['请假!G2']);
    expect(staffOf(r, '张三').absentDays).toBe(0);
    expect(groupOf(r, '计生组').leaderPenalty).toBe(0);
  });
});
