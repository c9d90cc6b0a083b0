import { describe, expect, it } from 'vitest';
import { d, smallTown } from '../fixtures.js';
import { addAttendance, addLeaves, groupOf, issueCells, run, setParam, staffOf } from './helpers.js';

// 考勤 columns: A 日期, B 姓名, C 检查方式, D 结果, E 天数, F 检查人.

describe('R2 discipline', () => {
  it('counts 缺签 rows and 旷工 days (天数, default 1; 脱岗 1) of the assessed month', () => {
    // Prepare
    const book = smallTown();
    addAttendance(book, [
      [d('2015-04-01'), '张三', '定时查岗', '缺签', '', '效能组'],
      [d('2015-04-02'), '张三', '定时查岗', '缺签', '', '效能组'],
      [d('2015-03-02'), '张三', '定时查岗', '缺签', '', '效能组'], // March: not counted
      [d('2015-04-03'), '张三', '不定时抽查', '旷工', '', '效能组'], // 1
      [d('2015-04-07'), '张三', '不定时抽查', '旷工', 2, '效能组'], // 2
      [d('2015-04-09'), '张三', '不定时抽查', '脱岗', '', '效能组'], // 1
      [d('2015-04-10'), '张三', '不定时抽查', '脱岗', 3, '效能组'], // 1 per 脱岗 row, whatever its 天数
      [d('2015-04-10'), '张三', '定时查岗', '在岗', '', '效能组'],
      [d('2015-04-13'), '张三', '不定时抽查', '旷工', 0.5, '效能组'], // 0.5
      [d('2015-04-14'), '李四', '定时查岗', '缺签', '', '效能组'],
      [d('2015-04-01'), '钱五', '节假日值班', '旷工', '', '效能组'],
    ]);

    // Act
    const r = run(book);

    // Assess
    // 张三: 缺签 2; 旷工 1 + 2 + 1 + 1 + 0.5 = 5.5
    expect(staffOf(r, '张三')).toMatchObject({ missedSignIns: 2, absentDays: 5.5 });
    expect(staffOf(r, '李四')).toMatchObject({ missedSignIns: 1, absentDays: 0 });
    // 计生组: 缺签 2 + 1 = 3, 旷工 5.5; 组长扣款 = 100 × 3 + 200 × 5.5 = 300 + 1100 = 1400
    expect(groupOf(r, '计生组')).toMatchObject({ missedSignIns: 3, absentDays: 5.5, leaderPenalty: 1400 });
    // 政法组: 钱五 旷工 1 → 200
    expect(groupOf(r, '政法组')).toMatchObject({ missedSignIns: 0, absentDays: 1, leaderPenalty: 200 });
  });

  it('charges the 组长 for members only, the leader\'s own lapses showing on his staff row', () => {
    // Prepare
    const book = smallTown();
    addAttendance(book, [
      [d('2015-04-15'), '王组长', '定时查岗', '缺签', '', ''],
      [d('2015-04-16'), '王组长', '定时查岗', '旷工', '', ''],
      [d('2015-04-16'), '李四', '定时查岗', '旷工', 2, ''],
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(staffOf(r, '王组长')).toMatchObject({ missedSignIns: 1, absentDays: 1 });
    // only 李四 counts: 200 × 2 = 400
    expect(groupOf(r, '计生组')).toMatchObject({ missedSignIns: 0, absentDays: 2, leaderPenalty: 400 });
  });

  it('uses the 缺签扣款 and 旷工扣款 parameters', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '缺签扣款', 50);
    setParam(book, '旷工扣款', 150.5);
    addAttendance(book, [
      [d('2015-04-01'), '张三', '', '缺签', '', ''],
      [d('2015-04-02'), '张三', '', '缺签', '', ''],
      [d('2015-04-03'), '李四', '', '缺签', '', ''],
      [d('2015-04-06'), '李四', '', '旷工', '', ''],
      [d('2015-04-07'), '李四', '', '旷工', 0.33, ''],
    ]);

    // Act
    const r = run(book);

    // Assess
    // 50 × 3 + 150.5 × (1 + 0.33) = 150 + 200.165 = 350.165 → half-up to the fen 350.17
    expect(groupOf(r, '计生组')).toMatchObject({ missedSignIns: 3, absentDays: 1.33, leaderPenalty: 350.17 });
  });

  it('counts a 请假 row covered by no leave record as 1 旷工 day with a warning, and a covered one never twice', () => {
    // Prepare
    const book = smallTown();
    addLeaves(book, [
      ['李四', d('2015-04-10'), d('2015-04-11'), 2, '事假', '王组长', ''], // valid
      ['张三', d('2015-04-20'), d('2015-04-20'), 1, '事假', '', ''], // invalid: its 1 day counts as 旷工
    ]);
    addAttendance(book, [
      [d('2015-04-10'), '李四', '', '请假', '', ''], // row 2 covered
      [d('2015-04-11'), '李四', '', '请假', '', ''], // row 3 covered (结束日期 itself)
      [d('2015-04-12'), '李四', '', '请假', '', ''], // row 4 not covered → 1
      [d('2015-04-20'), '张三', '', '请假', '', ''], // row 5 covered by the invalid leave: no second day
      [d('2015-04-10'), '张三', '', '请假', '', ''], // row 6 李四's leave does not cover 张三 → 1
    ]);

    // Act
    const r = run(book);

    // Assess
    expect(r.issues.filter((i) => i.code === 'attendance_leave_missing').map((i) => [i.sheet, i.cell.replace(/^[A-Z]+/, ''), i.severity])).toEqual([
      ['考勤', '4', 'warning'],
      ['考勤', '6', 'warning'],
    ]);
    expect(staffOf(r, '李四').absentDays).toBe(1);
    // 张三: invalid leave 1 + uncovered row 1 = 2
    expect(staffOf(r, '张三').absentDays).toBe(2);
    // 组长扣款 = 200 × (1 + 2) = 600
    expect(groupOf(r, '计生组').leaderPenalty).toBe(600);
  });

  it('counts an uncovered 请假 row even when 未批准请假按旷工 is 否', () => {
    // Prepare
    const book = smallTown();
    setParam(book, '未批准请假按旷工', '否');
    addAttendance(book, [[d('2015-04-12'), '钱五', '', '请假', '', '']]);

    // Act
    const r = run(book);

    // Assess
    expect(staffOf(r, '钱五').absentDays).toBe(1);
    expect(groupOf(r, '政法组').leaderPenalty).toBe(200);
  });

  it('warns about an uncovered 请假 row of another month without counting it (engine choice)', () => {
    // Prepare
    const book = smallTown();
    addAttendance(book, [[d('2015-03-05'), '钱五', '', '请假', '', '']]);

    // Act
    const r = run(book);

    // Assess
    expect(issueCells(r, 'attendance_leave_missing').map((c) => c.replace(/[A-Z]+(\d+)$/, '$1'))).toEqual(['考勤!2']);
    expect(staffOf(r, '钱五').absentDays).toBe(0);
  });

  it('adds ⌊(迟到 + 早退) / k⌋ 旷工 days with 迟到早退折算旷工次数 k', () => {
    // Prepare
    const rows: [string, string, string][] = [
      ['2015-04-01', '张三', '迟到'],
      ['2015-04-02', '张三', '迟到'],
      ['2015-04-03', '张三', '迟到'],
      ['2015-04-06', '张三', '早退'],
      ['2015-04-07', '张三', '早退'],
      ['2015-04-08', '李四', '迟到'],
      ['2015-03-02', '李四', '迟到'], // March: not counted
      ['2015-03-03', '李四', '早退'], // March: not counted
    ];
    const withK = smallTown();
    const withoutK = smallTown();
    setParam(withK, '迟到早退折算旷工次数', 2);
    for (const book of [withK, withoutK]) addAttendance(book, rows.map(([date, name, result]) => [d(date), name, '', result, '', '']));

    // Act
    const k2 = run(withK);
    const off = run(withoutK);

    // Assess
    // 张三: ⌊(3 + 2) / 2⌋ = 2; 李四: ⌊1 / 2⌋ = 0
    expect(staffOf(k2, '张三')).toMatchObject({ late: 3, earlyLeave: 2, absentDays: 2 });
    expect(staffOf(k2, '李四')).toMatchObject({ late: 1, earlyLeave: 0, absentDays: 0 });
    expect(groupOf(k2, '计生组')).toMatchObject({ absentDays: 2, leaderPenalty: 400 });
    // k = 0 is off
    expect(staffOf(off, '张三')).toMatchObject({ late: 3, earlyLeave: 2, absentDays: 0 });
    expect(groupOf(off, '计生组').leaderPenalty).toBe(0);
  });
});
